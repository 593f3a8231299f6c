"""Schemathesis against our own schema, in-process (Django's WSGI app): for every operation,
positive and negative cases must never be a server error and every response must match the
schema (status code documented, content type and body shape as declared).

Bounded: MAX_EXAMPLES per operation and mode, derandomized so CI runs are reproducible.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.tokens import token_issue

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

MAX_EXAMPLES = 20
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
MODES = [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE]
# Monev writes are the inspectors' (everyone else gets a documented 403); the rest runs as ditjen.
INSPECTOR_OPERATIONS = {
    "findings_create",
    "findings_partial_update",
    "findings_close_create",
    "followups_assess_create",
}


@pytest.fixture
def wsgi_app():
    """Django's WSGI app in the test's transaction: keep it from closing the connection per request."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _real_ids(world) -> dict[str, int]:
    """A visible object per resource, so detail operations are exercised on real rows as well as 404s."""
    own = world.own
    return {
        "regions": own.region.pk,
        "allocations": own.allocation.pk,
        "activities": own.activities[0].pk,
        "disbursements": own.disbursement.pk,
        "reports": own.draft.pk,
        "alerts": own.alert.pk,
        "findings": own.finding.pk,
        "followups": own.followup.pk,
    }


def _strategy(operation, mode, real_id):
    generated = operation.as_strategy(generation_mode=mode)
    if real_id is None or "{id}" not in operation.path:
        return generated
    return st.one_of(
        generated, operation.as_strategy(generation_mode=mode, path_parameters={"id": real_id})
    )


def _fuzz(strategy, headers: dict, calls: dict, max_examples: int = MAX_EXAMPLES) -> None:
    """Run one operation's cases; raises the (shrunk) first failure."""

    @settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],
    )
    @given(case=strategy)
    def run(case):
        calls["total"] += 1
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS, headers=headers)

    run()


def test_schemathesis_finds_no_server_errors_and_no_schema_violations(world, wsgi_app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", wsgi_app)
    tokens = {
        role: token_issue(user=world.users[role])[1]
        for role in ("ditjen", "inspektorat", "dinas_own")
    }
    ids = _real_ids(world)
    failures, calls = [], {"total": 0}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 29

    for operation in operations:
        role = (
            "inspektorat"
            if operation.definition.raw.get("operationId") in INSPECTOR_OPERATIONS
            else "ditjen"
        )
        headers = {"Authorization": f"Token {tokens[role]}"}
        resource = operation.path.removeprefix("/api/v1/").split("/")[0]
        for mode in MODES:
            try:
                _fuzz(_strategy(operation, mode, ids.get(resource)), headers, calls)
            except Exception as exc:  # noqa: BLE001 — collect every operation's failure, then report them all
                failures.append(
                    f"{operation.label} [{mode.value}] {type(exc).__name__}: {str(exc)[:2000]}"
                )
        if (
            operation.method.upper() == "GET"
        ):  # reads again as a dinas account: scoped lists, 404s, 403s
            dinas = {"Authorization": f"Token {tokens['dinas_own']}"}
            try:
                _fuzz(
                    _strategy(operation, MODES[0], ids.get(resource)),
                    dinas,
                    calls,
                    MAX_EXAMPLES // 2,
                )
            except Exception as exc:  # noqa: BLE001
                failures.append(
                    f"{operation.label} [dinas] {type(exc).__name__}: {str(exc)[:2000]}"
                )

    print(
        f"schemathesis: {len(operations)} operations, {calls['total']} requests, {len(failures)} failures"
    )
    assert not failures, "\n\n".join(failures)
