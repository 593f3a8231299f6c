"""Reports (read, upload, submit/verify/return) and alerts — thin callers of realisasi's services."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from dakmonev.api.errors import error_body
from dakmonev.api.schema import ERROR_RESPONSES
from realisasi.choices import UploadStatus
from realisasi.models import QuarterlyReport, ReportLine
from realisasi.permissions import can_return_report, can_upload_report
from realisasi.selectors.alerts import alert_list
from realisasi.services.imports import report_import
from realisasi.services.reports import report_return, report_submit, report_verify

from . import filters, serializers

UPLOAD_STATUS = {UploadStatus.ACCEPTED: 201, UploadStatus.REJECTED: 422}  # duplicate, preview → 200
ACTION_ERRORS = {403: ERROR_RESPONSES[403], 404: ERROR_RESPONSES[404], 409: ERROR_RESPONSES[409]}


@extend_schema_view(
    list=extend_schema(summary="Laporan realisasi triwulan (semua versi yang boleh dilihat)"),
    retrieve=extend_schema(
        summary="Satu versi laporan dengan baris, peringatan dan daftar versinya"
    ),
)
class ReportViewSet(viewsets.ReadOnlyModelViewSet):
    """Quarterly report versions; a dinas account sees only its own region's."""

    filterset_class = filters.ReportFilter
    ordering_fields = [
        "fiscal_year__year",
        "quarter",
        "region__code",
        "version",
        "created_at",
        "status",
    ]
    ordering = ["fiscal_year__year", "quarter", "region__code", "-version"]

    def get_queryset(self):
        qs = QuarterlyReport.objects.visible_to(self.request.user).select_related(
            "region", "fiscal_year", "created_by"
        )
        if self.action != "list":  # detail and the actions answer with lines
            qs = qs.prefetch_related(
                Prefetch("lines", ReportLine.objects.select_related("activity"))
            )
        return qs

    def get_serializer_class(self):
        return (
            serializers.ReportDetailSerializer
            if self.action != "list"
            else serializers.ReportListSerializer
        )

    def _respond(self, report) -> Response:
        return Response(
            serializers.ReportDetailSerializer(self.get_queryset().get(pk=report.pk)).data
        )

    @extend_schema(
        request=None,
        responses={200: serializers.ReportDetailSerializer, **ACTION_ERRORS},
        summary="Ajukan versi draf terbaru (dinas wilayahnya atau Ditjen)",
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._respond(report_submit(actor=request.user, report=self.get_object()))

    @extend_schema(
        request=serializers.VerifyInput,
        responses={200: serializers.ReportDetailSerializer, **ACTION_ERRORS},
        summary="Verifikasi laporan yang diajukan (Ditjen IKMA), dengan catatan opsional",
    )
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        report = self.get_object()  # another region's report: 404 before anything else
        form = serializers.VerifyInput(data=request.data)
        form.is_valid(raise_exception=True)
        note = form.validated_data.get("note", "")
        return self._respond(report_verify(actor=request.user, report=report, note=note))

    @extend_schema(
        request=serializers.ReturnInput,
        responses={200: serializers.ReportDetailSerializer, **ACTION_ERRORS},
        summary="Kembalikan laporan ke dinas dengan alasan (Ditjen IKMA)",
    )
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        report = self.get_object()  # another region's report: 404 before anything else
        can_return_report(request.user).require()  # the role first, then the input
        form = serializers.ReturnInput(data=request.data)
        form.is_valid(raise_exception=True)
        return self._respond(
            report_return(actor=request.user, report=report, reason=form.validated_data["reason"])
        )

    @extend_schema(
        request={"multipart/form-data": serializers.ReportUploadInput},
        responses={
            201: OpenApiResponse(
                serializers.ImportResultSerializer, description="Diterima: versi baru tersimpan."
            ),
            200: OpenApiResponse(
                serializers.ImportResultSerializer,
                description="Berkas yang sama sudah pernah diterima (duplicate), atau pratinjau (dry_run).",
            ),
            422: OpenApiResponse(
                serializers.ImportRejectedSerializer,
                description="Ditolak: tidak ada yang disimpan; lihat `errors` (baris, kolom, pesan).",
            ),
            403: ERROR_RESPONSES[403],
            429: OpenApiResponse(
                ERROR_RESPONSES[429].response,
                description="Batas unggahan tercapai (per akun per jam, atau berkas per wilayah).",
            ),
        },
        summary="Unggah laporan triwulan .xlsx (sama dengan `import_report --json`)",
    )
    @action(
        detail=False,
        methods=["post"],
        parser_classes=[MultiPartParser],
        filter_backends=[],
        pagination_class=None,
    )
    def upload(self, request):
        can_upload_report(request.user).require()  # the role first, then the input
        form = serializers.ReportUploadInput(data=request.data)
        form.is_valid(raise_exception=True)
        name, data = form.read_file()
        outcome = report_import(
            actor=request.user,
            name=name,
            data=data,
            dry_run=form.validated_data["dry_run"],
            submit=form.validated_data["submit"],
        )
        body = outcome.as_json()
        code = UPLOAD_STATUS.get(outcome.upload.status, status.HTTP_200_OK)
        if code == 422:
            body |= error_body(
                "rejected",
                f"Berkas ditolak dengan {len(body['errors'])} kesalahan; tidak ada yang disimpan.",
            )
        return Response(body, status=code)


class AlertViewSet(viewsets.ReadOnlyModelViewSet):
    """Alerts (report reminders, overdue, escalations, follow-ups) of the regions the user may see."""

    serializer_class = serializers.AlertSerializer
    filterset_class = filters.AlertFilter
    ordering_fields = [
        "created_at",
        "due_date",
        "fiscal_year__year",
        "quarter",
        "region__code",
        "kind",
    ]

    def get_queryset(self):
        return alert_list(user=self.request.user, state="all")
