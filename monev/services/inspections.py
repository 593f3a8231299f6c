"""Writes of inspections: only the Inspectorate records and rates them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from accounts.models import User
from accounts.roles import is_inspector
from allocations.models import FiscalYear, Region
from dakmonev.errors import DomainError

from ..choices import InspectionKind, Rating
from ..models import Inspection
from ..permissions import can_record_inspection

EDITABLE_FIELDS = {
    "fiscal_year",
    "region",
    "kind",
    "start_date",
    "end_date",
    "letter_number",
    "summary",
    "rating_output",
    "notes_output",
    "rating_reporting",
    "notes_reporting",
    "rating_performance",
    "notes_performance",
}


def _validate(inspection: Inspection, team: list[User] | None) -> None:
    if inspection.end_date < inspection.start_date:
        raise DomainError("Tanggal selesai tidak boleh sebelum tanggal mulai.", field="end_date")
    if inspection.kind not in InspectionKind.values:
        raise DomainError("Jenis inspeksi tidak dikenal.", field="kind")
    for key in ("rating_output", "rating_reporting", "rating_performance"):
        value = getattr(inspection, key)
        if value is not None and value not in Rating.values:
            raise DomainError("Nilai harus 1 (kurang) sampai 4 (sangat baik).", field=key)
    if team is not None:
        outsiders = [u.username for u in team if not is_inspector(u)]
        if outsiders:
            raise DomainError(f"Anggota tim harus inspektur: {', '.join(outsiders)}.", field="team")


@transaction.atomic
def inspection_create(
    *,
    actor: User,
    fiscal_year: FiscalYear,
    region: Region,
    kind: str,
    start_date: dt.date,
    end_date: dt.date,
    team: Iterable[User] = (),
    letter_number: str = "",
    summary: str = "",
    rating_output: int | None = None,
    notes_output: str = "",
    rating_reporting: int | None = None,
    notes_reporting: str = "",
    rating_performance: int | None = None,
    notes_performance: str = "",
    is_synthetic: bool = False,
) -> Inspection:
    """Records an inspection by an inspector; the team defaults to the actor and holds inspectors only."""
    can_record_inspection(actor).require()
    members = list(team) or [actor]
    inspection = Inspection(
        fiscal_year=fiscal_year,
        region=region,
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        letter_number=letter_number,
        summary=summary,
        rating_output=rating_output,
        notes_output=notes_output,
        rating_reporting=rating_reporting,
        notes_reporting=notes_reporting,
        rating_performance=rating_performance,
        notes_performance=notes_performance,
        created_by=actor,
        is_synthetic=is_synthetic,
    )
    _validate(inspection, members)
    inspection._history_user = actor
    inspection.save()
    inspection.team.set(members)
    return inspection


@transaction.atomic
def inspection_update(
    *, actor: User, inspection: Inspection, team: Iterable[User] | None = None, **changes
) -> Inspection:
    """Changes an inspection's facts or ratings (inspectors only); every change is kept in history."""
    can_record_inspection(actor, inspection).require()
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise DomainError(f"Kolom tidak dapat diubah: {', '.join(sorted(unknown))}.")
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if "fiscal_year" in changes or "region" in changes:
        moved = (
            changes.get("fiscal_year", inspection.fiscal_year) != inspection.fiscal_year
            or changes.get("region", inspection.region) != inspection.region
        )
        if moved and inspection.findings.exists():
            raise DomainError(
                "TA dan wilayah tidak dapat diubah setelah ada temuan.", field="region"
            )
    for key, value in changes.items():
        setattr(inspection, key, value)
    members = list(team) if team is not None else None
    _validate(inspection, members)
    inspection._history_user = actor
    inspection.save()
    if members is not None:
        inspection.team.set(members or [actor])
    return inspection
