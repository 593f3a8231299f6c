"""Writes of user accounts: provisioning one user or hundreds of dinas operators at once."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, QuerySet

from dakmonev.errors import DomainError

from .models import User
from .permissions import can_manage_user, can_set_privileges
from .roles import REGION_ROLES, Role

# Ditjen staff administer the programme in the admin: every permission of these apps.
# (No token app: tokens are their owners' own business — profile page, superusers' admin.)
DITJEN_ADMIN_APPS = ("accounts", "allocations", "realisasi", "monev")


def _regions() -> QuerySet:
    """The region table, reached through the account's own foreign key to it: accounts is the
    bottom layer and imports no app (the key, `allocations.Region`, is named by string)."""
    return User._meta.get_field("region").related_model.objects.all()


def ensure_role_groups() -> dict[str, Group]:
    """The five role groups exist; ditjen holds the admin permissions of the programme's apps."""
    groups = {role.value: Group.objects.get_or_create(name=role.value)[0] for role in Role}
    wanted = Permission.objects.filter(content_type__app_label__in=DITJEN_ADMIN_APPS)
    if groups[Role.DITJEN].permissions.count() != wanted.count():
        groups[Role.DITJEN].permissions.set(wanted)
    return groups


def _check_user_fields(
    *,
    username: str,
    role: str,
    region_code: str | None,
    password: str | None,
    regions: dict[str, Model],
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
    if region_code and role not in REGION_ROLES:
        problems.append(("region", "Hanya pengguna dinas atau api yang terikat pada wilayah."))
    if password is None:
        return problems
    try:
        validate_password(password, User(username=username))
    except ValidationError as exc:
        problems.append(("password", " ".join(exc.messages)))
    return problems


def check_user_fields(
    *, username: str, role: str, region: Model | None, is_superuser: bool = False
) -> list[tuple[str, str]]:
    """(field, message) for each rule an account's username, role and region break.

    A superuser may have no role (it is not a programme account).
    """
    if is_superuser and not role:
        return [] if region is None else [("region", "Superuser tanpa peran tidak punya wilayah.")]
    return _check_user_fields(
        username=username,
        role=role,
        region_code=region.code if region else None,
        password=None,
        regions={region.code: region} if region else {},
    )


def _set_role_group(user: User, groups: dict[str, Group]) -> None:
    """The account is in its own role's group and in no other role's (other groups stay)."""
    others = [g for name, g in groups.items() if name != user.role]
    user.groups.remove(*others)
    if user.role in groups:
        user.groups.add(groups[user.role])


def _apply(
    user: User,
    *,
    role: str,
    region: Model | None,
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
    _set_role_group(user, groups)
    return user


def _guard_target(actor: User | None, target: User) -> None:
    if actor is not None:  # None: a management command run by the system's operator
        can_manage_user(actor, target).require()


@transaction.atomic
def user_update(
    *,
    actor: User | None,
    user_id: int,
    username: str,
    role: str,
    region_code: str | None,
    is_active: bool,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    """Change an account's names, role, region and activity under user_create's rules.

    Never its privileges (user_set_privileges); a non-superuser cannot change a superuser.
    """
    target = User.objects.select_for_update().get(pk=user_id)
    _guard_target(actor, target)
    region = _regions().filter(code=region_code).first() if region_code else None
    problems = (
        [("region", f"Kode wilayah '{region_code}' tidak ada dalam daftar Kemendagri.")]
        if region_code and region is None
        else check_user_fields(
            username=username, role=role, region=region, is_superuser=target.is_superuser
        )
    )
    if User.objects.filter(username=username).exclude(pk=user_id).exists():
        problems.append(("username", f"Nama pengguna '{username}' sudah dipakai."))
    if problems:
        raise DomainError(" ".join(msg for _f, msg in problems), field=problems[0][0])
    role_changed = target.role != role
    target.username, target.first_name, target.last_name = username, first_name, last_name
    target.email, target.is_active = email, is_active
    target.role, target.region = role, region
    if role_changed and not target.is_superuser:
        target.is_staff = role == Role.DITJEN
    if actor is not None:
        target._history_user = actor
    target.save()
    if role_changed:
        _set_role_group(target, ensure_role_groups())
    return target


@transaction.atomic
def user_set_privileges(
    *,
    actor: User,
    user_id: int,
    is_staff: bool,
    is_superuser: bool,
    groups: Iterable[Group],
    user_permissions: Iterable[Permission],
) -> User:
    """Staff, superuser, groups and single permissions: changed by superusers only."""
    can_set_privileges(actor).require()
    target = User.objects.select_for_update().get(pk=user_id)
    target.is_staff, target.is_superuser = is_staff, is_superuser
    target._history_user = actor
    target.save(update_fields=["is_staff", "is_superuser"])
    target.groups.set(groups)
    target.user_permissions.set(user_permissions)
    return target


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
    if actor is not None:
        can_manage_user(actor).require()
    regions = {r.code: r for r in _regions().filter(code=region_code)} if region_code else {}
    problems = _check_user_fields(
        username=username, role=role, region_code=region_code, password=password, regions=regions
    )
    if problems:
        raise DomainError(" ".join(msg for _f, msg in problems), field=problems[0][0])
    existing = User.objects.filter(username=username).first()
    if existing and not update:
        raise DomainError(f"Nama pengguna '{username}' sudah dipakai.", field="username")
    if existing:
        _guard_target(actor, existing)
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
        for r in _regions().filter(code__in={r.get("region") for r in rows if r.get("region")})
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
    refused = can_manage_user(actor) if actor is not None else None
    if refused is not None and not refused:
        errors.insert(0, {"row": 0, "column": "", "value": "", "message": refused.reason})
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


@transaction.atomic
def user_notification_preferences_set(
    *, actor: User, email_notifications: bool, verification_digest: bool = False
) -> User:
    """A person's own choice: notifications by e-mail or not, and (Ditjen only) the daily
    digest of what waits for verification; kept in the account's history."""
    user = User.objects.select_for_update().get(pk=actor.pk)
    user.email_notifications = bool(email_notifications)
    user.verification_digest = bool(verification_digest) and user.role == Role.DITJEN
    user._history_user = actor
    user.save(update_fields=["email_notifications", "verification_digest"])
    return user
