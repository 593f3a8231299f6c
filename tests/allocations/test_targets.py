"""Quarterly targets of RK lines (DOMAIN.md §7): each rule, the RK guard, history, and the RK import."""

from __future__ import annotations

import io
from decimal import Decimal as D

import pytest

from allocations.choices import RKStatus
from allocations.models import ActivityTarget, PlannedActivity, Region
from allocations.services.imports import rk_import
from allocations.services.targets import (
    Targets,
    activity_targets,
    activity_targets_set,
    target_problems,
)
from dakmonev.errors import Conflict, DomainError, NotFound
from tests.factories import allocation, dinas, ditjen, line
from tests.files import csv_bytes, xlsx_bytes

from .test_imports import RK, rk_rows

pytestmark = pytest.mark.django_db

M = D("1000000")
GOOD = Targets.of([D(10), D(40), D(70), D(100)], [10 * M, 40 * M, 70 * M, 100 * M])
TARGET_COLUMNS = [f"target_fisik_tw{q}" for q in range(1, 5)] + [
    f"target_keuangan_tw{q}" for q in range(1, 5)
]


def _problems(physical, financial, pagu=100 * M):
    return [
        (p.column, p.message) for p in target_problems(Targets.of(physical, financial), pagu=pagu)
    ]


# ------------------------------------------------------------------------------ the rules


def test_a_complete_plan_is_valid_and_empty_means_no_target():
    assert target_problems(GOOD, pagu=100 * M) == []
    assert target_problems(Targets.empty(), pagu=100 * M) == []
    # only financial targets, some quarters empty: no TW IV physical rule applies
    assert _problems([None] * 4, [None, 20 * M, None, 90 * M]) == []


def test_physical_between_0_and_100():
    assert _problems([D(-1), D(40), D(70), D(100)], [None] * 4) == [
        ("target_fisik_tw1", "Target fisik TW I harus antara 0 dan 100 %.")
    ]
    assert _problems([D(10), D("100.01"), D(70), D(100)], [None] * 4)[0][0] == "target_fisik_tw2"


def test_financial_not_negative_and_not_above_the_line_pagu():
    assert _problems([None] * 4, [D(-1), None, None, None]) == [
        ("target_keuangan_tw1", "Target keuangan TW I tidak boleh negatif.")
    ]
    assert _problems([None] * 4, [None, None, None, 100 * M + 1]) == [
        (
            "target_keuangan_tw4",
            "Target keuangan TW IV Rp100.000.001 melebihi pagu kegiatan Rp100.000.000.",
        )
    ]


def test_targets_never_decrease():
    assert _problems([D(10), D(50), D(40), D(100)], [None] * 4) == [
        (
            "target_fisik_tw3",
            "Target fisik TW III (40,00 %) lebih kecil dari TW II (50,00 %); "
            "target kumulatif tidak boleh turun.",
        )
    ]
    # an empty quarter in between is skipped: TW III is compared with TW I
    assert _problems([None] * 4, [30 * M, None, 20 * M, 90 * M])[0][0] == "target_keuangan_tw3"


def test_tw_iv_physical_is_100_when_the_line_has_physical_targets():
    assert _problems([D(10), D(40), D(70), D(90)], [None] * 4)[0][0] == "target_fisik_tw4"
    assert _problems([D(10), None, None, None], [None] * 4)[0][0] == "target_fisik_tw4"


# ------------------------------------------------------------------------------ the service


@pytest.fixture
def rk_line():
    alloc = allocation(pagu="1000000000")
    return line(alloc, "RK-01", 100 * M)


def test_set_stores_four_quarters_with_history(rk_line):
    user = dinas(rk_line.allocation.region)
    activity_targets_set(actor=user, activity=rk_line, targets=GOOD)
    assert activity_targets(rk_line) == GOOD
    assert ActivityTarget.objects.filter(activity=rk_line).count() == 4
    # clearing TW I keeps its row (empty) so history shows the change
    cleared = Targets.of([None, *GOOD.physical[1:]], [None, *GOOD.financial[1:]])
    activity_targets_set(actor=user, activity=rk_line, targets=cleared)
    assert activity_targets(rk_line) == cleared
    tw1 = ActivityTarget.objects.get(activity=rk_line, quarter=1)
    assert [h.target_physical_pct for h in tw1.history.order_by("history_date")] == [D(10), None]
    assert tw1.history.latest().history_user == user


def test_set_refuses_a_broken_rule_naming_the_column(rk_line):
    bad = Targets.of([D(10), D(40), D(70), D(100)], [None, None, None, 200 * M])
    with pytest.raises(DomainError) as exc:
        activity_targets_set(actor=ditjen(), activity=rk_line, targets=bad)
    assert exc.value.field == "target_keuangan_tw4"
    assert not ActivityTarget.objects.exists()


def test_after_approval_the_rk_must_be_returned(rk_line):
    alloc = rk_line.allocation
    alloc.rk_status = RKStatus.APPROVED
    alloc.save()
    with pytest.raises(Conflict, match="RK berstatus disetujui"):
        activity_targets_set(actor=dinas(alloc.region), activity=rk_line, targets=GOOD)
    alloc.rk_status = RKStatus.RETURNED
    alloc.save()
    activity_targets_set(actor=dinas(alloc.region), activity=rk_line, targets=GOOD)
    assert activity_targets(rk_line) == GOOD


def test_another_region_may_not_set_targets(rk_line):
    other = allocation().region
    with pytest.raises(NotFound):  # another region: as if it did not exist
        activity_targets_set(actor=dinas(other), activity=rk_line, targets=GOOD)


# ------------------------------------------------------------------------------ the RK import


@pytest.fixture
def regions(reference_data):
    return {c: Region.objects.get(code=c) for c in ("32.04", "35.07")}


def _with_targets(rows, targets):
    return [row + list(t) for row, t in zip(rows, targets, strict=True)]


PLAN = ["10", "40", "70", "100", "10.000.000", "40.000.000", "70.000.000", "100.000.000"]


def test_rk_file_with_targets_imports(regions):
    allocation(pagu="1000000000", region=regions["32.04"])
    user = dinas(regions["32.04"])
    rows = _with_targets(rk_rows(n=2), [PLAN, ["", "", "", "", "", "", "", ""]])
    result = rk_import(actor=user, name="rk.csv", data=csv_bytes(RK + TARGET_COLUMNS, rows))
    assert result.ok, result.errors
    first, second = PlannedActivity.objects.order_by("code")
    assert activity_targets(first) == GOOD
    assert activity_targets(second) == Targets.empty()
    assert (
        ActivityTarget.objects.get(activity=first, quarter=4).history.latest().history_user == user
    )
    # again from .xlsx with numbers: TW I changed → one history row more, nothing else rewritten
    plan = [5, 40, 70, 100, 5000000, 40000000, 70000000, 100000000]
    again = rk_import(
        actor=user,
        name="rk.xlsx",
        data=xlsx_bytes(RK + TARGET_COLUMNS, _with_targets(rk_rows(n=1), [plan])),
    )
    assert again.ok, again.errors
    assert activity_targets(first).physical == (D(5), D(40), D(70), D(100))
    assert ActivityTarget.objects.get(activity=first, quarter=1).history.count() == 2
    assert ActivityTarget.objects.get(activity=first, quarter=2).history.count() == 1


def test_percent_formatted_target_cells_read_as_percentages(regions):
    """A clerk who formats the fisik targets as percentages in Excel stores 0.455 for 45,5 %
    (here written by xlsxwriter, as LibreOffice and Excel do): read as 45,5, not 0,46."""
    import xlsxwriter

    allocation(pagu="1000000000", region=regions["32.04"])
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf)
    ws, pct = wb.add_worksheet("RK"), wb.add_format({"num_format": "0.0%"})
    ws.write_row(0, 0, RK + TARGET_COLUMNS)
    (row,) = rk_rows(n=1)
    ws.write_row(1, 0, row)
    for i, share in enumerate([0.105, 0.455, 0.7, 1]):
        ws.write_number(1, len(RK) + i, share, pct)
    ws.write_number(1, len(RK) + 4, 10_000_000)
    wb.close()
    result = rk_import(actor=dinas(regions["32.04"]), name="rk.xlsx", data=buf.getvalue())
    assert result.ok, result.errors
    assert activity_targets(PlannedActivity.objects.get()).physical == (
        D("10.50"),
        D("45.50"),
        D("70.00"),
        D("100.00"),
    )


def test_a_file_without_target_columns_leaves_targets_alone(regions):
    allocation(pagu="1000000000", region=regions["32.04"])
    user = dinas(regions["32.04"])
    rk_import(
        actor=user,
        name="rk.csv",
        data=csv_bytes(RK + TARGET_COLUMNS, _with_targets(rk_rows(n=1), [PLAN])),
    )
    assert rk_import(actor=user, name="rk.csv", data=csv_bytes(RK, rk_rows(n=1))).ok
    assert activity_targets(PlannedActivity.objects.get()) == GOOD


def test_a_file_breaking_a_rule_is_rejected_with_row_and_column(regions):
    allocation(pagu="1000000000", region=regions["32.04"])
    bad_order = ["10", "50", "40", "100", "", "", "", ""]
    above_pagu = ["", "", "", "", "", "", "", "100.000.001"]
    rows = _with_targets(rk_rows(n=3), [PLAN, bad_order, above_pagu])
    result = rk_import(
        actor=dinas(regions["32.04"]), name="rk.csv", data=csv_bytes(RK + TARGET_COLUMNS, rows)
    )
    assert not result.ok
    assert [(e.row, e.column, e.value) for e in result.errors] == [
        (3, "target_fisik_tw3", "40.00"),
        (4, "target_keuangan_tw4", "100000001.00"),
    ]
    assert "tidak boleh turun" in result.errors[0].message
    assert "melebihi pagu kegiatan" in result.errors[1].message
    assert not PlannedActivity.objects.exists() and not ActivityTarget.objects.exists()


def test_an_unreadable_target_cell_is_rejected_with_row_and_column(regions):
    allocation(pagu="1000000000", region=regions["32.04"])
    rows = _with_targets(rk_rows(n=2), [PLAN, ["10", "abc", "70", "100", "", "", "", ""]])
    result = rk_import(
        actor=dinas(regions["32.04"]), name="rk.xlsx", data=xlsx_bytes(RK + TARGET_COLUMNS, rows)
    )
    assert [(e.row, e.column) for e in result.errors] == [(3, "target_fisik_tw2")]
    assert "bukan persentase" in result.errors[0].message
    assert not PlannedActivity.objects.exists()


# ------------------------------------------------------------------------------ the RK page


def test_rk_page_shows_one_row_of_four_quarters_and_saves_them(client, rk_line):
    from django.urls import reverse

    client.force_login(dinas(rk_line.allocation.region))
    url = reverse("allocations:targets_edit", args=[rk_line.pk])
    form = client.get(url).content.decode()
    assert 'name="target_fisik_tw4"' in form and 'name="target_keuangan_tw1"' in form
    data = {
        "target_fisik_tw1": "10",
        "target_fisik_tw2": "40",
        "target_fisik_tw3": "70",
        "target_fisik_tw4": "90",
    }
    refused = client.post(url, data).content.decode()
    assert "Target fisik TW IV harus 100 %" in refused
    data["target_fisik_tw4"] = "100"
    assert client.post(url, data).status_code == 302
    assert activity_targets(rk_line).physical == (D(10), D(40), D(70), D(100))
    page = client.get(reverse("allocations:activity_list")).content.decode()
    assert 'data-targets="RK-01"' in page and "100,00 %" in page


def test_another_regions_target_page_is_404(client, rk_line):
    from django.urls import reverse

    client.force_login(dinas(allocation().region))
    url = reverse("allocations:targets_edit", args=[rk_line.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"target_fisik_tw4": "100"}).status_code == 404
