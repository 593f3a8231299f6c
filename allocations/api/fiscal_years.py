"""GET /api/v1/fiscal-years/{year}/: a TA's rules and its report deadlines as dates.

`report_deadlines` are the TA's as decreed for everyone; with `region=CODE` they are that
region's, after its extensions (`extensions` lists them) — from the one deadline rule,
`allocations.selectors.deadlines.report_deadline`. The region is read through `visible_to`: a
dinas account asking for another region gets 404, never its deadlines.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from dakmonev.query import canonical

from ..choices import DeadlineRule
from ..models import FiscalYear, Region
from ..selectors.deadlines import region_extensions, report_deadlines, with_calendar
from ..selectors.rules import disbursement_rules


class FiscalYearQuery(serializers.Serializer):
    region = serializers.RegexField(
        r"^\d{2}(\.\d{2})?$",
        required=False,
        help_text="Kode wilayah, mis. `32.04`: batas laporan wilayah itu setelah perpanjangan.",
    )


class DisbursementRuleSerializer(serializers.Serializer):
    stage = serializers.IntegerField()
    percent_of_pagu = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    min_absorption_of_received_pct = serializers.DecimalField(max_digits=5, decimal_places=2)
    min_physical_pct = serializers.DecimalField(max_digits=5, decimal_places=2)
    requires_approved_rk = serializers.BooleanField()
    requires_contracts = serializers.BooleanField()
    window_start = serializers.DateField(allow_null=True)
    deadline = serializers.DateField(allow_null=True)


class ExtensionSerializer(serializers.Serializer):
    quarter = serializers.IntegerField(allow_null=True, help_text="null = semua triwulan.")
    until = serializers.DateField()
    reason = serializers.CharField()


class FiscalYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    deadline_rule = serializers.ChoiceField(
        choices=DeadlineRule.choices,
        help_text="HARI_KERJA: Senin–Jumat tanpa hari libur nasional dan cuti bersama; "
        "HARI_KALENDER: semua hari. Juga untuk pengingat dan eskalasi.",
    )
    report_deadline_days = serializers.IntegerField(help_text="Hari setelah akhir triwulan.")
    reminder_days_before = serializers.IntegerField()
    escalation_days_after = serializers.IntegerField()
    one_off_max_pagu = serializers.DecimalField(max_digits=20, decimal_places=2)
    deadline_overrides = serializers.DictField(
        child=serializers.DateField(),
        help_text="Batas per triwulan yang ditetapkan surat/keputusan.",
    )
    disbursement_rules = DisbursementRuleSerializer(many=True)
    region = serializers.CharField(allow_null=True, help_text="Kode wilayah bila `region=`.")
    report_deadlines = serializers.DictField(
        child=serializers.DateField(),
        help_text='Batas laporan per triwulan, {"1": "YYYY-MM-DD", …, "4": …} (waktu setempat).',
    )
    extensions = ExtensionSerializer(
        many=True, help_text="Perpanjangan wilayah (dengan `region=`)."
    )


class FiscalYearView(APIView):
    """A TA's rules and report deadlines (of one region with `region=`)."""

    @extend_schema(
        operation_id="fiscal_year",
        tags=["fiscal-years"],
        parameters=[FiscalYearQuery],
        responses={200: FiscalYearSerializer},
    )
    def get(self, request, year: int):
        query = FiscalYearQuery(data=canonical(request.query_params))
        query.is_valid(raise_exception=True)
        fiscal_year = FiscalYear.objects.filter(year=year).first()
        if fiscal_year is None:
            raise NotFound(f"TA {year} tidak ada.")
        [fiscal_year] = with_calendar([fiscal_year])
        region = None
        if query.validated_data.get("region"):
            region = (
                Region.objects.visible_to(request.user)
                .filter(code=query.validated_data["region"])
                .first()
            )
            if region is None:
                raise NotFound("Wilayah tidak ditemukan.")
        data = {
            "year": fiscal_year.year,
            "deadline_rule": fiscal_year.deadline_rule,
            "report_deadline_days": fiscal_year.report_deadline_days,
            "reminder_days_before": fiscal_year.reminder_days_before,
            "escalation_days_after": fiscal_year.escalation_days_after,
            "one_off_max_pagu": fiscal_year.one_off_max_pagu,
            "deadline_overrides": {
                str(o.quarter): o.deadline for o in fiscal_year.deadline_overrides.all()
            },
            "disbursement_rules": disbursement_rules(fiscal_year),
            "region": region.code if region else None,
            "report_deadlines": {
                str(q): d for q, d in report_deadlines(fiscal_year, region).items()
            },
            "extensions": region_extensions(fiscal_year, region) if region else [],
        }
        return Response(FiscalYearSerializer(data).data)
