from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .roles import Role, sees_all_regions


class User(AbstractUser):
    """A person or system account. Role decides what it may do; a dinas user has one region."""

    role = models.CharField(_("peran"), max_length=20, choices=Role.choices, blank=True, default="")
    region = models.ForeignKey(
        "allocations.Region",
        verbose_name=_("wilayah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    history = HistoricalRecords(excluded_fields=["last_login", "password"])

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role=Role.DINAS) | Q(region__isnull=False),
                name="dinas_user_has_region",
                violation_error_message=_("Pengguna dinas harus terikat pada satu wilayah."),
            ),
        ]

    @property
    def sees_all_regions(self) -> bool:
        return sees_all_regions(self)

    @property
    def role_label(self) -> str:
        return self.get_role_display() if self.role else ("Superuser" if self.is_superuser else "-")
