"""Region scoping: the one rule deciding which rows of region data a user may read.

Every page, API view, export, file download and admin list reaches region data through
`<Model>.objects.visible_to(user)`, which calls `region_scope`. Nothing else filters by
region for access control.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.http import Http404

from accounts.roles import sees_all_regions
from dakmonev.errors import NotFound

NOTHING = Q(pk__in=[])


def region_scope(user, lookup: str) -> Q:
    """A Q that keeps only rows whose region (reached through `lookup`) the user may see."""
    if not (user and user.is_authenticated and user.is_active):
        return NOTHING
    if sees_all_regions(user):
        return Q()
    if user.region_id is None:
        return NOTHING
    return Q(**{lookup: user.region_id})


def province_q(region_lookup: str, province) -> Q:
    """Rows whose region (reached through `region_lookup`, e.g. `allocation__region_id`) is the
    provinsi itself or one of its kabupaten/kota; `province` is a Region, its id or its code (`32`)."""
    path = region_lookup.removesuffix("id").removesuffix("__").removesuffix("_")
    to = f"{path}__" if path else ""
    if isinstance(province, str):
        return Q(**{f"{to}code": province}) | Q(**{f"{to}parent__code": province})
    pk = province if isinstance(province, int) else province.pk
    return Q(**{region_lookup: pk}) | Q(**{f"{to}parent_id": pk})


class RegionScopedQuerySet(models.QuerySet):
    """QuerySet base for region data. Subclasses name the path to the region's id."""

    region_lookup = "region_id"

    def visible_to(self, user):
        return self.filter(region_scope(user, self.region_lookup))

    def in_province(self, province):
        """Rows of a provinsi and of its kabupaten/kota (`province`: a Region or its code)."""
        return self.filter(province_q(self.region_lookup, province))


def require_visible(user, obj: models.Model) -> None:
    """A service's guard: NotFound (never a hint that it exists) unless the user may see obj."""
    if not type(obj).objects.visible_to(user).filter(pk=obj.pk).exists():
        raise NotFound("Data tidak ditemukan.")


def get_visible_or_404(queryset: RegionScopedQuerySet, user, **lookup):
    """The object if it exists and the user may see it; 404 otherwise (never 403: no leak)."""
    try:
        return queryset.visible_to(user).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def scoped_manager(region_lookup: str):
    """A manager whose QuerySet scopes on `region_lookup`."""
    qs_class = type("ScopedQuerySet", (RegionScopedQuerySet,), {"region_lookup": region_lookup})
    return qs_class.as_manager()


class RegionScopedAdminMixin:
    """Admin lists and object pages show only what `visible_to` allows (404 beyond it)."""

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)
