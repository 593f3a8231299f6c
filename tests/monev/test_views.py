"""Pages: scoping (404 for other regions), who sees which buttons and may post, lifecycle via pages,
export neutralising formulas, constant query count on the list."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from monev.choices import FollowUpStatus
from monev.models import Attachment, Finding, FollowUp, Inspection
from tests.exports import response_export
from tests.factories import FindingFactory, RegionFactory, problem_code
from tests.files import MINIMAL_PDF

pytestmark = pytest.mark.django_db


def login(client, username):
    from accounts.models import User

    client.force_login(User.objects.get(username=username))
    return client


def test_dinas_sees_only_its_own_findings(world, client):
    login(client, "dinas_a")
    r = client.get(reverse("monev:finding_list"))
    assert r.status_code == 200
    body = r.content.decode()
    assert world.finding_a.title in body and world.finding_b.title not in body
    assert client.get(reverse("monev:finding_detail", args=[world.finding_b.pk])).status_code == 404
    assert client.get(reverse("monev:finding_detail", args=[world.finding_a.pk])).status_code == 200
    assert client.get(reverse("monev:inspection_detail", args=[world.insp_b.pk])).status_code == 404
    # Posting to another region's finding looks exactly like a missing one.
    r = client.post(
        reverse("monev:followup_submit", args=[world.finding_b.pk]),
        {"description": "x", "date": "2024-11-01"},
    )
    assert r.status_code == 404 and FollowUp.objects.count() == 0
    # The region filter cannot widen the scope.
    r = client.get(reverse("monev:finding_list"), {"region": world.b.pk, "state": "all"})
    assert world.finding_b.title not in r.content.decode()


def test_follow_up_lifecycle_through_the_pages(world, client):
    f = world.finding_a
    detail = reverse("monev:finding_detail", args=[f.pk])
    login(client, "dinas_a")
    assert "Kirim tindak lanjut" in client.get(detail).content.decode()
    r = client.post(
        reverse("monev:followup_submit", args=[f.pk]),
        {
            "description": "Pelatihan operator telah dilaksanakan",
            "date": "2024-11-20",
            "files": [
                SimpleUploadedFile("daftar hadir.pdf", MINIMAL_PDF),
                SimpleUploadedFile("foto.pdf", MINIMAL_PDF),
            ],
        },
    )
    assert r.status_code == 302
    fu = FollowUp.objects.get(finding=f)
    assert fu.submitted_by.username == "dinas_a" and fu.attachments.count() == 2
    # The dinas cannot assess or close.
    assert (
        client.post(
            reverse("monev:followup_assess", args=[fu.pk]), {"status": "SELESAI"}
        ).status_code
        == 403
    )
    assert client.post(reverse("monev:finding_close", args=[f.pk])).status_code == 403

    login(client, "inspektur1")
    page = client.get(detail).content.decode()
    assert "Simpan penilaian" in page and "daftar hadir.pdf" in page
    client.post(
        reverse("monev:followup_assess", args=[fu.pk]), {"status": "SELESAI", "note": "Sesuai"}
    )
    assert Finding.objects.get(pk=f.pk).status == FollowUpStatus.SELESAI
    client.post(reverse("monev:finding_close", args=[f.pk]), {"note": "Tuntas"})
    f.refresh_from_db()
    assert f.is_closed
    page = client.get(detail).content.decode()
    assert (
        "Ditutup" in page
        and "Pelatihan operator telah dilaksanakan" in page
        and "Riwayat perubahan" in page
    )


def test_rule_violation_is_shown_not_a_crash(world, client):
    login(client, "inspektur1")
    r = client.post(reverse("monev:finding_close", args=[world.finding_a.pk]), follow=True)
    assert r.status_code == 200
    assert "hanya dapat ditutup" in r.content.decode()
    assert not Finding.objects.get(pk=world.finding_a.pk).is_closed


def test_pimpinan_reads_everything_and_writes_nothing(world, client):
    login(client, "pimpinan1")
    for name, args in [
        ("finding_list", []),
        ("finding_summary", []),
        ("inspection_list", []),
        ("finding_detail", [world.finding_b.pk]),
        ("inspection_detail", [world.insp_a.pk]),
        ("outcome_summary", []),
    ]:
        assert client.get(reverse(f"monev:{name}", args=args)).status_code == 200, name
    page = client.get(reverse("monev:finding_detail", args=[world.finding_a.pk])).content.decode()
    assert "Kirim tindak lanjut" not in page and "Simpan penilaian" not in page
    for name, args in [
        ("inspection_create", []),
        ("finding_create", [world.insp_a.pk]),
        ("finding_edit", [world.finding_a.pk]),
        ("survey_record", []),
    ]:
        assert client.get(reverse(f"monev:{name}", args=args)).status_code == 403, name
    r = client.post(
        reverse("monev:followup_submit", args=[world.finding_a.pk]),
        {"description": "x", "date": "2024-11-01"},
    )
    assert r.status_code == 403 and FollowUp.objects.count() == 0


def test_inspector_records_inspection_and_finding_through_pages(world, client):
    _receiving(world)
    login(client, "inspektur1")
    r = client.post(
        reverse("monev:inspection_create"),
        {
            "fiscal_year": world.ta.pk,
            "region": world.a.pk,
            "kind": "DOKUMEN",
            "start_date": "2024-10-01",
            "end_date": "2024-10-03",
            "team": [world.inspector.pk],
            "rating_output": 3,
            "rating_reporting": 2,
            "rating_performance": 4,
            "notes_output": "Baik",
        },
    )
    assert r.status_code == 302
    insp = Inspection.objects.get(kind="DOKUMEN")
    assert insp.created_by == world.inspector and insp.rating_reporting == 2
    r = client.post(
        reverse("monev:finding_create", args=[insp.pk]),
        {
            "title": "Laporan TW II terlambat",
            "kondisi": "k",
            "kriteria": "kr",
            "sebab": "s",
            "akibat": "a",
            "rekomendasi": "r",
            "severity": "TINGGI",
            "due_date": "2025-01-31",
            "problem_code": problem_code(8).pk,
            "files": [SimpleUploadedFile("ba.pdf", MINIMAL_PDF)],
        },
    )
    assert r.status_code == 302
    f = Finding.objects.get(title="Laporan TW II terlambat")
    assert f.region == world.a and f.attachments.count() == 1
    r = client.post(
        reverse("monev:finding_edit", args=[f.pk]),
        {
            "title": "Laporan TW II terlambat 30 hari",
            "kondisi": "k",
            "kriteria": "kr",
            "sebab": "s",
            "akibat": "a",
            "rekomendasi": "r",
            "amount": "Rp 1.250.000,50",  # Nilai temuan typed the Indonesian way
            "severity": "TINGGI",
            "due_date": "2025-02-28",
            "problem_code": problem_code(8).pk,
        },
    )
    assert r.status_code == 302
    f.refresh_from_db()
    assert f.due_date == dt.date(2025, 2, 28) and f.history.count() == 2
    assert str(f.amount) == "1250000.50"


def test_export_has_the_same_filters_and_neutralises_formulas(world, client):
    FindingFactory(
        inspection=world.insp_a,
        title='=HYPERLINK("http://jahat.example","klik")',
        rekomendasi="+62 811",
        problem_code=problem_code(6),
    )
    login(client, "ditjen1")
    r = client.get(reverse("monev:finding_export"), {"problem_code": 6})
    assert r.status_code == 200
    assert (
        r["Content-Disposition"].startswith("attachment;")
        and r["X-Content-Type-Options"] == "nosniff"
    )
    export = response_export(r)
    assert len(export.rows) == 1  # only the problem-code-6 finding
    title = export.cells("Judul")[0]
    rek = export.cells("Rekomendasi")[0]
    assert title.value.startswith("=HYPERLINK") and title.data_type == "s"
    assert rek.value == "+62 811" and rek.data_type == "s"

    login(client, "dinas_b")
    export = response_export(client.get(reverse("monev:finding_export")))
    assert export.column("Kode wilayah") == ["96.71"]  # only its own region


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("monev:finding_list"), {"state": "all"}).status_code == 200
    return len(ctx.captured_queries)


def test_list_query_count_does_not_grow_with_rows(world, client):
    login(client, "ditjen1")
    _list_queries(
        client
    )  # force_login skips the login page's session stamp: the first page re-saves it
    few = _list_queries(client)
    for i in range(30):
        f = FindingFactory(
            inspection=world.insp_a if i % 2 else world.insp_b,
            problem_code=problem_code(i % 11 + 1),
        )
        FollowUp.objects.create(
            finding=f, description="x", date=dt.date(2024, 11, 1), submitted_by=world.dinas_a
        )
    assert Attachment.objects.count() == 0
    many = _list_queries(client)
    assert few == many


def test_admin_lists_are_read_only_with_history(world, client):
    from tests.factories import make_user

    client.force_login(make_user("ditjen", is_superuser=True))
    assert client.get(reverse("admin:monev_finding_changelist")).status_code == 200
    assert (
        client.get(reverse("admin:monev_finding_change", args=[world.finding_a.pk])).status_code
        == 200
    )
    assert (
        client.get(reverse("admin:monev_finding_history", args=[world.finding_a.pk])).status_code
        == 200
    )
    assert client.get(reverse("admin:monev_finding_add")).status_code == 403
    r = client.post(
        reverse("admin:monev_finding_change", args=[world.finding_a.pk]), {"title": "diubah"}
    )
    assert r.status_code == 403
    assert Finding.objects.get(pk=world.finding_a.pk).title != "diubah"


def test_a_refused_follow_up_keeps_what_was_typed(world, client):
    login(client, "dinas_a")
    typed = "Pelatihan operator sudah dijadwalkan\nbaris kedua"
    r = client.post(
        reverse("monev:followup_submit", args=[world.finding_a.pk]), {"description": typed}
    )
    page = r.content.decode()
    assert r.status_code == 200 and FollowUp.objects.count() == 0
    assert "Pelatihan operator sudah dijadwalkan\nbaris kedua</textarea>" in page
    assert 'class="errorlist' in page  # the date is named as missing, next to its field


def test_a_refused_assessment_keeps_the_note(world, client):
    fu = FollowUp.objects.create(
        finding=world.finding_a,
        description="x",
        date=dt.date(2024, 11, 1),
        submitted_by=world.finding_a.created_by,
    )
    login(client, "inspektur1")
    r = client.post(reverse("monev:followup_assess", args=[fu.pk]), {"note": "Catatan saya"})
    page = r.content.decode()
    assert r.status_code == 200 and "Catatan saya</textarea>" in page
    assert FollowUp.objects.get(pk=fu.pk).assessed_at is None


def _receiving(world) -> None:
    """Both regions receive DAK IKM in the world's TA (the region choosers offer only those)."""
    from tests.factories import allocation

    for region in (world.a, world.b):
        allocation(year=world.ta.year, region=region)


def test_region_choosers_offer_receiving_regions_and_can_be_searched(world, client):
    from monev.forms import FindingForm, InspectionForm

    _receiving(world)
    outsider = RegionFactory(code="11.01", name="Kabupaten Tanpa DAK")
    form = InspectionForm()
    assert set(form.fields["region"].queryset) == {world.a, world.b}
    assert "data-searchable" in str(form["region"])
    assert outsider not in FindingForm(inspection=world.insp_a).fields["region"].queryset
    later = type(world.ta).objects.create(year=2025)
    form = InspectionForm(
        {
            "fiscal_year": later.pk,
            "region": world.a.pk,
            "kind": "DOKUMEN",
            "start_date": "2025-10-01",
        }
    )
    assert not form.is_valid()
    assert "tidak menerima DAK Fisik IKM pada TA 2025" in form.errors["region"][0]
