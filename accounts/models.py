from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .roles import REGION_ROLES, Role, sees_all_regions


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
    email_notifications = models.BooleanField(
        _("terima notifikasi lewat email"),
        default=True,
        help_text=_("Notifikasi selalu tampil di aplikasi; ini hanya mengatur email."),
    )
    verification_digest = models.BooleanField(
        _("ringkasan harian laporan yang menunggu verifikasi"), default=False
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
            models.CheckConstraint(
                condition=Q(region__isnull=True) | Q(role__in=[r.value for r in REGION_ROLES]),
                name="region_only_for_dinas_or_api",
                violation_error_message=_(
                    "Hanya pengguna dinas atau api yang terikat pada wilayah."
                ),
            ),
        ]

    def clean(self):
        """The region rule of the two constraints, named on the region field for forms."""
        super().clean()
        if self.role == Role.DINAS and self.region_id is None:
            raise ValidationError({"region": _("Pengguna dinas harus terikat pada satu wilayah.")})
        if self.region_id is not None and self.role not in REGION_ROLES:
            raise ValidationError(
                {"region": _("Hanya pengguna dinas atau api yang terikat pada wilayah.")}
            )

    def save(self, *args, **kwargs):
        # A new password or a deactivation ends every API token of the account, in the same
        # transaction. `_password` is set by set_password() only (Django's hash upgrade on login
        # clears it), so a rehash is not a password change.
        password_changed = self._password is not None
        super().save(*args, **kwargs)
        if password_changed or not self.is_active:
            from .tokens import tokens_revoke_all

            tokens_revoke_all(user=self)

    @property
    def sees_all_regions(self) -> bool:
        return sees_all_regions(self)

    @property
    def role_label(self) -> str:
        return self.get_role_display() if self.role else ("Superuser" if self.is_superuser else "-")
