"""GET /api/v1/absorption/…: the absorption selector's figures, rounded only here, for display.

A dinas (or region-bound api) account gets its own region's row from `regions/`; the national
and province aggregates are for central roles only (403 for others) — the same rule as the
absorption snapshots, and a figure labelled "national" is never silently one region's.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.roles import sees_all_regions
from allocations.models import FiscalYear
from allocations.selectors.deadlines import fiscal_years
from dakmonev.api.schema import ERROR_RESPONSES
from dakmonev.query import canonical
from realisasi.selectors.absorption import (
    AreaAbsorption,
    RegionAbsorption,
    absorption,
    round_percent,
)
from realisasi.selectors.overdue import report_overdue

from .serializers import (
    AbsorptionQuery,
    AbsorptionSerializer,
    AreaRowSerializer,
    RegionAbsorptionQuery,
)


class SeesAllRegions(BasePermission):
    message = (
        "Angka nasional dan provinsi hanya untuk peran pusat; akun wilayah memakai "
        "/api/v1/absorption/regions/."
    )

    def has_permission(self, request, view):
        return sees_all_regions(request.user)


def _fiscal_year(year: int) -> FiscalYear | None:
    return next((fy for fy in fiscal_years() if fy.year == year), None)


def _is_overdue(r: RegionAbsorption, fy: FiscalYear | None, quarter: int) -> bool:
    return report_overdue(fy, quarter, r, counted=r.latest_quarter == quarter)


def _plan(a: RegionAbsorption | AreaAbsorption) -> dict:
    """The four plan-versus-actual figures, rounded only here (None stays None)."""
    return {
        "planned_physical_pct": round_percent(a.planned_physical),
        "planned_financial_pct": round_percent(a.planned_financial),
        "deviation_physical_pct": round_percent(a.deviation_physical),
        "deviation_financial_pct": round_percent(a.deviation_financial),
    }


def _region_row(
    r: RegionAbsorption, province_code: str, fy: FiscalYear | None, quarter: int
) -> dict:
    return {
        "region_code": r.code,
        "region_name": r.name,
        "level": r.level,
        "province_code": province_code,
        "pagu": r.pagu,
        "financial_realisation": r.financial_realisation,
        "absorption_pct": round_percent(r.absorption),
        "physical_progress_pct": round_percent(r.physical_progress),
        "quarter_reported": r.latest_quarter,
        "overdue": _is_overdue(r, fy, quarter),
        **_plan(r),
    }


def _province_row(
    p: AreaAbsorption, regions: list[RegionAbsorption], fy: FiscalYear | None, quarter: int
) -> dict:
    quarters = [r.latest_quarter for r in regions]
    return {
        "region_code": p.code,
        "region_name": p.name,
        "level": "provinsi",
        "province_code": p.code,
        "pagu": p.pagu,
        "financial_realisation": p.financial_realisation,
        "absorption_pct": round_percent(p.absorption),
        "physical_progress_pct": round_percent(p.physical_progress),
        "quarter_reported": None if None in quarters or not quarters else min(quarters),
        "overdue": any(_is_overdue(r, fy, quarter) for r in regions),
        **_plan(p),
    }


def _query(serializer_class, request) -> dict:
    query = serializer_class(data=canonical(request.query_params))
    query.is_valid(raise_exception=True)
    return query.validated_data


class NationalAbsorptionView(APIView):
    """National absorption as of a quarter: money-weighted, and the two unweighted means, labelled."""

    permission_classes = [IsAuthenticated, SeesAllRegions]

    @extend_schema(
        operation_id="absorption_national",
        tags=["absorption"],
        parameters=[AbsorptionQuery],
        responses={
            200: AbsorptionSerializer,
            403: OpenApiResponse(ERROR_RESPONSES[403].response, description=SeesAllRegions.message),
        },
    )
    def get(self, request):
        q = _query(AbsorptionQuery, request)
        nat = absorption(q["year"], q["quarter"], user=request.user).national
        data = {
            "year": q["year"],
            "quarter": q["quarter"],
            "regions_count": nat.region_count,
            "pagu": nat.pagu,
            "financial_realisation": nat.financial_realisation,
            "absorption_pct": round_percent(nat.absorption),
            "mean_region_absorption_pct": round_percent(nat.mean_absorption),
            "mean_kabkota_absorption_pct": round_percent(nat.mean_absorption_kabkota),
            "physical_progress_pct": round_percent(nat.physical_progress),
            **_plan(nat),
        }
        return Response(AbsorptionSerializer(data).data)


class ProvinceAbsorptionView(APIView):
    """One row per province with receiving regions (the provinsi's own allocation included)."""

    permission_classes = [IsAuthenticated, SeesAllRegions]

    @extend_schema(
        operation_id="absorption_provinces",
        tags=["absorption"],
        parameters=[AbsorptionQuery],
        responses={
            200: AreaRowSerializer(many=True),
            403: OpenApiResponse(ERROR_RESPONSES[403].response, description=SeesAllRegions.message),
        },
    )
    def get(self, request):
        q = _query(AbsorptionQuery, request)
        result = absorption(q["year"], q["quarter"], user=request.user)
        fy = _fiscal_year(q["year"])
        rows = [
            _province_row(
                p, [r for r in result.regions if r.province_id == p.region_id], fy, q["quarter"]
            )
            for p in result.provinces
        ]
        return Response(AreaRowSerializer(rows, many=True).data)


class RegionAbsorptionView(APIView):
    """One row per receiving region the user may see (a dinas account: its own region only)."""

    @extend_schema(
        operation_id="absorption_regions",
        tags=["absorption"],
        parameters=[RegionAbsorptionQuery],
        responses={200: AreaRowSerializer(many=True)},
    )
    def get(self, request):
        q = _query(RegionAbsorptionQuery, request)
        province = q.get("province")
        result = absorption(q["year"], q["quarter"], user=request.user)
        fy = _fiscal_year(q["year"])
        codes = {p.region_id: p.code for p in result.provinces}
        rows = [
            _region_row(r, codes[r.province_id], fy, q["quarter"])
            for r in result.regions
            if province is None or codes[r.province_id] == province
        ]
        return Response(AreaRowSerializer(rows, many=True).data)
