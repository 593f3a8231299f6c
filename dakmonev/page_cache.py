"""Rendered dashboard bodies, cached under the data they show.

The national, province and region pages are read far more often than their data changes
(a ministry meeting opens the same pages again and again; reports arrive in bursts at quarter
end). Their main content is rendered once into HTML by a body template that takes only explicit
values — never `request`, `user` or `csrf_token` — and stored in the shared cache under a key
made of everything that HTML can depend on:

- the page and its parameters (region, TA, quarter, sort order);
- what the viewer may see: every region (central roles share one entry) or one region, and
  whether the page is the viewer's own region;
- the active language;
- the figures and pages data versions (dakmonev.figures_version), bumped after every commit
  that changes a row these pages show, so the next request after a commit renders afresh;
- the UTC hour: "overdue" and "due" flip at midnight in each region's zone, and all Indonesian
  zones are whole hours from UTC, so no local date changes within one UTC hour.

The menu bar, messages and forms with CSRF tokens stay outside, rendered per request. With
`PAGE_CACHE_SECONDS = 0` (no shared cache, and the tests) every body is rendered every time.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from accounts.roles import sees_all_regions

from . import figures_version

__all__ = ["body", "connect", "viewer_scope"]

CSRF_FIELD = "csrfmiddlewaretoken"


def viewer_scope(user) -> str:
    """What `allocations.scoping.region_scope` lets the user read: every region, or one."""
    return "all" if sees_all_regions(user) else f"region:{user.region_id}"


def body(page: str, parts: tuple[Hashable, ...], render: Callable[[], str]) -> SafeString:
    """The HTML `render()` returns for `page` with `parts`, from the cache when it is current."""

    def checked_render() -> str:
        html = render()
        if CSRF_FIELD in html:  # a per-user token must never be shared: refuse loudly
            raise ValueError(f"{page}: a cached page body may not contain a CSRF token")
        return html

    hour = timezone.now().strftime("%Y%m%d%H")  # aware UTC
    html = figures_version.cached(
        f"page:{page}",
        (parts, translation.get_language(), hour),
        checked_render,
        seconds=settings.PAGE_CACHE_SECONDS,
        pages=True,
    )
    return mark_safe(html)  # noqa: S308 - rendered by a Django template (autoescaped)


# -- invalidation ------------------------------------------------------------------------------
# Every model of the apps whose rows the pages show bumps the pages version when a row is saved
# or deleted (historical records excepted: they are written with the row they record). Models
# that figures are computed from also bump the figures version (realisasi.receivers). Writes
# that bypass model signals (bulk paths, QuerySet.update) call figures_version.bump() or
# bump_pages() themselves.
_page_models: frozenset = frozenset()


def _is_historical(model) -> bool:
    return hasattr(model, "instance_type")  # simple_history's Historical<Model> classes


def on_page_data_changed(sender, update_fields=None, **kwargs) -> None:
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # a log-in stamp is shown on no page
    figures_version.bump_pages()


def connect() -> None:
    """Watch the models of settings.PAGE_DATA_APPS (called from realisasi's AppConfig.ready).

    Receivers are connected per model, not for every sender: a model with a delete receiver
    loses Django's fast bulk delete, which the unwatched, bulk-written models keep.
    """
    global _page_models
    unwatched = {apps.get_model(label) for label in settings.PAGE_DATA_UNWATCHED}
    _page_models = frozenset(
        model
        for label in settings.PAGE_DATA_APPS
        for model in apps.get_app_config(label).get_models()
        if not _is_historical(model) and model not in unwatched
    )
    for model in _page_models:
        post_save.connect(
            on_page_data_changed, sender=model, dispatch_uid=f"pages:save:{model._meta.label}"
        )
        post_delete.connect(
            on_page_data_changed, sender=model, dispatch_uid=f"pages:delete:{model._meta.label}"
        )
