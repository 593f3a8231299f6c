"""Simultaneous writes of the same report (PostgreSQL, real row locks, one connection per thread).

Two uploads of the same quarter at once are covered in tests/realisasi/test_import_concurrency.py
(one current version; the same bytes stored once). Here: two submissions of one draft, two
verifications of one report (through the API, so "clean error" means a 409 body, never a 500),
and a submission racing a new upload of the same quarter.
"""
# ruff: noqa: F811 -- fixtures imported from tests.api.conftest are test parameters by design

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection
from rest_framework.test import APIClient

from accounts.tokens import token_issue
from dakmonev.errors import Conflict
from realisasi.choices import COUNTED_STATUSES, ReportStatus, UploadStatus
from realisasi.models import QuarterlyReport
from realisasi.services.imports import report_import
from realisasi.services.reports import report_submit

# The two-region world of the API tests, as fixtures (pytest injects them by parameter name).
from tests.api.conftest import _fresh_throttles, world  # noqa: F401, F811
from tests.realisasi.report_fixtures import RK, fixture_bytes

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(*jobs: Callable[[], object]) -> list[tuple[str, object]]:
    """Run the jobs in threads released together; each result is ("ok", value) or ("error", exc)."""
    barrier = threading.Barrier(len(jobs))
    results: list[tuple[str, object] | None] = [None] * len(jobs)

    def run(i, job):
        try:
            barrier.wait(timeout=10)
            results[i] = ("ok", job())
        except BaseException as exc:  # reported to the test, which decides what is acceptable
            results[i] = ("error", exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert all(r is not None for r in results), "a thread did not finish"
    return results


def _post(user, url: str) -> Callable[[], tuple[int, dict]]:
    token = token_issue(user=user)[1]

    def job():
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        response = client.post(url)
        return response.status_code, response.json()

    return job


def _statuses(results) -> list[int]:
    assert all(kind == "ok" for kind, _ in results), results
    return sorted(value[0] for _, value in results)


def test_two_simultaneous_submissions_count_one_version_and_the_other_gets_409(world):
    draft = world.own.draft
    user = world.users["dinas_own"]
    results = race(
        _post(user, f"/api/v1/reports/{draft.pk}/submit/"),
        _post(user, f"/api/v1/reports/{draft.pk}/submit/"),
    )
    assert _statuses(results) == [200, 409]
    loser = next(body for _, (code, body) in results if code == 409)
    assert loser["error"]["code"] == "conflict" and "draf" in loser["error"]["message"]
    quarter = QuarterlyReport.objects.filter(
        region=draft.region, fiscal_year=draft.fiscal_year, quarter=draft.quarter
    )
    assert quarter.filter(status__in=COUNTED_STATUSES).count() == 1
    assert quarter.get(status=ReportStatus.SUBMITTED).pk == draft.pk
    assert draft.history.filter(status=ReportStatus.SUBMITTED).count() == 1


def test_two_simultaneous_verifications_leave_one_history_entry(world):
    report = world.own.report  # submitted
    user = world.users["ditjen"]
    results = race(
        _post(user, f"/api/v1/reports/{report.pk}/verify/"),
        _post(user, f"/api/v1/reports/{report.pk}/verify/"),
    )
    assert _statuses(results) == [200, 409]
    report.refresh_from_db()
    assert report.status == ReportStatus.VERIFIED and report.verified_by == user
    assert report.history.filter(status=ReportStatus.VERIFIED).count() == 1


def test_two_simultaneous_service_submissions_raise_conflict_not_integrity_error():
    rk = RK()
    draft = report_import(
        actor=rk.dinas, name="valid.xlsx", data=fixture_bytes("valid.xlsx")
    ).report
    results = race(
        lambda: report_submit(actor=rk.dinas, report=draft),
        lambda: report_submit(actor=rk.ditjen, report=draft),
    )
    kinds = sorted(kind for kind, _ in results)
    assert kinds == ["error", "ok"], results
    error = next(value for kind, value in results if kind == "error")
    assert isinstance(error, Conflict), repr(error)
    assert QuarterlyReport.objects.filter(status=ReportStatus.SUBMITTED).count() == 1


def test_submission_racing_a_new_upload_of_the_same_quarter_stays_consistent():
    rk = RK()
    v1 = report_import(actor=rk.dinas, name="valid.xlsx", data=fixture_bytes("valid.xlsx")).report
    results = race(
        lambda: report_submit(actor=rk.dinas, report=v1),
        lambda: report_import(
            actor=rk.dinas, name="b.xlsx", data=fixture_bytes("percent_format.xlsx")
        ),
    )
    (submit_kind, submit_value), (upload_kind, upload_value) = results
    assert upload_kind == "ok" and upload_value.upload.status == UploadStatus.ACCEPTED, results
    versions = {r.version: r for r in QuarterlyReport.objects.filter(region=rk.region, quarter=2)}
    assert set(versions) == {1, 2}
    assert [v for v, r in versions.items() if r.is_current] == [2]
    if submit_kind == "ok":  # the submission went first: v1 counts, v2 is the new draft
        assert (versions[1].status, versions[2].status) == (
            ReportStatus.SUBMITTED,
            ReportStatus.DRAFT,
        )
    else:  # the upload went first: v1 was superseded, so it can no longer be submitted
        assert isinstance(submit_value, Conflict), repr(submit_value)
        assert (versions[1].status, versions[2].status) == (
            ReportStatus.SUPERSEDED,
            ReportStatus.DRAFT,
        )
    assert versions[2].lines.count() == 3
