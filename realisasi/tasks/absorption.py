"""Periodic and on-demand jobs of absorption, alerts and the verification digest. Names are explicit: settings.CELERY_BEAT_SCHEDULE uses them."""

from __future__ import annotations

import datetime as dt

from celery import shared_task

__all__ = ["check_overdue_task", "recompute_absorption_task", "verification_digest_task"]


@shared_task(name="realisasi.tasks.recompute_absorption_task")
def recompute_absorption_task(year: int | None = None) -> int:
    """Refresh the absorption snapshots of TA `year` (every TA with allocations when None); safe to run twice."""
    from ..services.absorption import absorption_snapshots_refresh, years_with_allocations

    years = [year] if year else years_with_allocations()
    return sum(absorption_snapshots_refresh(year=y) for y in years)


@shared_task(name="realisasi.tasks.check_overdue_task")
def check_overdue_task(as_of: str | None = None) -> dict:
    """Run the overdue-report check now (or for the ISO date `as_of`); never duplicates an alert or an email."""
    from ..services.alerts import check_overdue

    run = check_overdue(as_of=dt.date.fromisoformat(as_of) if as_of else None)
    return {
        "raised": run.raised,
        "resolved": run.resolved,
        "emails": run.emails,
        "open": len(run.open_alerts),
    }


@shared_task(name="realisasi.tasks.verification_digest_task")
def verification_digest_task(today: str | None = None) -> int:
    """The daily digest of reports waiting for verification, to the Ditjen users who chose it; once a day."""
    from ..services.notifications import verification_digest_send

    return verification_digest_send(today=dt.date.fromisoformat(today) if today else None)
