"""Evidence files: whitelisted types, size cap, stored under a generated name, hashed."""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.db import transaction

from allocations.scoping import require_visible
from dakmonev.errors import DomainError

from ..models import Attachment, Finding, FollowUp
from ..permissions import can_add_finding_evidence, can_add_followup_evidence

# extension → (content type served on download, accepted leading bytes)
ALLOWED_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
}
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_UNSAFE_CHARS = re.compile(r"[\x00-\x1f\x7f\"<>|:*?]")


def max_attachment_bytes() -> int:
    return int(getattr(settings, "MONEV_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def display_name(raw: str, ext: str) -> str:
    """The user's file name reduced to a harmless label (no directories, no control characters)."""
    base = PurePosixPath((raw or "").replace("\\", "/")).name
    base = _UNSAFE_CHARS.sub("_", base).strip(" .")
    return base[-200:] if base else f"lampiran.{ext}"


def _check_file(upload: File) -> tuple[str, bytes]:
    """(extension, first bytes) if the upload is an allowed type within the size cap."""
    name = upload.name or ""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in ALLOWED_TYPES:
        raise DomainError(
            f"Jenis berkas .{ext or '?'} tidak diterima. Gunakan: {', '.join(sorted(ALLOWED_TYPES))}.",
            field="files",
        )
    size = upload.size or 0
    if size <= 0:
        raise DomainError(f"Berkas {display_name(name, ext)} kosong.", field="files")
    limit = max_attachment_bytes()
    if size > limit:
        raise DomainError(
            f"Berkas {display_name(name, ext)} terlalu besar ({size:,} bita); maksimal {limit // (1024 * 1024)} MB.".replace(
                ",", "."
            ),
            field="files",
        )
    upload.seek(0)
    head = upload.read(16)
    if not any(head.startswith(magic) for magic in ALLOWED_TYPES[ext][1]):
        raise DomainError(
            f"Isi berkas {display_name(name, ext)} tidak sesuai dengan jenis .{ext}.", field="files"
        )
    return ext, head


def _store(
    *, actor, finding: Finding, followup: FollowUp | None, upload: File, is_synthetic: bool
) -> Attachment:
    ext, _head = _check_file(upload)
    digest = hashlib.sha256()
    upload.seek(0)
    data = bytearray()
    for chunk in upload.chunks() if hasattr(upload, "chunks") else [upload.read()]:
        digest.update(chunk)
        data.extend(chunk)
    attachment = Attachment(
        finding=finding,
        followup=followup,
        original_name=display_name(upload.name, ext),
        extension=ext,
        content_type=ALLOWED_TYPES[ext][0],
        size=len(data),
        sha256=digest.hexdigest(),
        uploaded_by=actor,
        is_synthetic=is_synthetic,
    )
    # The storage name comes from attachment_path (a UUID), whatever name we pass here.
    attachment.file.save(f"upload.{ext}", ContentFile(bytes(data)), save=False)
    attachment._history_user = actor
    attachment.save()
    return attachment


@transaction.atomic
def attachment_add(
    *,
    actor,
    finding: Finding,
    upload: File,
    followup: FollowUp | None = None,
    is_synthetic: bool = False,
) -> Attachment:
    """Keeps one evidence file (allowed type, within the size cap) under a generated name, with its SHA-256.

    Without `followup` it is the inspector's evidence of the finding; with it, the region's
    evidence of that (not yet assessed) follow-up.
    """
    require_visible(actor, finding)
    if followup is None:
        can_add_finding_evidence(actor, finding).require()
    else:
        followup = FollowUp.objects.get(pk=followup.pk)
        if followup.finding_id != finding.pk:
            raise DomainError("Tindak lanjut bukan milik temuan ini.")
        followup.finding = finding
        can_add_followup_evidence(actor, followup).require()
    return _store(
        actor=actor, finding=finding, followup=followup, upload=upload, is_synthetic=is_synthetic
    )


def check_uploads(uploads) -> None:
    """Raises DomainError for the first upload that would be refused (before anything is saved)."""
    for upload in uploads:
        _check_file(upload)
