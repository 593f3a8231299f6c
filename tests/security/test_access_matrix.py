"""Every route of the URL configuration, visited as every role and as another region's dinas.

The expected status of each (route, role) is written down in EXPECTED (access_routes.py); a
route added to the URLconf without an entry fails `test_every_route_has_an_entry`. Object
routes are visited with an object of region A: B's dinas operator must get 404 (never 403,
never data). API list counts must equal the database count of the user's scope. When a route
changes on purpose, the failure message of test_get_matrix lists (expected, got) for every cell
that differs.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.security.access_routes import (
    API_LISTS,
    EXPECTED,
    MULTIPART_API,
    POST_FORBIDDEN,
    route_names,
    status_of,
    url_for,
)
from tests.security.access_world import ROLES, build_world


@pytest.fixture(scope="module")
def module_media(tmp_path_factory):
    return str(tmp_path_factory.mktemp("access-media"))


@pytest.fixture(autouse=True)
def _media_root(settings, module_media):
    # Files made for the module's world must stay readable by every test of the module.
    settings.MEDIA_ROOT = module_media


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, module_media):
    from django.test import override_settings

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=module_media):
        world = build_world()
    yield world
    with django_db_blocker.unblock():
        from django.core.management import call_command

        call_command("flush", interactive=False, verbosity=0)


def test_every_route_has_an_entry():
    missing = sorted(set(route_names()) - set(EXPECTED))
    assert not missing, f"routes without an access-matrix entry: {missing}"
    assert not sorted(set(EXPECTED) - set(route_names())), "entries for routes that no longer exist"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_get_matrix(world, client, role):
    wrong = {}
    for name in route_names():
        got = status_of(client, world.users[role], url_for(name, world.objects))
        if got != EXPECTED[name][role]:
            wrong[name] = (EXPECTED[name][role], got)
    assert not wrong, f"{role}: route → (expected, got): {wrong}"


def _snapshot(world) -> tuple:
    from allocations.models import Allocation, PlannedActivity
    from monev.models import Attachment, FieldPhoto, Finding, FollowUp
    from notifications.models import Notification
    from realisasi.models import ActivityPhoto, QuarterlyReport

    o = world.objects
    return (
        ActivityPhoto.objects.count(),
        FieldPhoto.objects.count(),
        ActivityPhoto.objects.get(pk=o["photo"].pk).review_status,
        PlannedActivity.objects.filter(pk=o["activity"].pk).exists(),
        Allocation.objects.get(pk=o["allocation"].pk).rk_status,
        QuarterlyReport.objects.get(pk=o["report"].pk).status,
        Finding.objects.get(pk=o["finding"].pk).status,
        Finding.objects.get(pk=o["finding"].pk).closed_at,
        FollowUp.objects.count(),
        Attachment.objects.count(),
        Notification.objects.get(pk=o["notification"].pk).read_at,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(POST_FORBIDDEN))
def test_forbidden_posts_change_nothing(world, client, name):
    url = url_for(name, world.objects)
    before = _snapshot(world)
    body = {
        "reason": "x",
        "alasan": "x",
        "status": "SELESAI",
        "description": "x",
        "uraian": "x",
        "note": "x",
    }
    # The API reads JSON (multipart where a file comes); pages read forms.
    as_json = name.startswith("api:") and name not in MULTIPART_API
    for role, expected in POST_FORBIDDEN[name].items():
        client.logout()
        client.force_login(world.users[role])
        got = client.post(
            url,
            body,
            **({"content_type": "application/json"} if as_json else {}),
            HTTP_HOST="127.0.0.1",
        ).status_code
        assert got == expected, f"{name} as {role}: expected {expected}, got {got}"
    client.logout()
    anon = client.post(url, {}, HTTP_HOST="127.0.0.1").status_code
    assert anon in (302, 401, 403), f"{name} anonymous: {anon}"
    assert _snapshot(world) == before


@pytest.mark.django_db
@pytest.mark.parametrize("role", [r for r in ROLES if r != "anon"])
def test_api_list_counts_equal_the_users_scope(world, client, role):
    from django.apps import apps

    user = world.users[role]
    client.force_login(user)
    for name, (app, model) in API_LISTS.items():
        body = client.get(reverse(name), HTTP_HOST="127.0.0.1").json()
        assert body["count"] == apps.get_model(app, model).objects.visible_to(user).count(), (
            name,
            role,
        )


PAYLOAD = '<script>alert("xss")</script><img src=x onerror=alert(1)>'


def _plant_payload(world) -> None:
    from allocations.models import PlannedActivity, Sentra
    from monev.models import Finding, Inspection
    from realisasi.models import Alert, QuarterlyReport, ReportUpload

    o = world.objects
    PlannedActivity.objects.filter(pk=o["activity"].pk).update(
        description=PAYLOAD, supplier=PAYLOAD
    )
    Sentra.objects.filter(region=o["region"]).update(name=PAYLOAD, commodity=PAYLOAD)
    Finding.objects.filter(pk=o["finding"].pk).update(kondisi=PAYLOAD, rekomendasi=PAYLOAD)
    Inspection.objects.filter(pk=o["inspection"].pk).update(notes_output=PAYLOAD)
    QuarterlyReport.objects.filter(pk=o["report"].pk).update(return_reason=PAYLOAD)
    ReportUpload.objects.filter(pk=o["upload"].pk).update(original_name=PAYLOAD + ".xlsx")
    Alert.objects.filter(pk=o["alert"].pk).update(title=PAYLOAD, message=PAYLOAD)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["ditjen", "dinas_own", "inspektorat"])
def test_html_in_text_fields_is_escaped_on_every_page(world, client, role):
    _plant_payload(world)
    client.force_login(world.users[role])
    shown = 0
    for name in route_names():
        if EXPECTED[name][role] != 200:
            continue
        response = client.get(url_for(name, world.objects), HTTP_HOST="127.0.0.1")
        if "html" not in response.get("Content-Type", ""):
            continue
        body = response.content.decode()
        assert "<script>alert(" not in body and "<img src=x" not in body, f"{name} renders raw HTML"
        shown += "&lt;script&gt;alert(" in body
    assert shown >= 3, "the payload should be visible (escaped) on several pages"


@pytest.mark.django_db
def test_html_in_text_fields_is_escaped_in_the_admin(world, client):
    from django.contrib import admin

    _plant_payload(world)
    client.force_login(world.users["ditjen"])
    from accounts.services import DITJEN_ADMIN_APPS

    for model in admin.site._registry:
        opts = model._meta
        if opts.app_label not in DITJEN_ADMIN_APPS:
            continue  # auth groups and axes records are for superusers
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        response = client.get(changelist, HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, changelist
        assert "<script>alert(" not in response.content.decode(), changelist
    finding = world.objects["finding"]
    page = client.get(
        reverse("admin:monev_finding_change", args=[finding.pk]), HTTP_HOST="127.0.0.1"
    )
    assert page.status_code == 200 and "<script>alert(" not in page.content.decode()
