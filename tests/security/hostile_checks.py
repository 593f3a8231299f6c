"""Helpers and file layouts shared by the hostile-file tests."""

from __future__ import annotations

from rest_framework.test import APIClient

from accounts.tokens import token_issue
from realisasi.models import QuarterlyReport, ReportLine

API_UPLOAD = "/api/v1/reports/upload/"
RK_HEADERS = [
    "tahun",
    "kode_wilayah",
    "kode_kegiatan",
    "menu",
    "uraian",
    "sentra",
    "volume",
    "satuan",
    "pagu",
]
PAGU_HEADERS = ["tahun", "kode_wilayah", "pagu"]


def _messages(outcome) -> str:
    return " ".join(e["message"] for e in outcome.upload.errors)


def _api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_issue(user=user)[1]}")
    return client


def _nothing_stored() -> None:
    assert not QuarterlyReport.objects.exists() and not ReportLine.objects.exists()
