"""Privilege boundaries in the admin: what a Ditjen administrator may and may not change.

Holes found from outside: a ditjen user ticked `is_superuser` on its own account, and an
inspektorat user given a region through the admin could import RK lines.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from knox.models import AuthToken

from accounts.models import User
from accounts.roles import Role
from accounts.services import user_create
from accounts.tokens import token_issue
from allocations.models import Region
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db
PW = "Kuat-Sekali-2026"


@pytest.fixture
def region():
    return RegionFactory(code="32.04", name="Kabupaten Bandung")


@pytest.fixture
def ditjen(client):
    user = user_create(actor=None, username="staf", role=Role.DITJEN, password=PW)
    client.force_login(user)
    return user


def _change(client, user, **fields):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": user.role,
        "region": user.region_id or "",
        "is_active": "on" if user.is_active else "",
    }
    data.update(fields)
    return client.post(f"/admin/accounts/user/{user.pk}/change/", {k: v for k, v in data.items()})


def test_ditjen_cannot_make_itself_superuser_or_staff_or_join_groups(client, ditjen):
    admins = Group.objects.create(name="admins")
    page = client.get(f"/admin/accounts/user/{ditjen.pk}/change/")
    assert page.status_code == 200
    for field in ("is_superuser", "is_staff", "groups", "user_permissions"):
        assert f'name="{field}"' not in page.content.decode()
    response = _change(
        client, ditjen, is_superuser="on", groups=[admins.pk], first_name="Nama Baru"
    )
    assert response.status_code == 302
    ditjen.refresh_from_db()
    assert ditjen.first_name == "Nama Baru"  # the allowed change went through
    assert not ditjen.is_superuser
    assert list(ditjen.groups.values_list("name", flat=True)) == ["ditjen"]
    assert client.get("/admin/auth/group/").status_code == 403
    assert client.get("/admin/axes/accessattempt/").status_code == 403


def test_ditjen_cannot_change_or_reset_a_superuser(client, ditjen):
    root = User.objects.create_superuser("root", "root@example.go.id", PW)
    assert client.get(f"/admin/accounts/user/{root.pk}/change/").status_code in (200, 403)
    assert _change(client, root, first_name="Diambil").status_code == 403
    assert (
        client.post(
            f"/admin/accounts/user/{root.pk}/password/",
            {"password1": "Diambil-Alih-2026", "password2": "Diambil-Alih-2026"},
        ).status_code
        == 403
    )
    root.refresh_from_db()
    assert root.first_name == "" and root.check_password(PW)


def test_admin_region_rules_are_the_services(client, ditjen, region):
    inspector = user_create(actor=None, username="itjen", role=Role.INSPEKTORAT, password=PW)
    response = _change(client, inspector, region=region.pk)
    assert response.status_code == 200  # the form again, with the reason
    assert "Hanya pengguna dinas atau api yang terikat pada wilayah." in response.content.decode()
    inspector.refresh_from_db()
    assert inspector.region is None
    dinas = user_create(
        actor=None, username="op", role=Role.DINAS, password=PW, region_code="32.04"
    )
    response = _change(client, dinas, region="")
    assert "Pengguna dinas wajib punya kode wilayah" in response.content.decode()
    assert User.objects.get(pk=dinas.pk).region == region


def test_a_role_change_in_the_admin_moves_group_and_staff_flag(client, ditjen, region):
    dinas = user_create(
        actor=None, username="op", role=Role.DINAS, password=PW, region_code="32.04"
    )
    assert _change(client, dinas, role=Role.DITJEN, region="").status_code == 302
    dinas.refresh_from_db()
    assert dinas.role == Role.DITJEN and dinas.is_staff and not dinas.is_superuser
    assert list(dinas.groups.values_list("name", flat=True)) == ["ditjen"]
    assert dinas.history.first().history_user == ditjen


def test_adding_a_user_in_the_admin_goes_through_the_service(client, ditjen, region):
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "itjen2",
            "password1": PW,
            "password2": PW,
            "role": "inspektorat",
            "region": region.pk,
        },
    )
    assert response.status_code == 200 and not User.objects.filter(username="itjen2").exists()
    response = client.post(
        "/admin/accounts/user/add/",
        {"username": "op2", "password1": PW, "password2": PW, "role": "dinas", "region": region.pk},
    )
    assert response.status_code == 302
    created = User.objects.get(username="op2")
    assert created.region == region and list(created.groups.values_list("name", flat=True)) == [
        "dinas"
    ]


def test_a_superuser_may_grant_privileges(client, region):
    root = User.objects.create_superuser("root", "root@example.go.id", PW)
    client.force_login(root)
    staff = user_create(actor=None, username="staf", role=Role.DITJEN, password=PW)
    admins = Group.objects.create(name="admins")
    response = _change(
        client, staff, is_superuser="on", is_staff="on", groups=[admins.pk, staff.groups.get().pk]
    )
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.is_superuser and set(staff.groups.values_list("name", flat=True)) == {
        "admins",
        "ditjen",
    }


def test_the_database_refuses_a_region_on_another_role(region):
    inspector = user_create(actor=None, username="itjen", role=Role.INSPEKTORAT, password=PW)
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=inspector.pk).update(region=region)
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=inspector.pk).update(role=Role.DINAS)
    assert Region.objects.filter(users=inspector).count() == 0


def test_nobody_reads_or_creates_tokens_in_the_admin(client, ditjen):
    owner = user_create(actor=None, username="itjen", role=Role.INSPEKTORAT, password=PW)
    _, plain = token_issue(user=owner)
    assert client.get("/admin/authtoken/tokenproxy/").status_code == 404
    assert client.get("/admin/knox/authtoken/").status_code == 403
    root = User.objects.create_superuser("root", "root@example.go.id", PW)
    client.force_login(root)
    listing = client.get("/admin/knox/authtoken/")
    assert listing.status_code == 200 and plain not in listing.content.decode()
    assert client.get("/admin/knox/authtoken/add/").status_code == 403
    assert AuthToken.objects.filter(user=owner).count() == 1
