"""Who may do what with allocations, RK lines, procurement, disbursements and TA rules.

One `can_<action>(user, obj)` per action (dakmonev.decisions): the services raise its reason,
the RK page shows a button only when it allows, the RK importer checks every row with it.
"""

from __future__ import annotations

from accounts.roles import is_ditjen, is_region_writer
from dakmonev.decisions import ALLOWED, Decision, deny
from dakmonev.errors import Conflict, NotFound, NotPermitted

from .choices import RKStatus
from .models import Allocation, PlannedActivity, Sentra

__all__ = [
    "can_approve_rk",
    "can_configure_fiscal_year",
    "can_edit_procurement",
    "can_edit_holidays",
    "can_grant_deadline_extension",
    "can_edit_reference_data",
    "can_edit_rk_lines",
    "can_edit_sentra",
    "can_import_rk",
    "can_record_disbursement",
    "can_return_rk",
    "can_set_pagu",
    "can_submit_rk",
    "may_write_region",
]

OPEN_RK = (RKStatus.DRAFT, RKStatus.RETURNED)
OPEN_FOR_RETURN = (RKStatus.SUBMITTED, RKStatus.APPROVED)


def _ditjen(user, what: str) -> Decision:
    return (
        ALLOWED if is_ditjen(user) else deny(NotPermitted(f"Hanya Ditjen IKMA yang dapat {what}."))
    )


def may_write_region(
    user, region_id: int | None, what: str = "mengubah data wilayah ini"
) -> Decision:
    """Regional data is written by Ditjen IKMA or by the region's own dinas (or region-bound API
    account). Another region's account learns nothing (NotFound); other roles get NotPermitted."""
    if is_region_writer(user, region_id):
        return ALLOWED
    if getattr(user, "region_id", None) not in (None, region_id):
        return deny(NotFound("Data tidak ditemukan."))
    return deny(NotPermitted(f"Hanya dinas wilayah ini atau Ditjen IKMA yang dapat {what}."))


def can_set_pagu(user, allocation: Allocation | None = None) -> Decision:
    """Fix or import a region's pagu for a TA."""
    return _ditjen(user, "menetapkan pagu")


def can_record_disbursement(user, allocation: Allocation | None = None) -> Decision:
    return _ditjen(user, "mencatat penyaluran")


def can_edit_reference_data(user, obj=None) -> Decision:
    """Correct a region (name, level, zone) by hand; the Kemendagri list itself is loaded in bulk."""
    return _ditjen(user, "mengubah data referensi wilayah")


def can_edit_holidays(user, holiday=None) -> Decision:
    """Add, correct or remove a national holiday or cuti bersama (the decree changes them)."""
    return _ditjen(user, "mengubah kalender hari libur")


def can_grant_deadline_extension(user, region=None) -> Decision:
    """Extend (or withdraw the extension of) one region's report deadline."""
    return _ditjen(user, "memperpanjang batas laporan wilayah")


def can_configure_fiscal_year(user, fiscal_year=None) -> Decision:
    """Create a TA, its disbursement rules and its report deadline overrides."""
    return _ditjen(user, "mengatur tahun anggaran dan batas laporannya")


def can_edit_rk_lines(user, allocation: Allocation) -> Decision:
    """Add, change or delete RK lines (by page, API or import): the region's writer while the RK
    is a draft or returned; Ditjen IKMA may always correct."""
    writer = may_write_region(user, allocation.region_id, "mengubah RK wilayah ini")
    if not writer:
        return writer
    if allocation.rk_status not in OPEN_RK and not is_ditjen(user):
        return deny(
            Conflict(
                f"RK berstatus {allocation.get_rk_status_display().lower()}; "
                "baris RK tidak dapat diubah oleh dinas."
            )
        )
    return ALLOWED


def can_import_rk(user) -> Decision:
    """Import an RK file at all: Ditjen IKMA, or an account that writes one region's RK (each
    row is then checked with `can_edit_rk_lines`)."""
    if is_ditjen(user) or is_region_writer(user, getattr(user, "region_id", None)):
        return ALLOWED
    return deny(NotPermitted("Anda tidak berhak mengimpor RK."))


def can_edit_procurement(user, activity: PlannedActivity) -> Decision:
    """Record an RK line's procurement state (whatever the RK's approval state)."""
    return may_write_region(user, activity.allocation.region_id, "mencatat pengadaan wilayah ini")


def can_edit_sentra(user, sentra: Sentra) -> Decision:
    """Record a sentra's location (latitude, longitude): its region's dinas or Ditjen IKMA."""
    return may_write_region(user, sentra.region_id, "mengubah data sentra wilayah ini")


def can_submit_rk(user, allocation: Allocation) -> Decision:
    writer = may_write_region(user, allocation.region_id, "mengajukan RK wilayah ini")
    if not writer:
        return writer
    if allocation.rk_status not in OPEN_RK:
        return deny(
            Conflict(
                f"RK berstatus {allocation.get_rk_status_display().lower()}; tidak dapat diajukan."
            )
        )
    return ALLOWED


def can_approve_rk(user, allocation: Allocation) -> Decision:
    ditjen = _ditjen(user, "menyetujui RK")
    if ditjen and allocation.rk_status != RKStatus.SUBMITTED:
        return deny(Conflict("Hanya RK yang sudah diajukan yang dapat disetujui."))
    return ditjen


def can_return_rk(user, allocation: Allocation | None = None) -> Decision:
    """Return a submitted or approved RK with a reason (without one: whether the role may)."""
    ditjen = _ditjen(user, "mengembalikan RK")
    if ditjen and allocation is not None and allocation.rk_status not in OPEN_FOR_RETURN:
        return deny(Conflict("Hanya RK yang diajukan atau disetujui yang dapat dikembalikan."))
    return ditjen
