"""Tasks of the allocations app: thin callers of services, safe to run twice."""

from celery import shared_task

from .services.reference import reference_data_load


@shared_task(name="allocations.tasks.reference_data_load_task")
def reference_data_load_task() -> dict:
    """Upsert the reference data (regions, menus, problem codes); idempotent."""
    result = reference_data_load()
    return result.__dict__
