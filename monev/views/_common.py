"""Domain errors on pages are translated in one place: dakmonev/web.py."""

from dakmonev.web import call_service, require

__all__ = ["call_service", "require"]
