"""Stored is not submitted: the upload page says a draft is a draft and offers to submit it;
submit, verify (with the verifier's note) and return confirm what happened; Ditjen verifies
several clean reports at once from the queue."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from realisasi.choices import ReportStatus
from realisasi.models import QuarterlyReport
from realisasi.services.imports import report_import, report_upload_receive
from realisasi.services.reports import report_submit
from tests import factories

from .report_fixtures import RK, fixture_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def rk():
    return RK()


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_stored_draft_says_so_and_can_be_submitted_from_the_upload_page(
    client, rk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload = report_upload_receive(
            actor=rk.dinas, name="valid.xlsx", data=fixture_bytes("valid.xlsx")
        )
    upload.refresh_from_db()
    client.force_login(rk.dinas)
    status_url = reverse("realisasi:upload_status", args=[upload.pk])
    page = client.get(status_url).content.decode()
    assert "Disimpan sebagai draf — belum diajukan" in page and "Ajukan sekarang" in page
    assert 'class="badge ok"' not in page  # no green "Diterima" for a draft
    response = client.post(
        reverse("realisasi:report_submit", args=[upload.report_id]), {"next": status_url}
    )
    assert response.status_code == 302 and response.url == status_url
    assert any("diajukan ke Ditjen IKMA" in m for m in _messages(response))
    page = client.get(status_url).content.decode()
    assert "belum diajukan" not in page and "data-submitted-notice" in page


def test_submit_now_is_the_default_on_the_confirm_form(
    client, rk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload = report_upload_receive(
            actor=rk.dinas, name="valid.xlsx", data=fixture_bytes("valid.xlsx"), dry_run=True
        )
    client.force_login(rk.dinas)
    page = client.get(reverse("realisasi:upload_status", args=[upload.pk])).content.decode()
    assert re.search(r'<input type="checkbox" name="submit"[^>]* checked', page)
    assert "langsung diajukan" in client.get(reverse("realisasi:upload")).content.decode()


@pytest.fixture
def submitted(rk):
    draft = report_import(
        actor=rk.dinas, name="valid.xlsx", data=fixture_bytes("valid.xlsx")
    ).report
    return report_submit(actor=rk.dinas, report=draft)


def test_verify_with_a_note_confirms_and_keeps_the_note_in_history(client, rk, submitted):
    client.force_login(rk.ditjen)
    page = client.get(
        reverse("realisasi:verification_detail", args=[submitted.pk])
    ).content.decode()
    assert 'name="note"' in page
    response = client.post(
        reverse("realisasi:report_verify", args=[submitted.pk]), {"note": "Foto lengkap"}
    )
    assert any("diverifikasi" in m for m in _messages(response))
    submitted.refresh_from_db()
    assert (
        submitted.status == ReportStatus.VERIFIED and submitted.verification_note == "Foto lengkap"
    )
    assert submitted.history.order_by("-history_id").first().verification_note == "Foto lengkap"
    client.force_login(rk.dinas)
    assert (
        "Foto lengkap"
        in client.get(reverse("realisasi:report_detail", args=[submitted.pk])).content.decode()
    )


def test_return_confirms(client, rk, submitted):
    client.force_login(rk.ditjen)
    response = client.post(
        reverse("realisasi:report_return", args=[submitted.pk]), {"reason": "RK-02 keliru"}
    )
    assert any("dikembalikan ke dinas" in m for m in _messages(response))


def test_batch_verify_takes_only_clean_reports(client, rk):
    other = factories.region("33.01", name="Kabupaten Cilacap")
    alloc, acts = factories.allocation_with_lines(other, 2024, [100_000_000])
    clean = [
        factories.report(rk.region, 2024, 1, [(rk.activities[0], 1, 1)]),
        factories.report(other, 2024, 1, [(acts[0], 1, 1)]),
    ]
    warned = factories.report(other, 2024, 2, [(acts[0], 1, 1)])
    QuarterlyReport.objects.filter(pk=warned.pk).update(warnings=[{"message": "fisik < keuangan"}])
    client.force_login(rk.ditjen)
    page = client.get(reverse("realisasi:verification_queue")).content.decode()
    assert f'value="{clean[0].pk}"' in page and f'value="{warned.pk}"' not in page
    response = client.post(
        reverse("realisasi:verification_batch"),
        {"reports": [clean[0].pk, clean[1].pk, warned.pk]},
    )
    statuses = dict(QuarterlyReport.objects.values_list("pk", "status"))
    assert [statuses[r.pk] for r in clean] == [ReportStatus.VERIFIED] * 2
    assert statuses[warned.pk] == ReportStatus.SUBMITTED
    msgs = _messages(response)
    assert "2 laporan diverifikasi; dinasnya diberi tahu." in msgs
    assert any("ada peringatan" in m for m in msgs)


def test_batch_verify_is_for_ditjen_only(client, rk, submitted):
    client.force_login(rk.dinas)
    response = client.post(reverse("realisasi:verification_batch"), {"reports": [submitted.pk]})
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.SUBMITTED
