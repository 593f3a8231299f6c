"""The holiday calendar that working-day deadlines skip: national holidays and cuti bersama.

Seeded from the `holidays` package's Indonesia calendar (category PUBLIC → NASIONAL, GOVERNMENT
→ CUTI_BERSAMA) by the reference-data load; afterwards Ditjen IKMA corrects it by hand (cuti
bersama change by decree), so the seed fills only years that hold no day yet and never
overwrites or re-adds an edited day.
"""

from __future__ import annotations

import datetime as dt

import holidays as holidays_lib
from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from dakmonev.errors import DomainError

from ..choices import HolidayKind
from ..models import Holiday
from ..permissions import can_edit_holidays
from ._common import save_with_history

__all__ = ["SEED_YEARS", "holiday_delete", "holiday_save", "holidays_seed", "library_holidays"]

SEED_YEARS = range(2016, 2036)


def library_holidays(year: int) -> list[Holiday]:
    """The `holidays` package's days off for Indonesia in `year`, in Indonesian, unsaved."""
    days: dict[dt.date, Holiday] = {}
    for category, kind in (
        (holidays_lib.GOVERNMENT, HolidayKind.CUTI_BERSAMA),
        (holidays_lib.PUBLIC, HolidayKind.NASIONAL),  # a date in both is a national holiday
    ):
        calendar = holidays_lib.country_holidays(
            "ID", years=year, categories=(category,), language="id"
        )
        for date, name in calendar.items():
            days[date] = Holiday(date=date, name=name[:200], kind=kind)
    return [days[d] for d in sorted(days)]


@transaction.atomic
def holidays_seed(*, years=SEED_YEARS) -> int:
    """Add the library's days off for every year in `years` that has none yet; returns how many
    were added (0 when run again)."""
    seeded = {
        d.year
        for d in Holiday.objects.filter(
            date__year__gte=min(years), date__year__lte=max(years)
        ).dates("date", "year")
    }
    new = [h for year in years if year not in seeded for h in library_holidays(year)]
    if new:
        bulk_create_with_history(new, Holiday, batch_size=500)
    return len(new)


@transaction.atomic
def holiday_save(*, actor, holiday: Holiday | None, date: dt.date, name: str, kind: str) -> Holiday:
    """Add or correct one day off (Ditjen IKMA); history keeps the old values."""
    can_edit_holidays(actor, holiday).require()
    holiday = holiday or Holiday()
    holiday.date, holiday.name, holiday.kind = date, name, kind
    try:
        holiday.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError(" ".join(messages), field=field) from exc
    save_with_history(holiday, actor)
    return holiday


@transaction.atomic
def holiday_delete(*, actor, holiday: Holiday) -> None:
    """Remove a day off (e.g. a cuti bersama the decree dropped); history keeps it."""
    can_edit_holidays(actor, holiday).require()
    holiday._history_user = actor
    holiday.delete()
