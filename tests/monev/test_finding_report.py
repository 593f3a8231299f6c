"""The finding report: the auditors' structure on paper, follow-ups with their assessments,
and another region's finding is a 404."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from monev.choices import FollowUpStatus
from monev.models import FollowUp
from tests.pdfs import response_pdf

pytestmark = pytest.mark.django_db


def test_the_finding_report_has_the_five_parts_and_every_assessed_follow_up(client, world):
    f = world.finding_a
    f.kondisi, f.kriteria, f.sebab = "Mesin belum terpasang", "Juknis DAK 2024", "Kontrak terlambat"
    f.akibat, f.rekomendasi = "Sentra belum berproduksi", "Percepat pemasangan mesin"
    f.save()
    FollowUp.objects.create(
        finding=f,
        description="Mesin dipasang 12 Oktober",
        date=dt.date(2024, 10, 12),
        submitted_by=world.dinas_a,
        assessment_status=FollowUpStatus.SELESAI,
        assessment_note="Sesuai foto pemasangan",
        assessed_by=world.inspector,
        assessed_at=timezone.now(),
    )
    client.force_login(world.dinas_a)
    url = reverse("monev:finding_report", args=[f.pk])
    text = response_pdf(client.get(url))
    assert f"Laporan temuan monev No. {f.pk}: {f.title}" in text
    for heading, body in (
        ("Kondisi", "Mesin belum terpasang"),
        ("Kriteria", "Juknis DAK 2024"),
        ("Sebab", "Kontrak terlambat"),
        ("Akibat", "Sentra belum berproduksi"),
        ("Rekomendasi", "Percepat pemasangan mesin"),
    ):
        assert f"{heading} {body}" in text
    assert "Tindak lanjut 1" in text and "Mesin dipasang 12 Oktober" in text
    assert "Sesuai rekomendasi" in text and "Sesuai foto pemasangan" in text
    assert "inspektur1" in text and "Riwayat perubahan" in text
    assert url in client.get(reverse("monev:finding_detail", args=[f.pk])).content.decode()
    client.force_login(world.dinas_b)
    assert client.get(url).status_code == 404
