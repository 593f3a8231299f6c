"""Background processing of report uploads (in-process when no broker is configured)."""

from __future__ import annotations

from celery import shared_task

__all__ = ["process_report_upload_task", "requeue_stalled_uploads_task"]


@shared_task(name="realisasi.tasks.process_report_upload_task")
def process_report_upload_task(upload_id: int) -> str:
    """Run the import of one upload; an upload already finished is left untouched (idempotent)."""
    from ..services.imports import report_upload_process

    return report_upload_process(upload_id=upload_id).upload.status


@shared_task(name="realisasi.tasks.requeue_stalled_uploads_task")
def requeue_stalled_uploads_task() -> int:
    """Queue again the uploads whose processing never started or never finished (lost task)."""
    from ..services.imports import stalled_uploads_requeue

    return stalled_uploads_requeue()
