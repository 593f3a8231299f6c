"""Signals of the report workflow, so other parts (absorption, alerts) react without coupling.

`report_counted(sender=QuarterlyReport, report=<QuarterlyReport>)` is sent after a version is
submitted, verified or returned — i.e. whenever the set of counted reports may have changed.
It is sent from `transaction.on_commit`, so receivers see the committed state; they may be
called more than once for the same report and must be idempotent.
"""

from __future__ import annotations

from django.db import transaction
from django.dispatch import Signal

report_counted = Signal()


def send_report_counted_on_commit(report) -> None:
    """Queue `report_counted` for after the current transaction commits."""
    from .models import QuarterlyReport

    transaction.on_commit(lambda: report_counted.send(sender=QuarterlyReport, report=report))
