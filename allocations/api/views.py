"""Read-only API of regions, allocations, RK lines and disbursements — always through visible_to."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from allocations.models import Allocation, Disbursement, PlannedActivity, Region, Sentra
from allocations.services.sentra import sentra_set_location
from allocations.services.targets import activity_targets_set
from dakmonev.api.schema import ERROR_RESPONSES

from . import filters, serializers


class ScopedReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """Lists and objects the user may see (another region's object → 404, never its data)."""

    model = None
    related: tuple[str, ...] = ()

    def get_queryset(self):
        return self.model.objects.visible_to(self.request.user).select_related(*self.related)


class RegionViewSet(ScopedReadOnlyViewSet):
    """Regions (provinsi, kabupaten, kota). A dinas account sees only its own region."""

    model = Region
    related = ("parent",)
    serializer_class = serializers.RegionSerializer
    filterset_class = filters.RegionFilter
    ordering_fields = ["code", "name", "level"]
    ordering = ["code"]


class AllocationViewSet(ScopedReadOnlyViewSet):
    """Pagu DAK Fisik IKM per region and TA, with the RK approval state."""

    model = Allocation
    related = ("region", "fiscal_year", "rk_approved_by")
    serializer_class = serializers.AllocationSerializer
    filterset_class = filters.AllocationFilter
    ordering_fields = ["fiscal_year__year", "region__code", "pagu", "rk_status"]
    ordering = ["fiscal_year__year", "region__code"]


class ActivityViewSet(ScopedReadOnlyViewSet):
    """RK lines (rencana kegiatan) with procurement fields and quarterly targets."""

    model = PlannedActivity
    related = ("allocation__region", "allocation__fiscal_year", "menu", "sentra")
    serializer_class = serializers.ActivitySerializer
    filterset_class = filters.ActivityFilter
    ordering_fields = [
        "allocation__fiscal_year__year",
        "allocation__region__code",
        "code",
        "pagu",
        "procurement_stage",
    ]
    ordering = ["allocation__fiscal_year__year", "allocation__region__code", "code"]

    def get_queryset(self):
        return super().get_queryset().prefetch_related("targets")

    @extend_schema(
        request=serializers.TargetsInput,
        responses={
            200: serializers.ActivitySerializer,
            **{c: ERROR_RESPONSES[c] for c in (400, 403, 404, 409)},
        },
        summary="Tetapkan target kumulatif TW I–IV satu baris RK sekaligus (RK harus terbuka)",
    )
    @action(detail=True, methods=["put"])
    def targets(self, request, pk=None):
        activity = self.get_object()  # another region's line: 404 before anything else
        form = serializers.TargetsInput(data=request.data)
        form.is_valid(raise_exception=True)
        activity_targets_set(actor=request.user, activity=activity, targets=form.to_targets())
        return Response(serializers.ActivitySerializer(self.get_queryset().get(pk=pk)).data)


class DisbursementViewSet(ScopedReadOnlyViewSet):
    """Transfers (penyaluran) per allocation and stage."""

    model = Disbursement
    related = ("allocation__region", "allocation__fiscal_year")
    serializer_class = serializers.DisbursementSerializer
    filterset_class = filters.DisbursementFilter
    ordering_fields = [
        "allocation__fiscal_year__year",
        "allocation__region__code",
        "stage",
        "date",
        "amount",
    ]
    ordering = ["allocation__fiscal_year__year", "allocation__region__code", "stage"]


class SentraViewSet(ScopedReadOnlyViewSet):
    """Sentra IKM with their location; PATCH records the location (region's dinas or Ditjen)."""

    model = Sentra
    related = ("region",)
    serializer_class = serializers.SentraSerializer
    ordering_fields = ["region__code", "name"]
    ordering = ["region__code", "name"]
    http_method_names = ["get", "patch", "head", "options"]

    @extend_schema(
        request=serializers.SentraLocationInput,
        responses={200: serializers.SentraSerializer},
        summary="Catat lokasi sentra (lintang, bujur di dalam wilayah Indonesia)",
    )
    def partial_update(self, request, pk=None):
        sentra = self.get_object()  # another region's sentra: 404 before anything else
        data = serializers.SentraLocationInput(data=request.data)
        data.is_valid(raise_exception=True)
        sentra = sentra_set_location(actor=request.user, sentra=sentra, **data.validated_data)
        return Response(serializers.SentraSerializer(sentra).data)
