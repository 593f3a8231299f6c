"""One error body everywhere: {"error": {"code", "message", "field"?, "details"?}} with the right status."""

from __future__ import annotations

import pytest

from dakmonev.api.throttles import PerUserThrottle

from .conftest import client_for

pytestmark = pytest.mark.django_db


def _error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == code and body["error"]["message"]
    return body["error"]


def test_400_names_the_field_and_keeps_the_details(world, api):
    error = _error(
        api("inspektorat").post("/api/v1/findings/", {"title": "x"}, format="json"), 400, "invalid"
    )
    assert {"inspection", "kondisi", "due_date"} <= set(error["details"])


def test_400_on_malformed_json(world, api):
    response = api("ditjen").post(
        f"/api/v1/reports/{world.own.report.pk}/return/",
        "{not json",
        content_type="application/json",
    )
    _error(response, 400, "parse_error")


def test_401_without_credentials(world):
    error = _error(client_for(world, "anonymous").get("/api/v1/reports/"), 401, "not_authenticated")
    assert "field" not in error


def test_403_for_a_role_that_may_not(world, api):
    error = _error(
        api("pimpinan").post(f"/api/v1/reports/{world.own.report.pk}/verify/"),
        403,
        "permission_denied",
    )
    assert "Ditjen" in error["message"]


def test_404_for_unknown_paths_is_json_too(world, api):
    _error(api("ditjen").get("/api/v1/tidak-ada/"), 404, "not_found")
    _error(client_for(world, "anonymous").get("/api/v1/tidak-ada/"), 404, "not_found")
    error = _error(api("ditjen").get("/api/v1/regions"), 404, "not_found")
    assert error["details"]["hint"].endswith("/api/v1/regions/")
    _error(api("ditjen").get("/api/v1/reports/999999/"), 404, "not_found")
    _error(api("ditjen").get("/api/v1/reports/abc/"), 404, "not_found")


def test_405_for_a_method_the_endpoint_does_not_have(world, api):
    _error(
        api("ditjen").delete(f"/api/v1/regions/{world.own.region.pk}/"), 405, "method_not_allowed"
    )
    _error(
        api("inspektorat").put(f"/api/v1/findings/{world.own.finding.pk}/", {}, format="json"),
        405,
        "method_not_allowed",
    )


def test_409_when_the_state_does_not_allow_it(world, api):
    error = _error(
        api("ditjen").post(f"/api/v1/reports/{world.own.draft.pk}/verify/"), 409, "conflict"
    )
    assert "diajukan" in error["message"]


def test_415_for_an_unsupported_content_type(world, api):
    response = api("inspektorat").post("/api/v1/findings/", "<x/>", content_type="application/xml")
    _error(response, 415, "unsupported_media_type")


def test_429_per_user_with_retry_after(world, api, monkeypatch):
    monkeypatch.setattr(PerUserThrottle, "THROTTLE_RATES", {"user": "2/minute"})
    ditjen, pimpinan = api("ditjen"), api("pimpinan")
    assert [ditjen.get("/api/v1/regions/").status_code for _ in range(2)] == [200, 200]
    error = _error(ditjen.get("/api/v1/regions/"), 429, "throttled")
    assert error["details"]["wait_seconds"] > 0
    assert int(ditjen.get("/api/v1/regions/")["Retry-After"]) > 0
    assert pimpinan.get("/api/v1/regions/").status_code == 200  # another token has its own budget


def test_500_is_logged_and_answered_in_the_same_shape(world, api, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("realisasi.api.absorption.absorption", broken)
    error = _error(api("ditjen").get("/api/v1/absorption/?year=2024"), 500, "server_error")
    assert "boom" not in error["message"]
    assert any("Unhandled API error" in r.message for r in caplog.records)
