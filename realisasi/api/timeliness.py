"""GET /api/v1/timeliness/?year=&quarter=[&province=]: report timeliness
(realisasi.selectors.timeliness) — the same figures as the dashboard's panel and its export.

Central roles only (403 for a region's account), like the national and province absorption: a
figure labelled national is never silently one region's.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from allocations.models import Region
from dakmonev.api.schema import ERROR_RESPONSES
from dakmonev.quarters import Quarter
from dakmonev.query import canonical

from ..selectors.absorption import round_percent
from ..selectors.timeliness import TimelinessRow, timeliness
from .absorption import SeesAllRegions, _fiscal_year


class TimelinessQuery(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100, help_text="Tahun anggaran.")
    quarter = serializers.ChoiceField(
        choices=Quarter.choices, default=4, help_text="Triwulan (1–4; bawaan 4)."
    )
    province = serializers.RegexField(
        r"^\d{2}$", required=False, help_text="Kode provinsi, mis. `32`: hanya provinsi itu."
    )


class TimelinessCountsSerializer(serializers.Serializer):
    code = serializers.CharField(allow_null=True, help_text="Kode provinsi; null = nasional.")
    name = serializers.CharField()
    expected = serializers.IntegerField(help_text="Laporan diharapkan: daerah penerima.")
    received = serializers.IntegerField(help_text="Daerah dengan laporan yang dihitung.")
    on_time = serializers.IntegerField(
        help_text="Laporan yang dihitung diajukan paling lambat pada batas laporan daerahnya."
    )
    late = serializers.IntegerField(help_text="Diterima setelah batas.")
    missing = serializers.IntegerField(help_text="Belum ada laporan yang dihitung.")
    on_time_pct = serializers.DecimalField(
        max_digits=None,
        decimal_places=2,
        rounding=ROUND_HALF_UP,
        allow_null=True,
        help_text="Tepat waktu ÷ diharapkan × 100, dua desimal; null tanpa laporan diharapkan.",
    )


class TimelinessSerializer(TimelinessCountsSerializer):
    year = serializers.IntegerField()
    quarter = serializers.IntegerField()
    provinces = TimelinessCountsSerializer(
        many=True, required=False, help_text="Per provinsi; hanya bila `province` tidak diberikan."
    )


def _counts(row: TimelinessRow) -> dict:
    return {
        "code": row.code,
        "name": row.name,
        "expected": row.expected,
        "received": row.received,
        "on_time": row.on_time,
        "late": row.late,
        "missing": row.missing,
        "on_time_pct": round_percent(row.on_time_pct),
    }


class TimelinessView(APIView):
    """Expected, received, on time, late and missing reports of a quarter, nationally with one
    row per province, or for one province."""

    permission_classes = [IsAuthenticated, SeesAllRegions]

    @extend_schema(
        operation_id="timeliness",
        tags=["timeliness"],
        parameters=[TimelinessQuery],
        responses={
            200: TimelinessSerializer,
            403: OpenApiResponse(ERROR_RESPONSES[403].response, description=SeesAllRegions.message),
            404: ERROR_RESPONSES[404],
        },
    )
    def get(self, request):
        query = TimelinessQuery(data=canonical(request.query_params))
        query.is_valid(raise_exception=True)
        q = query.validated_data
        province = None
        if q.get("province"):
            province = Region.objects.provinces().filter(code=q["province"]).first()
            if province is None:
                raise NotFound("Provinsi tidak ditemukan.")
        t = timeliness(request.user, _fiscal_year(q["year"]), q["quarter"], province=province)
        data = {"year": q["year"], "quarter": q["quarter"], **_counts(t.total)}
        if province is None:
            data["provinces"] = [_counts(row) for row in t.provinces]
        return Response(TimelinessSerializer(data).data)
