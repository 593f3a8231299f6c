"""The to-do panel of each role's home page: what waits, for whom, oldest first, in a bounded
number of queries; another region's work never shows."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from accounts.roles import Role
from allocations.choices import RKStatus
from allocations.models import Allocation
from allocations.selectors.deadlines import report_deadline
from monev.choices import FollowUpStatus
from portal.selectors.todo import todo_for
from realisasi.choices import ReportStatus
from realisasi.models import QuarterlyReport
from tests import factories
from tests.factories import FindingFactory, InspectionFactory, make_user

pytestmark = pytest.mark.django_db
M = 1_000_000
WIB = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def world():
    fy = factories.fiscal_year(2024)
    a = factories.region("32.04", name="Kabupaten Bandung")
    b = factories.region("35.07", name="Kabupaten Malang")
    alloc_a, acts_a = factories.allocation_with_lines(a, 2024, [100 * M])
    alloc_b, acts_b = factories.allocation_with_lines(b, 2024, [100 * M])
    line_a, line_b = [(acts_a[0], 10 * M, 10)], [(acts_b[0], 10 * M, 10)]
    factories.report(a, 2024, 1, line_a, status=ReportStatus.VERIFIED)  # counted
    draft = factories.report(a, 2024, 2, line_a, status=ReportStatus.DRAFT)
    returned = factories.report(a, 2024, 3, line_a, status=ReportStatus.RETURNED)
    QuarterlyReport.objects.filter(pk=returned.pk).update(return_reason="Angka RK-01 tertukar")
    Allocation.objects.filter(pk=alloc_a.pk).update(
        rk_status=RKStatus.RETURNED, rk_status_note="Lengkapi sentra"
    )
    Allocation.objects.filter(pk=alloc_b.pk).update(rk_status=RKStatus.SUBMITTED)
    waiting = factories.report(b, 2024, 1, line_b)
    QuarterlyReport.objects.filter(pk=waiting.pk).update(
        submitted_at=dt.datetime(2024, 10, 10, 9, tzinfo=WIB)
    )
    inspector = make_user(Role.INSPEKTORAT)
    insp_a = InspectionFactory(fiscal_year=fy, region=a, created_by=inspector)
    insp_b = InspectionFactory(fiscal_year=fy, region=b, created_by=inspector)
    finding_a = FindingFactory(
        inspection=insp_a, title="Mesin belum dipakai", due_date=dt.date(2024, 9, 30)
    )
    finding_b = FindingFactory(
        inspection=insp_b, title="Temuan Malang", due_date=dt.date(2024, 12, 31)
    )
    # B answered its finding; the answer waits for the inspector.
    finding_b.followups.create(
        description="Sudah", date=dt.date(2024, 10, 1), submitted_by=make_user(Role.DITJEN)
    )
    return SimpleNamespace(
        fy=fy,
        a=a,
        b=b,
        draft=draft,
        returned=returned,
        waiting=waiting,
        finding_a=finding_a,
        finding_b=finding_b,
        dinas_a=make_user(Role.DINAS, region=a, first_name="Sari", email="sari@bandung.go.id"),
        dinas_b=make_user(Role.DINAS, region=b, first_name="Budi", email="budi@malang.go.id"),
        ditjen=make_user(Role.DITJEN),
        inspector=inspector,
        pimpinan=make_user(Role.PIMPINAN),
        now=dt.datetime(2024, 10, 20, 10, tzinfo=WIB),
    )


def _sections(todo):
    return {s.key: s for s in todo.sections}


def test_dinas_sees_its_drafts_returned_reports_deadlines_findings_and_returned_rk(world):
    s = _sections(todo_for(world.dinas_a, now=world.now))
    assert [i.url for i in s["drafts"].items] == [
        reverse("realisasi:report_detail", args=[world.draft.pk])
    ]
    assert "belum diajukan" in s["drafts"].items[0].detail
    [returned] = s["returned"].items
    assert returned.detail == "Alasan: Angka RK-01 tertukar" and returned.tone == "bad"
    # TW II (draft only) and TW III (returned) have passed their deadline; TW IV is not due yet
    q2 = report_deadline(world.fy, 2, world.a)
    assert [i.text for i in s["deadlines"].items] == [
        "Laporan TW II TA 2024",
        "Laporan TW III TA 2024",
    ]
    assert (
        s["deadlines"].items[0].detail.startswith(f"Terlambat {(world.now.date() - q2).days} hari")
    )
    assert [i.text for i in s["findings"].items] == ["Mesin belum dipakai"]
    assert s["rk_returned"].items[0].detail == "Alasan: Lengkapi sentra"
    # nothing of Kabupaten Malang
    assert "Malang" not in str(todo_for(world.dinas_a, now=world.now))


def test_a_finding_whose_answer_waits_for_the_inspector_is_not_on_the_dinas_list(world):
    s = _sections(todo_for(world.dinas_b, now=world.now))
    assert s["findings"].total == 0


def test_due_soon_within_the_reminder_window(world):
    q4 = report_deadline(world.fy, 4, world.a)
    soon = dt.datetime.combine(q4 - dt.timedelta(days=2), dt.time(10), tzinfo=WIB)
    item = next(
        i
        for i in _sections(todo_for(world.dinas_a, now=soon))["deadlines"].items
        if "TW IV" in i.text
    )
    assert item.tone == "warn" and "2 hari lagi" in item.detail


def test_ditjen_sees_reports_waiting_with_their_age_rk_to_approve_and_overdue_regions(world):
    s = _sections(todo_for(world.ditjen, now=world.now))
    [waiting] = s["verification"].items
    assert waiting.detail == "menunggu 10 hari" and waiting.url == reverse(
        "realisasi:verification_detail", args=[world.waiting.pk]
    )
    assert [i.text for i in s["rk_submitted"].items] == ["RK TA 2024 Kabupaten Malang"]
    overdue = {i.text.split(" — ")[0]: i for i in s["overdue"].items}
    assert "sari@bandung.go.id" in overdue["Kabupaten Bandung"].detail
    assert "budi@malang.go.id" in overdue["Kabupaten Malang"].detail


def test_inspector_sees_follow_ups_to_assess_and_late_findings(world):
    s = _sections(todo_for(world.inspector, now=world.now))
    assert [i.text for i in s["assessment"].items] == ["Kabupaten Malang — Temuan Malang"]
    assert [i.text for i in s["findings_late"].items] == ["Kabupaten Bandung — Mesin belum dipakai"]


def test_roles_without_a_panel(world):
    assert todo_for(world.pimpinan, now=world.now) is None


@pytest.mark.parametrize("who", ["dinas_a", "ditjen", "inspector"])
def test_query_count_is_bounded_whatever_the_data(world, who, django_assert_max_num_queries):
    user = getattr(world, who)
    with django_assert_max_num_queries(12) as small:
        todo_for(user, now=world.now)
    # ten times more of everything waiting
    fy = world.fy
    for i in range(10):
        region = factories.region(f"33.{10 + i}", name=f"Kabupaten Uji {i}")
        alloc, acts = factories.allocation_with_lines(region, 2024, [M])
        Allocation.objects.filter(pk=alloc.pk).update(rk_status=RKStatus.SUBMITTED)
        factories.report(region, 2024, 1, [(acts[0], 1, 1)])
        make_user(Role.DINAS, region=region)
        insp = InspectionFactory(fiscal_year=fy, region=region, created_by=world.inspector)
        f = FindingFactory(inspection=insp, due_date=dt.date(2024, 1, 1))
        f.followups.create(description="x", date=dt.date(2024, 2, 1), submitted_by=world.ditjen)
        FindingFactory(inspection=insp_for_a(world), due_date=dt.date(2024, 1, 1))
        factories.report(world.a, 2024, 4, [], status=ReportStatus.DRAFT)
    with django_assert_max_num_queries(len(small.captured_queries)):
        todo_for(user, now=world.now)


def insp_for_a(world):
    return world.finding_a.inspection


def test_home_pages_load_the_panel(client, world):
    client.force_login(world.dinas_a)
    home = client.get(reverse("portal:my_region"), {"ta": 2024}).content.decode()
    assert 'data-panel="todo-slot"' in home and reverse("portal:todo") in home
    panel = client.get(reverse("portal:todo"), HTTP_HX_REQUEST="true").content.decode()
    assert 'data-panel="todo"' in panel and "Angka RK-01 tertukar" in panel
    assert "<html" not in panel  # the fragment only; without htmx, the link shows a full page
    assert "Angka RK-01 tertukar" in client.get(reverse("portal:todo")).content.decode()
    client.force_login(world.ditjen)
    assert 'data-panel="todo-slot"' in client.get(reverse("portal:dashboard")).content.decode()
    # a ditjen user looking at a region page is not shown a panel there
    assert (
        'data-panel="todo-slot"'
        not in client.get(reverse("portal:region_detail", args=["32.04"])).content.decode()
    )
    client.force_login(world.pimpinan)
    assert 'data-panel="todo-slot"' not in client.get(reverse("portal:dashboard")).content.decode()
    panel = client.get(reverse("portal:todo"), HTTP_HX_REQUEST="true").content.decode()
    assert 'data-panel="todo"' not in panel


def test_assessed_follow_up_leaves_the_inspectors_list(world):
    fu = world.finding_b.followups.get()
    type(fu).objects.filter(pk=fu.pk).update(
        assessment_status=FollowUpStatus.PROSES, assessed_at=world.now, assessed_by=world.inspector
    )
    assert _sections(todo_for(world.inspector, now=world.now))["assessment"].total == 0
