"""How much one account and one region may upload: the rule shared by the page and the API."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from accounts.models import User
from dakmonev.errors import DomainError

from ..models import ReportUpload


class TooManyUploads(DomainError):
    """An upload limit is reached (429); the message says which and what to do."""

    status_code = 429
    code = "too_many_uploads"


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def check_upload_limits(*, actor: User) -> None:
    """Refuse a new upload beyond the per-account hourly limit or the region's stored originals."""
    per_hour = settings.DAK_UPLOADS_PER_USER_PER_HOUR
    since = timezone.now() - dt.timedelta(hours=1)
    recent = ReportUpload.objects.filter(uploaded_by=actor, created_at__gte=since).count()
    if recent >= per_hour:
        raise TooManyUploads(
            f"Anda sudah mengunggah {_number(recent)} berkas dalam satu jam terakhir (batasnya "
            f"{_number(per_hour)} per jam). Setiap unggahan menampilkan semua kesalahan berkas "
            "sekaligus: perbaiki semuanya dulu, lalu unggah lagi setelah beberapa menit."
        )
    if actor.region_id is None:
        return
    kept = settings.DAK_STORED_UPLOADS_PER_REGION
    stored = ReportUpload.objects.filter(region_id=actor.region_id).count()
    if stored >= kept:
        raise TooManyUploads(
            f"Wilayah Anda sudah menyimpan {_number(stored)} berkas unggahan (batasnya "
            f"{_number(kept)}). Berkas asli selalu disimpan, jadi unggahan baru tidak dapat "
            "diterima: hubungi Ditjen IKMA untuk menambah batas wilayah Anda."
        )
