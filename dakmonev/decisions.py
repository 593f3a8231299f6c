"""What a `can_<action>(user, obj)` predicate returns: allowed, or the reason it is not.

One predicate per action (each app's `permissions.py`) answers for every caller: the service's
guard raises the reason as the one domain error type (`decision.require()`: NotFound for
another region's data, NotPermitted for a role that may not, Conflict for a state that does
not allow it), while pages, templates and importers only ask whether it is allowed — a
`Decision` is truthy exactly when the action is allowed.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import DomainError

__all__ = ["ALLOWED", "Decision", "deny"]


@dataclass(frozen=True)
class Decision:
    error: DomainError | None = None

    def __bool__(self) -> bool:
        return self.error is None

    @property
    def reason(self) -> str:
        """The Indonesian sentence saying why not ("" when allowed)."""
        return self.error.message if self.error is not None else ""

    def require(self) -> None:
        """Raise the reason (the service's guard); nothing when allowed."""
        if self.error is not None:
            raise self.error


ALLOWED = Decision()


def deny(error: DomainError) -> Decision:
    return Decision(error)
