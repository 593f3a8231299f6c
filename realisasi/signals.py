"""Signals of the report workflow, so other parts (absorption, alerts) react without coupling.

`report_counted(sender=QuarterlyReport, report=<QuarterlyReport>)` is sent after a version is
submitted, verified or returned — whenever the set of counted reports may have changed. It is
sent inside the service's transaction, after the change is saved: receivers may write in the
same transaction, and must defer side effects (tasks, mail) with `transaction.on_commit`.
"""

from __future__ import annotations

from django.dispatch import Signal

report_counted = Signal()


def send_report_counted(report) -> None:
    from .models import QuarterlyReport

    report_counted.send(sender=QuarterlyReport, report=report)
