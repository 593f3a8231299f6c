"""The quarter (triwulan) of a fiscal year: the one choices type, its labels and its last day.

A TA is a calendar year (DOMAIN.md §2), so quarter Q ends on the last day of month 3·Q. Every
app, template, export and API reads quarters through `Quarter` — no other table of "TW I"…"TW IV".
"""

from __future__ import annotations

import datetime as dt

from django.db import models

__all__ = ["Quarter"]


class Quarter(models.IntegerChoices):
    Q1 = 1, "TW I"
    Q2 = 2, "TW II"
    Q3 = 3, "TW III"
    Q4 = 4, "TW IV"

    @property
    def roman(self) -> str:
        """`I`…`IV`, as in `TW III` and `Triwulan III`."""
        return self.label.removeprefix("TW ")

    def last_day(self, year: int) -> dt.date:
        """The quarter's last calendar day in TA `year`."""
        if self == Quarter.Q4:
            return dt.date(year, 12, 31)
        return dt.date(year, self * 3 + 1, 1) - dt.timedelta(days=1)

    @classmethod
    def of(cls, value) -> Quarter | None:
        """The quarter a query value or number names (`3`, `"3"`), or None for anything else."""
        if isinstance(value, bool):
            return None
        if isinstance(value, str):
            value = value.strip()
            if not value.isdigit():
                return None
        try:
            number = int(value)
        except (TypeError, ValueError):
            return None
        return cls(number) if number in cls.values else None

    @classmethod
    def from_roman(cls, text: str) -> Quarter | None:
        """`II` → TW II (upper-case roman numerals only)."""
        return next((q for q in cls if q.roman == text), None)
