"""Celery tasks of monev (autodiscovered). Each names itself explicitly; safe to run twice."""

from __future__ import annotations

import datetime as dt

from celery import shared_task

from .services.alerts import check_overdue_followups


@shared_task(name="monev.tasks.check_overdue_followups_task")
def check_overdue_followups_task(as_of: str | None = None) -> dict:
    """Raise/resolve FOLLOWUP_OVERDUE alerts as of `as_of` (YYYY-MM-DD, default today in Asia/Jakarta)."""
    run = check_overdue_followups(dt.date.fromisoformat(as_of) if as_of else None)
    return {"raised": run.raised, "resolved": run.resolved, "open": len(run.open_alerts)}
