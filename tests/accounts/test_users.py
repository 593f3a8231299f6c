"""Provisioning users: one at a time and hundreds of dinas operators from CSV."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import User
from accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_create_user_command_binds_dinas_to_region(reference_data):
    call_command(
        "create_user",
        "op.bandung",
        "--role",
        "dinas",
        "--region",
        "32.04",
        "--password",
        "Kuat-Sekali-2026",
        stdout=io.StringIO(),
    )
    user = User.objects.get(username="op.bandung")
    assert user.region.name == "Kabupaten Bandung"
    assert list(user.groups.values_list("name", flat=True)) == ["dinas"]
    assert user.check_password("Kuat-Sekali-2026")


def test_create_user_refuses_dinas_without_region_and_weak_password(reference_data):
    with pytest.raises(CommandError, match="kode wilayah"):
        call_command("create_user", "x", "--role", "dinas", "--password", "Kuat-Sekali-2026")
    with pytest.raises(CommandError):
        call_command("create_user", "y", "--role", "ditjen", "--password", "123")
    assert not User.objects.exists()


def test_import_users_is_all_or_nothing_with_row_errors(reference_data, tmp_path):
    path = tmp_path / "users.csv"
    path.write_text(
        "username,role,region,password,email\n"
        "op.a,dinas,32.04,Kuat-Sekali-2026,a@example.go.id\n"
        "op.b,dinas,99.99,Kuat-Sekali-2026,\n",
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("import_users", str(path), stdout=out, stderr=err)
    assert exc.value.code == 1
    assert "Baris 3, kolom region" in err.getvalue()
    assert not User.objects.exists()


def test_import_users_creates_hundreds(reference_data, tmp_path):
    from allocations.models import Region

    codes = list(Region.objects.kabkota().values_list("code", flat=True)[:200])
    lines = ["username,role,region,password"] + [
        f"op.{c},dinas,{c},Kuat-Sekali-2026" for c in codes
    ]
    path = tmp_path / "users.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    call_command("import_users", str(path), stdout=io.StringIO())
    assert User.objects.filter(role=Role.DINAS).count() == 200


def test_seed_demo_is_idempotent_and_prints_logins():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    call_command("seed_demo", stdout=io.StringIO())
    assert "dinas.jayapura" in out.getvalue()
    assert "DemoDAK-2026!" in out.getvalue()
    assert User.objects.filter(username="dinas.sorong", region__code="96.71").count() == 1


def test_ditjen_staff_can_use_the_admin_and_dinas_cannot(reference_data, client):
    from accounts.services import user_create

    client.force_login(
        user_create(actor=None, username="staf", role="ditjen", password="Kuat-Sekali-2026")
    )
    assert client.get("/admin/allocations/allocation/").status_code == 200
    assert client.get("/admin/monev/finding/").status_code == 200
    client.logout()
    client.force_login(
        user_create(
            actor=None,
            username="op",
            role="dinas",
            region_code="32.04",
            password="Kuat-Sekali-2026",
        )
    )
    response = client.get("/admin/allocations/allocation/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
