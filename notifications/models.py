"""Notifications: one per user and event, shown in the application and e-mailed at most once.

This app sits right above `accounts` (it knows users and nothing else), so every app's services
can tell people what happened: allocations (RK), realisasi (reports, uploads, alerts) and monev
(findings, follow-ups). The event key names the event ("report:12:returned:345"); the unique
(user, event key) keeps a repeated call from creating a second notification or a second e-mail.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["Notification", "NotificationKind"]


class NotificationKind(models.TextChoices):
    ALERT = "PERINGATAN", _("Peringatan")
    REPORT_RETURNED = "LAPORAN_DIKEMBALIKAN", _("Laporan dikembalikan")
    REPORT_VERIFIED = "LAPORAN_DIVERIFIKASI", _("Laporan diverifikasi")
    RK_APPROVED = "RK_DISETUJUI", _("RK disetujui")
    RK_RETURNED = "RK_DIKEMBALIKAN", _("RK dikembalikan")
    FINDING_ADDRESSED = "TEMUAN_BARU", _("Temuan baru untuk daerah")
    FOLLOWUP_RECEIVED = "TINDAK_LANJUT_MASUK", _("Tindak lanjut masuk")
    FOLLOWUP_ASSESSED = "TINDAK_LANJUT_DINILAI", _("Tindak lanjut dinilai")
    UPLOAD_FINISHED = "UNGGAHAN_SELESAI", _("Unggahan selesai diproses")
    VERIFICATION_DIGEST = "RINGKASAN_VERIFIKASI", _("Ringkasan harian verifikasi")
    PHOTO_REJECTED = "FOTO_DITOLAK", _("Foto kegiatan ditolak")
    DEADLINE_EXTENDED = "BATAS_DIPERPANJANG", _("Batas laporan diperpanjang")


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        if not (user and user.is_authenticated):
            return self.none()
        return self.filter(user=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One user's notice of one event: shown in the app, e-mailed at most once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("jenis"), max_length=30, choices=NotificationKind.choices)
    event_key = models.CharField(_("kunci peristiwa"), max_length=120)
    title = models.CharField(_("judul"), max_length=200)
    body = models.TextField(_("isi"), blank=True)
    url = models.CharField(_("tautan"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("dikirim lewat email"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "event_key"], name="one_notification_per_user_event"
            )
        ]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_user_unread"),
            models.Index(fields=["event_key"], name="notification_event"),
        ]

    def __str__(self) -> str:
        return self.title
