"""Alerts (overdue reports, monev follow-ups); the people told of them get a notification (notifications app)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from allocations.scoping import RegionScopedQuerySet

__all__ = ["Alert", "AlertKind", "NO_QUARTER", "alert_event_key"]

# Alerts that are not about a quarter (monev follow-ups) store 0, not NULL: NULLs are distinct
# in a unique constraint and would let duplicates in.
NO_QUARTER = 0


class AlertKind(models.TextChoices):
    REMINDER = "PENGINGAT", _("Pengingat batas laporan")
    OVERDUE = "TERLAMBAT", _("Laporan terlambat")
    ESCALATION = "ESKALASI", _("Eskalasi ke Ditjen")
    FOLLOWUP_OVERDUE = "TINDAK_LANJUT_TERLAMBAT", _("Tindak lanjut temuan terlambat")
    BEHIND_PLAN = "TERTINGGAL", _("Tertinggal dari rencana")


# Kinds raised and resolved by the quarterly-report deadline check.
REPORT_KINDS = (AlertKind.REMINDER, AlertKind.OVERDUE, AlertKind.ESCALATION)


class AlertQuerySet(RegionScopedQuerySet):
    region_lookup = "region_id"

    def open(self):
        return self.filter(resolved_at__isnull=True)

    def resolved(self):
        return self.filter(resolved_at__isnull=False)

    def for_report_quarter(self, *, region_id: int, fiscal_year_id: int, quarter: int):
        return self.filter(
            region_id=region_id,
            fiscal_year_id=fiscal_year_id,
            quarter=quarter,
            kind__in=REPORT_KINDS,
            subject_key="",
        )


class Alert(models.Model):
    """Something a region (or ditjen) must act on; exists once per kind, region, TA, quarter and subject."""

    kind = models.CharField(_("jenis"), max_length=30, choices=AlertKind.choices)
    region = models.ForeignKey(
        "allocations.Region", on_delete=models.PROTECT, related_name="alerts"
    )
    fiscal_year = models.ForeignKey(
        "allocations.FiscalYear", on_delete=models.PROTECT, related_name="alerts"
    )
    quarter = models.PositiveSmallIntegerField(_("triwulan"), default=NO_QUARTER)
    subject_key = models.CharField(
        _("subjek"),
        max_length=80,
        blank=True,
        default="",
        help_text=_(
            "Kosong untuk laporan triwulan; mis. 'finding:123' untuk tindak lanjut temuan."
        ),
    )
    title = models.CharField(_("judul"), max_length=200)
    message = models.TextField(_("pesan"), blank=True)
    url = models.CharField(_("tautan"), max_length=300, blank=True)
    due_date = models.DateField(_("batas waktu"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("peringatan")
        verbose_name_plural = _("peringatan")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "region", "fiscal_year", "quarter", "subject_key"],
                name="one_alert_per_subject",
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=0, quarter__lte=4), name="alert_quarter_0_4"
            ),
        ]
        indexes = [models.Index(fields=["fiscal_year", "resolved_at"], name="alert_year_open")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


def alert_event_key(alert_id: int) -> str:
    """The notifications' event key of an alert: one notification per user and alert."""
    return f"alert:{alert_id}"
