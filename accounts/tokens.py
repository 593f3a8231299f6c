"""API tokens (django-rest-knox): shown once, stored as a SHA-512 digest, expiring, revocable.

A token lives `API_TOKEN_TTL` (people) or `API_SYSTEM_TOKEN_TTL` (`api` system accounts); it
dies when its owner's password changes or the account is deactivated (User.save), and its
owner lists and revokes tokens on the profile page.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from knox.models import AuthToken

from dakmonev.errors import DomainError, NotFound

from .roles import Role


def token_lifetime(user) -> timedelta:
    """How long a new token of this account lives: longer for `api` system accounts."""
    if user.role == Role.API:
        return settings.API_SYSTEM_TOKEN_TTL
    return settings.API_TOKEN_TTL


@transaction.atomic
def token_issue(*, user) -> tuple[AuthToken, str]:
    """A new token for an active account; the plain text is returned once and never stored."""
    if not user.is_active:
        raise DomainError("Akun ini tidak aktif.")
    live = AuthToken.objects.filter(user=user).select_for_update()
    if sum(1 for t in live if not _expired(t)) >= settings.API_TOKENS_PER_USER:
        raise DomainError(
            f"Akun ini sudah punya {settings.API_TOKENS_PER_USER} token aktif. "
            "Cabut token yang tidak dipakai di halaman Profil, lalu coba lagi."
        )
    AuthToken.objects.filter(user=user, pk__in=[t.pk for t in live if _expired(t)]).delete()
    return AuthToken.objects.create(user=user, expiry=token_lifetime(user))


def tokens_of(user) -> list[AuthToken]:
    """The account's tokens that still work, newest first (never their plain text)."""
    return [t for t in AuthToken.objects.filter(user=user).order_by("-created") if not _expired(t)]


def token_revoke(*, actor, token_key: str) -> None:
    """The owner ends one of its own tokens (identified by its visible key)."""
    deleted, _ = AuthToken.objects.filter(user=actor, token_key=token_key).delete()
    if not deleted:
        raise NotFound("Token tidak ditemukan.")


def tokens_revoke_all(*, user) -> None:
    """Every token of the account stops working (password change, deactivation)."""
    if user.pk is not None:
        AuthToken.objects.filter(user=user).delete()


def _expired(token: AuthToken) -> bool:
    return token.expiry is not None and token.expiry <= timezone.now()
