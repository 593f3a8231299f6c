"""Printable documents of a report: the berita acara verifikasi of a verified version."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.views.decorators.http import require_GET

from allocations.scoping import get_visible_or_404
from dakmonev.pdf import pdf_response

from ..documents import berita_acara_pdf
from ..models import QuarterlyReport
from ..selectors.reports import report_lines, report_upload_of


@login_required
@require_GET
def report_berita_acara(request, pk: int):
    report = get_visible_or_404(
        QuarterlyReport.objects.select_related(
            "region", "fiscal_year", "created_by", "submitted_by", "verified_by"
        ),
        request.user,
        pk=pk,
    )
    if report.verified_at is None:
        raise Http404("Laporan ini belum diverifikasi.")
    document = berita_acara_pdf(report, report_upload_of(report), report_lines(report))
    return pdf_response(
        document,
        f"berita-acara-verifikasi_{report.region.code}_TA{report.fiscal_year.year}"
        f"_TW{report.quarter}_v{report.version}.pdf",
    )
