"""Writes of user accounts: provisioning one user or hundreds of dinas operators at once."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from allocations.models import Region
from dakmonev.errors import DomainError, NotPermitted

from .models import User
from .roles import Role, is_ditjen

# Ditjen staff administer the programme in the admin: every permission of these apps.
DITJEN_ADMIN_APPS = ("accounts", "allocations", "realisasi", "monev", "authtoken")


def ensure_role_groups() -> dict[str, Group]:
    """The five role groups exist; ditjen holds the admin permissions of the programme's apps."""
    groups = {role.value: Group.objects.get_or_create(name=role.value)[0] for role in Role}
    wanted = Permission.objects.filter(content_type__app_label__in=DITJEN_ADMIN_APPS)
    if groups[Role.DITJEN].permissions.count() != wanted.count():
        groups[Role.DITJEN].permissions.set(wanted)
    return groups


def _check_user_fields(
    *, username: str, role: str, region_code: str | None, password: str, regions: dict[str, Region]
) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if not username or not username.strip():
        problems.append(("username", "Nama pengguna wajib diisi."))
    if role not in Role.values:
        problems.append(
            ("role", f"Peran '{role}' tidak dikenal; pilih salah satu: {', '.join(Role.values)}.")
        )
    if role == Role.DINAS and not region_code:
        problems.append(("region", "Pengguna dinas wajib punya kode wilayah (mis. 32.04)."))
    if region_code and region_code not in regions:
        problems.append(
            ("region", f"Kode wilayah '{region_code}' tidak ada dalam daftar Kemendagri.")
        )
    if region_code and role not in (Role.DINAS, Role.API):
        problems.append(("region", "Hanya pengguna dinas atau api yang terikat pada wilayah."))
    try:
        validate_password(password, User(username=username))
    except ValidationError as exc:
        problems.append(("password", " ".join(exc.messages)))
    return problems


def _apply(
    user: User,
    *,
    role: str,
    region: Region | None,
    password: str,
    email: str,
    groups: dict[str, Group],
) -> User:
    user.role = role
    user.region = region
    user.email = email or user.email
    user.is_staff = role == Role.DITJEN
    user.set_password(password)
    user.save()
    user.groups.set([groups[role]])
    return user


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    role: str,
    password: str,
    region_code: str | None = None,
    email: str = "",
    update: bool = False,
) -> User:
    """Create (or with update=True, reset) one user with one role; a dinas user gets one region."""
    if actor is not None and not is_ditjen(actor):
        raise NotPermitted("Hanya Ditjen IKMA yang dapat membuat pengguna.")
    regions = {r.code: r for r in Region.objects.filter(code=region_code)} if region_code else {}
    problems = _check_user_fields(
        username=username, role=role, region_code=region_code, password=password, regions=regions
    )
    if problems:
        raise DomainError(" ".join(msg for _f, msg in problems), field=problems[0][0])
    existing = User.objects.filter(username=username).first()
    if existing and not update:
        raise DomainError(f"Nama pengguna '{username}' sudah dipakai.", field="username")
    user = existing or User(username=username)
    if actor is not None:
        user._history_user = actor
    return _apply(
        user,
        role=role,
        region=regions.get(region_code) if region_code else None,
        password=password,
        email=email,
        groups=ensure_role_groups(),
    )


@dataclass
class UsersImportResult:
    ok: bool
    created: int = 0
    updated: int = 0
    errors: list[dict] = field(default_factory=list)


USER_CSV_COLUMNS = ("username", "role", "region", "password", "email")


def users_import(*, actor: User | None, content: bytes, update: bool = False) -> UsersImportResult:
    """Provision many users from CSV (username,role,region,password,email): all or nothing."""
    text = content.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in ("username", "role", "password") if c not in header]
    if missing:
        return UsersImportResult(
            ok=False,
            errors=[
                {
                    "row": 1,
                    "column": c,
                    "value": "",
                    "message": f"Kolom '{c}' tidak ada di baris judul.",
                }
                for c in missing
            ],
        )
    rows = [{(k or "").strip().lower(): (v or "").strip() for k, v in r.items()} for r in reader]
    regions = {
        r.code: r
        for r in Region.objects.filter(code__in={r.get("region") for r in rows if r.get("region")})
    }
    existing = set(
        User.objects.filter(username__in=[r["username"] for r in rows]).values_list(
            "username", flat=True
        )
    )
    errors, seen = [], set()
    for excel_row, row in enumerate(rows, start=2):
        for column, message in _check_user_fields(
            username=row["username"],
            role=row["role"],
            region_code=row.get("region") or None,
            password=row["password"],
            regions=regions,
        ):
            errors.append(
                {
                    "row": excel_row,
                    "column": column,
                    "value": row.get(column, "") if column != "password" else "***",
                    "message": message,
                }
            )
        if row["username"] in seen:
            errors.append(
                {
                    "row": excel_row,
                    "column": "username",
                    "value": row["username"],
                    "message": "Nama pengguna muncul dua kali dalam berkas.",
                }
            )
        if row["username"] in existing and not update:
            errors.append(
                {
                    "row": excel_row,
                    "column": "username",
                    "value": row["username"],
                    "message": "Nama pengguna sudah ada; gunakan --update untuk memperbarui.",
                }
            )
        seen.add(row["username"])
    if actor is not None and not is_ditjen(actor):
        errors.insert(
            0,
            {
                "row": 0,
                "column": "",
                "value": "",
                "message": "Hanya Ditjen IKMA yang dapat membuat pengguna.",
            },
        )
    if errors:
        return UsersImportResult(ok=False, errors=errors)
    groups = ensure_role_groups()
    result = UsersImportResult(ok=True)
    with transaction.atomic():
        for row in rows:
            user = User.objects.filter(username=row["username"]).first()
            result.updated += user is not None
            result.created += user is None
            user = user or User(username=row["username"])
            if actor is not None:
                user._history_user = actor
            _apply(
                user,
                role=row["role"],
                region=regions.get(row.get("region") or ""),
                password=row["password"],
                email=row.get("email", ""),
                groups=groups,
            )
    return result
