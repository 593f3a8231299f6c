"""Findings and follow-ups — reads scoped by visible_to, writes through monev's services."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from dakmonev.api.schema import ERROR_RESPONSES
from monev.models import Attachment, FollowUp
from monev.permissions import can_answer_finding
from monev.selectors.findings import FindingFilters, finding_list
from monev.services import (
    finding_close,
    finding_create,
    finding_update,
    followup_assess,
    followup_submit,
)

from . import filters, serializers

WRITE_ERRORS = {403: ERROR_RESPONSES[403], 404: ERROR_RESPONSES[404], 409: ERROR_RESPONSES[409]}


@extend_schema_view(
    list=extend_schema(summary="Temuan monev (wilayah yang boleh dilihat)"),
    retrieve=extend_schema(summary="Satu temuan dengan tindak lanjut, penilaian dan lampirannya"),
)
class FindingViewSet(viewsets.ReadOnlyModelViewSet):
    """Findings; inspectors record, correct and close them; the region answers with follow-ups."""

    filterset_class = filters.FindingFilter
    ordering_fields = ["created_at", "due_date", "status", "severity", "region__code", "amount"]

    def get_queryset(self):
        qs = finding_list(
            user=self.request.user, filters=FindingFilters(state="all"), as_of=timezone.localdate()
        )
        if self.action != "list":
            qs = qs.prefetch_related(
                Prefetch(
                    "followups",
                    FollowUp.objects.select_related("submitted_by", "assessed_by").prefetch_related(
                        "attachments"
                    ),
                ),
                Prefetch("attachments", Attachment.objects.all()),
            )
        return qs

    def get_serializer_class(self):
        return (
            serializers.FindingSerializer
            if self.action == "list"
            else serializers.FindingDetailSerializer
        )

    def _respond(self, finding, code=status.HTTP_200_OK) -> Response:
        return Response(
            serializers.FindingDetailSerializer(self.get_queryset().get(pk=finding.pk)).data,
            status=code,
        )

    @extend_schema(
        request=serializers.FindingInput,
        responses={201: serializers.FindingDetailSerializer, 403: ERROR_RESPONSES[403]},
        summary="Catat temuan (Inspektorat)",
    )
    def create(self, request):
        form = serializers.FindingInput(data=request.data, context={"request": request})
        form.is_valid(raise_exception=True)
        finding = finding_create(actor=request.user, **form.validated_data)
        return self._respond(finding, status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.FindingUpdateInput,
        responses={200: serializers.FindingDetailSerializer, **WRITE_ERRORS},
        summary="Koreksi temuan yang masih terbuka (Inspektorat)",
    )
    def partial_update(self, request, pk=None):
        finding = self.get_object()
        form = serializers.FindingUpdateInput(data=request.data, context={"request": request})
        form.is_valid(raise_exception=True)
        return self._respond(
            finding_update(actor=request.user, finding=finding, **form.validated_data)
        )

    @extend_schema(
        request=serializers.FindingCloseInput,
        responses={200: serializers.FindingDetailSerializer, **WRITE_ERRORS},
        summary="Tutup temuan (Inspektorat; penilaian terakhir SELESAI/TIDAK_DAPAT)",
    )
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        finding = self.get_object()
        form = serializers.FindingCloseInput(data=request.data)
        form.is_valid(raise_exception=True)
        return self._respond(
            finding_close(actor=request.user, finding=finding, note=form.validated_data["note"])
        )

    @extend_schema(
        request={"multipart/form-data": serializers.FollowUpInput},
        responses={201: serializers.FollowUpSerializer, **WRITE_ERRORS},
        summary="Kirim tindak lanjut (dinas wilayahnya, atau Ditjen atas namanya)",
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def followups(self, request, pk=None):
        finding = self.get_object()
        can_answer_finding(request.user, finding).require()  # the role first, then the input
        form = serializers.FollowUpInput(data=request.data)
        form.is_valid(raise_exception=True)
        followup = followup_submit(actor=request.user, finding=finding, **form.validated_data)
        return Response(
            serializers.FollowUpSerializer(followup).data, status=status.HTTP_201_CREATED
        )


class FollowUpViewSet(viewsets.ReadOnlyModelViewSet):
    """Follow-ups of the findings the user may see; inspectors assess them."""

    serializer_class = serializers.FollowUpSerializer
    filterset_class = filters.FollowUpFilter
    ordering_fields = ["submitted_at", "date", "assessed_at"]
    ordering = ["finding_id", "submitted_at", "id"]

    def get_queryset(self):
        return (
            FollowUp.objects.visible_to(self.request.user)
            .select_related("submitted_by", "assessed_by")
            .prefetch_related("attachments")
        )

    @extend_schema(
        request=serializers.FollowUpAssessInput,
        responses={200: serializers.FollowUpSerializer, **WRITE_ERRORS},
        summary="Nilai tindak lanjut (Inspektorat)",
    )
    @action(detail=True, methods=["post"])
    def assess(self, request, pk=None):
        followup = self.get_object()
        form = serializers.FollowUpAssessInput(data=request.data)
        form.is_valid(raise_exception=True)
        followup = followup_assess(actor=request.user, followup=followup, **form.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=followup.pk)).data)
