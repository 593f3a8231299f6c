"""Dashboard panels contributed by apps that build on realisasi (e.g. monev's open findings).

The dependency direction is allocations ← realisasi ← monev: realisasi may not import monev,
yet its dashboard, province and region pages show monev's findings. Rather than moving those
pages into monev or passing callables through every view, any installed app may ship a
`dashboard_panels` module that registers a provider here with `@register("key")`. The modules
are discovered the first time panels are asked for — the pattern django.contrib.admin uses for
`admin.py` — so monev imports realisasi (allowed) and realisasi names no app above it.

A provider takes a `PanelScope` and returns a `Panel` (or None to show nothing). It must read
through `visible_to(scope.user)` and run a fixed number of queries, whatever the number of regions.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.module_loading import autodiscover_modules

__all__ = ["Panel", "PanelScope", "panels_for", "register", "registered"]

logger = logging.getLogger(__name__)

NATIONAL, PROVINCE, REGION = "national", "province", "region"


@dataclass(frozen=True)
class PanelScope:
    """What a page is about: who looks, which TA and quarter, and which province or region (if any)."""

    user: Any
    year: int
    quarter: int
    province: Any = None  # allocations.Region (provinsi) on the province page
    region: Any = None  # allocations.Region on the region page

    @property
    def place(self) -> str:
        if self.region is not None:
            return REGION
        if self.province is not None:
            return PROVINCE
        return NATIONAL


@dataclass(frozen=True)
class Panel:
    """A block of a page: rendered with `template` and `context` under the heading `title`."""

    key: str
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


Provider = Callable[[PanelScope], "Panel | None"]

_providers: dict[str, Provider] = {}
_discovered = False
_lock = threading.Lock()


def register(key: str) -> Callable[[Provider], Provider]:
    """Decorator: register `provider` under `key` (registering the same key again replaces it)."""

    def decorator(provider: Provider) -> Provider:
        _providers[key] = provider
        return provider

    return decorator


def _discover() -> None:
    global _discovered
    if _discovered:
        return
    with _lock:
        if not _discovered:
            autodiscover_modules("dashboard_panels")
            _discovered = True


def registered() -> dict[str, Provider]:
    """The registered providers by key (after discovery)."""
    _discover()
    return dict(_providers)


def panels_for(scope: PanelScope) -> list[Panel]:
    """The panels every registered provider contributes to the page described by `scope`, in order."""
    panels = [panel for provider in registered().values() if (panel := provider(scope)) is not None]
    return sorted(panels, key=lambda p: (p.order, p.key))
