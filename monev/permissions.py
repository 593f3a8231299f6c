"""Who may record inspections, findings and outcome surveys, answer findings and assess follow-ups.

One `can_<action>(user, obj)` per action (dakmonev.decisions): the services raise its reason,
the monev pages show a button or form only when it allows.
"""

from __future__ import annotations

from accounts.roles import is_ditjen, is_inspector
from allocations.permissions import may_write_region
from dakmonev.decisions import ALLOWED, Decision, deny
from dakmonev.errors import Conflict, NotPermitted

from .choices import CLOSABLE_STATUSES
from .models import Finding, FollowUp, Inspection

__all__ = [
    "can_add_followup_evidence",
    "can_add_finding_evidence",
    "can_answer_finding",
    "can_assess_followup",
    "can_close_finding",
    "can_edit_finding",
    "can_record_finding",
    "can_record_inspection",
    "can_record_outcomes",
]


def _inspector(user, what: str) -> Decision:
    if is_inspector(user):
        return ALLOWED
    return deny(NotPermitted(f"Hanya Inspektorat Jenderal yang dapat {what}."))


def _open(finding: Finding, message: str) -> Decision:
    return deny(Conflict(message)) if finding.is_closed else ALLOWED


def can_record_inspection(user, inspection: Inspection | None = None) -> Decision:
    """Record an inspection, or change and rate one."""
    return _inspector(user, "mencatat atau mengubah inspeksi")


def can_record_finding(user, inspection: Inspection | None = None) -> Decision:
    """Record a finding of an inspection."""
    return _inspector(user, "mencatat temuan")


def can_edit_finding(user, finding: Finding | None = None) -> Decision:
    """Correct an open finding (without one: whether the role may)."""
    if finding is None:
        return _inspector(user, "mengubah temuan")
    return _inspector(user, "mengubah temuan") and _open(
        finding, "Temuan sudah ditutup dan tidak dapat diubah."
    )


def can_add_finding_evidence(user, finding: Finding) -> Decision:
    """Attach the inspector's evidence files to an open finding."""
    return _inspector(user, "menambah lampiran temuan") and _open(
        finding, "Temuan sudah ditutup; lampiran tidak dapat ditambah."
    )


def can_close_finding(user, finding: Finding) -> Decision:
    """Close a finding whose last assessment is 'sesuai' or 'tidak dapat ditindaklanjuti'."""
    decision = _inspector(user, "menutup temuan") and _open(finding, "Temuan sudah ditutup.")
    if decision and finding.status not in CLOSABLE_STATUSES:
        return deny(
            Conflict(
                "Temuan hanya dapat ditutup bila penilaian tindak lanjut terakhir 'Sesuai rekomendasi' "
                "atau 'Tidak dapat ditindaklanjuti'."
            )
        )
    return decision


def can_answer_finding(user, finding: Finding) -> Decision:
    """Send a follow-up of an open finding: its region's dinas, or Ditjen IKMA on its behalf."""
    return may_write_region(user, finding.region_id, "mengirim tindak lanjut") and _open(
        finding, "Temuan sudah ditutup; tindak lanjut tidak dapat dikirim."
    )


def can_add_followup_evidence(user, followup: FollowUp) -> Decision:
    """Attach more evidence to a follow-up not yet assessed (the region that sent it)."""
    finding = followup.finding
    decision = may_write_region(user, finding.region_id, "menambah bukti tindak lanjut") and _open(
        finding, "Temuan sudah ditutup; lampiran tidak dapat ditambah."
    )
    if decision and followup.assessed_at is not None:
        return deny(
            Conflict("Tindak lanjut sudah dinilai; kirim tindak lanjut baru untuk bukti tambahan.")
        )
    return decision


def can_assess_followup(user, followup: FollowUp | None = None) -> Decision:
    """Assess a follow-up once, while its finding is open (without one: whether the role may)."""
    if followup is None:
        return _inspector(user, "menilai tindak lanjut")
    decision = _inspector(user, "menilai tindak lanjut") and _open(
        followup.finding, "Temuan sudah ditutup."
    )
    if decision and followup.assessed_at is not None:
        return deny(Conflict("Tindak lanjut ini sudah dinilai."))
    return decision


def can_record_outcomes(user, survey=None) -> Decision:
    """Record a sentra's outcome survey: Itjen or Ditjen IKMA."""
    if is_inspector(user) or is_ditjen(user):
        return ALLOWED
    return deny(
        NotPermitted(
            "Hanya Inspektorat Jenderal atau Ditjen IKMA yang dapat mencatat survei outcome."
        )
    )
