"""Attachments: whitelisted, capped, stored under a generated name, downloadable only within scope."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dakmonev.errors import Conflict, DomainError, NotFound, NotPermitted
from monev import services
from tests.files import MINIMAL_PDF, MINIMAL_PNG

pytestmark = pytest.mark.django_db


def _pdf(name="bukti.pdf", data=MINIMAL_PDF):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_traversal_name_is_stored_under_a_generated_name(world, settings):
    a = services.attachment_add(
        actor=world.inspector, finding=world.finding_a, upload=_pdf("../../x.pdf")
    )
    stored = Path(a.file.path).resolve()
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert a.file.name.startswith("monev/attachments/") and ".." not in a.file.name
    assert "x.pdf" not in a.file.name and a.file.name.endswith(".pdf")
    assert a.original_name == "x.pdf"
    assert a.sha256 == hashlib.sha256(MINIMAL_PDF).hexdigest() and a.size == len(MINIMAL_PDF)
    assert stored.read_bytes() == MINIMAL_PDF
    assert not (Path(settings.MEDIA_ROOT).parent / "x.pdf").exists()


def test_windows_style_and_control_characters_in_names_are_harmless(world):
    a = services.attachment_add(
        actor=world.inspector,
        finding=world.finding_a,
        upload=SimpleUploadedFile('C:\\temp\\foto\x00"a".png', MINIMAL_PNG),
    )
    assert a.original_name == "foto__a_.png" and a.content_type == "image/png"


@pytest.mark.parametrize(
    "name,data,match",
    [
        ("skrip.html", b"<script>alert(1)</script>", "tidak diterima"),
        ("makro.xlsm", b"PK\x03\x04....", "tidak diterima"),
        ("tanpa-ekstensi", MINIMAL_PDF, "tidak diterima"),
        ("palsu.pdf", b"MZ\x90\x00 not a pdf", "tidak sesuai"),
        ("kosong.pdf", b"", "kosong"),
    ],
)
def test_refused_files(world, name, data, match):
    with pytest.raises(DomainError, match=match):
        services.attachment_add(
            actor=world.inspector, finding=world.finding_a, upload=SimpleUploadedFile(name, data)
        )


def test_size_cap(world, settings):
    settings.MONEV_ATTACHMENT_MAX_BYTES = 100
    with pytest.raises(DomainError, match="terlalu besar"):
        services.attachment_add(
            actor=world.inspector,
            finding=world.finding_a,
            upload=_pdf(data=MINIMAL_PDF + b"0" * 200),
        )


def test_who_may_attach_what(world):
    with pytest.raises(NotPermitted):  # finding evidence is the inspector's
        services.attachment_add(actor=world.dinas_a, finding=world.finding_a, upload=_pdf())
    with pytest.raises(NotFound):  # another region's finding does not exist for this dinas
        services.attachment_add(actor=world.dinas_a, finding=world.finding_b, upload=_pdf())
    fu = services.followup_submit(
        actor=world.dinas_a, finding=world.finding_a, description="x", date=dt.date(2024, 11, 1)
    )
    services.attachment_add(
        actor=world.dinas_a, finding=world.finding_a, followup=fu, upload=_pdf()
    )
    services.followup_assess(actor=world.inspector, followup=fu, status="PROSES", note="kurang")
    with pytest.raises(Conflict):
        services.attachment_add(
            actor=world.dinas_a, finding=world.finding_a, followup=fu, upload=_pdf()
        )


def test_download_headers_and_scope(world, client):
    a = services.attachment_add(
        actor=world.inspector, finding=world.finding_b, upload=_pdf("laporan <b>.pdf")
    )
    url = reverse("monev:attachment_download", args=[a.pk])

    client.force_login(world.dinas_b)
    r = client.get(url)
    assert r.status_code == 200
    assert r["Content-Disposition"].startswith("attachment;")
    assert "laporan _b_.pdf" in r["Content-Disposition"]
    assert r["X-Content-Type-Options"] == "nosniff"
    assert r["Content-Type"] == "application/pdf"
    assert b"".join(r.streaming_content) == MINIMAL_PDF

    client.force_login(world.dinas_a)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
