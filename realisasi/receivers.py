"""Reactions of absorption and alerts to report changes (`realisasi.signals.report_counted`).

After a report is submitted, verified or returned: its quarter's report alerts resolve in the
same transaction (when a counted version now exists), and the TA's absorption snapshots are
recomputed after commit (coalesced during a surge: services.absorption.absorption_recompute_schedule).
"""

from __future__ import annotations

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from dakmonev import figures_version

# Every model whose rows a published figure is computed from (the bulk paths bump explicitly).
FIGURE_SOURCES = (
    "allocations.Region",
    "allocations.Allocation",
    "allocations.PlannedActivity",
    "allocations.FiscalYear",
    "realisasi.QuarterlyReport",
    "realisasi.ReportLine",
)


def on_figure_source_changed(sender, **kwargs) -> None:
    figures_version.bump()


def on_report_counted(sender, report, **kwargs) -> None:
    from .services.absorption import absorption_recompute_schedule
    from .services.alerts import alerts_resolve_for_report

    alerts_resolve_for_report(report=report)
    year = report.fiscal_year.year
    transaction.on_commit(lambda: absorption_recompute_schedule(year=year))


def connect() -> bool:
    """Connect to `report_counted` if the reports workflow defines it; returns whether it did."""
    try:
        from .signals import report_counted
    except ImportError:
        return False
    report_counted.connect(on_report_counted, dispatch_uid="realisasi.receivers.on_report_counted")
    for label in FIGURE_SOURCES:
        model = apps.get_model(label)
        post_save.connect(
            on_figure_source_changed, sender=model, dispatch_uid=f"figures:save:{label}"
        )
        post_delete.connect(
            on_figure_source_changed, sender=model, dispatch_uid=f"figures:delete:{label}"
        )
    return True
