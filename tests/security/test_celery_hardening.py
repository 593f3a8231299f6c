"""The worker accepts JSON only: a pickle message is refused and does nothing."""

import time

import pytest

from tests.conftest import wait_for


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_pickle_messages_are_refused_by_the_worker(celery_worker_process):
    from allocations.models import Region
    from dakmonev.celery import app

    with app.connection_for_write() as conn:
        app.send_task(
            "allocations.tasks.reference_data_load_task",
            queue=celery_worker_process["queue"],
            serializer="pickle",
            connection=conn,
        )
    log = celery_worker_process["log"]
    wait_for(
        lambda: b"Refusing to deserialize untrusted content of type pickle" in log.read_bytes(),
        timeout=30,
    )
    time.sleep(1)
    assert Region.objects.count() == 0
    # The same task as JSON runs.
    app.send_task(
        "allocations.tasks.reference_data_load_task", queue=celery_worker_process["queue"]
    )
    wait_for(lambda: Region.objects.exists(), timeout=60)
