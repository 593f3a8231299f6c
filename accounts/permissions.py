"""Who may administer accounts (one `can_<action>(user, obj)` per action, dakmonev.decisions).

The account services raise their reasons; the admin asks the same predicates for its change,
delete and privilege screens.
"""

from __future__ import annotations

from dakmonev.decisions import ALLOWED, Decision, deny
from dakmonev.errors import NotPermitted

from .roles import is_ditjen

__all__ = ["can_manage_user", "can_set_privileges"]


def can_manage_user(user, target=None) -> Decision:
    """Create accounts, or change an account's names, role, region and activity: Ditjen IKMA;
    a superuser's account only by a superuser."""
    if not is_ditjen(user):
        return deny(NotPermitted("Hanya Ditjen IKMA yang dapat membuat atau mengubah pengguna."))
    if target is not None and target.is_superuser and not user.is_superuser:
        return deny(NotPermitted("Hanya superuser yang dapat mengubah akun superuser."))
    return ALLOWED


def can_set_privileges(user, target=None) -> Decision:
    """Staff and superuser flags, groups, single permissions and API tokens: superusers only."""
    if user is not None and user.is_active and user.is_superuser:
        return ALLOWED
    return deny(NotPermitted("Hanya superuser yang dapat mengubah hak akses pengguna."))
