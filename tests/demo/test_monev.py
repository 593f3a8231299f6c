"""The monev demo: every follow-up status, visible to the demo dinas users, idempotent."""

from __future__ import annotations

import io

import pytest

from allocations.services.reference import reference_data_load
from demo import accounts, monev
from monev.choices import FollowUpStatus
from monev.models import Attachment, Finding, FollowUp, Inspection, OutcomeSurvey

pytestmark = pytest.mark.django_db


def test_demo_covers_every_status_and_is_idempotent():
    reference_data_load()
    accounts.seed()
    actor = accounts.demo_actor()
    out = io.StringIO()
    first = monev.seed(actor=actor, stdout=out)
    assert first["inspections"] == 16 and first["findings"] == 48 and first["surveys"] == 8
    assert "sintetis" in out.getvalue()
    open_statuses = set(Finding.objects.open().values_list("status", flat=True))
    closed_statuses = set(Finding.objects.closed().values_list("status", flat=True))
    assert open_statuses == {FollowUpStatus.BELUM, FollowUpStatus.PROSES, FollowUpStatus.SELESAI}
    assert closed_statuses == {FollowUpStatus.SELESAI, FollowUpStatus.TIDAK_DAPAT}
    assert Finding.objects.filter(
        status=FollowUpStatus.BELUM, followups__assessed_at__isnull=True, followups__isnull=False
    ).exists()  # answered, awaiting assessment
    assert (
        Attachment.objects.filter(followup__isnull=False).exists()
        and Attachment.objects.filter(followup=None).exists()
    )
    assert not Finding.objects.filter(is_synthetic=False).exists()
    for username, code in accounts.DEMO_DINAS:
        from accounts.models import User

        user = User.objects.get(username=username)
        assert Finding.objects.visible_to(user).exists(), code
        assert not Finding.objects.visible_to(user).exclude(region__code=code).exists()

    counts = [m.objects.count() for m in (Inspection, Finding, FollowUp, Attachment, OutcomeSurvey)]
    again = monev.seed(actor=actor, stdout=io.StringIO())
    assert again == {"inspections": 0, "findings": 0, "surveys": 0}
    assert [
        m.objects.count() for m in (Inspection, Finding, FollowUp, Attachment, OutcomeSurvey)
    ] == counts
