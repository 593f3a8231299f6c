"""Berita acara verifikasi: a verified version on paper — who, when, which version, the
original file's SHA-256 and the lines — and nobody else's report (404)."""

from __future__ import annotations

import hashlib

import pytest
from django.urls import reverse

from dakmonev.spreadsheet.numbers import format_rupiah
from realisasi.services.imports import report_import
from realisasi.services.reports import report_submit, report_verify
from tests.pdfs import response_pdf

from .report_fixtures import RK, fixture_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def rk():
    return RK()


@pytest.fixture
def verified(rk):
    data = fixture_bytes("valid.xlsx")
    report = report_import(actor=rk.dinas, name="laporan-tw.xlsx", data=data).report
    report_submit(actor=rk.dinas, report=report)
    report_verify(actor=rk.ditjen, report=report)
    report.refresh_from_db()
    return report, hashlib.sha256(data).hexdigest()


def test_the_berita_acara_names_who_when_which_version_and_the_originals_hash(client, rk, verified):
    report, sha = verified
    client.force_login(rk.dinas)
    url = reverse("realisasi:report_berita_acara", args=[report.pk])
    text = response_pdf(client.get(url))
    assert "Berita Acara Verifikasi Laporan Realisasi DAK Fisik Bidang IKM" in text
    assert (
        f"{rk.region.code} {rk.region.name} — TA 2024, TW {['I', 'II', 'III', 'IV'][report.quarter - 1]}, versi {report.version}"
        in text
    )
    assert rk.ditjen.username in text or rk.ditjen.get_full_name() in text
    assert sha in text.replace(" ", "") and "laporan-tw.xlsx" in text
    total = sum(line.financial_realisation for line in report.lines.all())
    assert format_rupiah(total) in text
    for activity in rk.activities:
        assert activity.code in text
    # The detail page offers it once verified.
    assert url in client.get(reverse("realisasi:report_detail", args=[report.pk])).content.decode()


def test_only_a_verified_report_has_one_and_only_for_those_who_may_see_it(client, rk):
    report = report_import(actor=rk.dinas, name="a.xlsx", data=fixture_bytes("valid.xlsx")).report
    url = reverse("realisasi:report_berita_acara", args=[report.pk])
    client.force_login(rk.ditjen)
    assert client.get(url).status_code == 404  # a draft was never verified
    report_submit(actor=rk.dinas, report=report)
    report_verify(actor=rk.ditjen, report=report)
    assert client.get(url).status_code == 200
    client.force_login(rk.other_dinas)
    assert client.get(url).status_code == 404
