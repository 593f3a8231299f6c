"""Timeliness of the quarterly reports (DOMAIN.md §9) on a hand-made example, and the same
figures through the dashboard, the province page, the Excel export and the API."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.roles import Role
from allocations.choices import DeadlineRule, RegionTimezone
from allocations.models import Region
from allocations.selectors.deadlines import fiscal_years
from allocations.services.fiscal_years import deadline_extension_grant
from allocations.services.holidays import holidays_seed
from dakmonev.spreadsheet.writer import PERCENT_FORMAT
from realisasi.choices import ReportStatus
from realisasi.models import QuarterlyReport
from realisasi.selectors.timeliness import timeliness
from tests import factories
from tests.exports import response_export
from tests.factories import make_user

pytestmark = pytest.mark.django_db
M = 1_000_000
UTC = dt.UTC


def _report(code: str, submitted_at: dt.datetime | None, status=ReportStatus.SUBMITTED):
    region = Region.objects.get(code=code)
    [line] = factories.allocation_with_lines(region, 2024, [100 * M])[1]
    rep = factories.report(region, 2024, 1, [(line, 10 * M, 10)], status=status)
    QuarterlyReport.objects.filter(pk=rep.pk).update(submitted_at=submitted_at)


@pytest.fixture
def example():
    """TA 2024 in working days: TW I is due Monday 22 April 2024 (after Idul Fitri).

    Province 32 (WIB): 32.01 submitted 22 Apr 23:59 WIB (on time), 32.02 23 Apr 00:30 WIB
    (late), 32.03 verified, submitted 10 Apr (on time), 32.04 only a draft (missing); 32.05
    receives nothing (not expected). Province 91 (WIT): 91.01 submitted 22 Apr 22:30 WIB =
    23 Apr 00:30 WIT (late in its own zone), 91.02 extended to 31 May and submitted 20 May (on
    time), 91.03 nothing (missing).
    """
    holidays_seed(years=[2024])
    factories.fiscal_year(2024, deadline_rule=DeadlineRule.HARI_KERJA, report_deadline_days=10)
    for code in ("32.01", "32.02", "32.03", "32.04", "32.05"):
        factories.region(code)
    for code in ("91.01", "91.02", "91.03"):
        factories.region(code, tz=RegionTimezone.WIT)
    _report("32.01", dt.datetime(2024, 4, 22, 16, 59, tzinfo=UTC))
    _report("32.02", dt.datetime(2024, 4, 22, 17, 30, tzinfo=UTC))
    _report("32.03", dt.datetime(2024, 4, 10, 3, tzinfo=UTC), status=ReportStatus.VERIFIED)
    _report("32.04", None, status=ReportStatus.DRAFT)
    _report("91.01", dt.datetime(2024, 4, 22, 15, 30, tzinfo=UTC))
    _report("91.02", dt.datetime(2024, 5, 20, 2, tzinfo=UTC))
    [line] = factories.allocation_with_lines(Region.objects.get(code="91.03"), 2024, [M])[1]
    deadline_extension_grant(
        actor=make_user(Role.DITJEN),
        fiscal_year=factories.fiscal_year(2024),
        region=Region.objects.get(code="91.02"),
        quarter=1,
        until=dt.date(2024, 5, 31),
        reason="Gempa bumi",
    )


NATIONAL = {"expected": 7, "received": 5, "on_time": 3, "late": 2, "missing": 2}
PROVINCE_32 = {"expected": 4, "received": 3, "on_time": 2, "late": 1, "missing": 1}
PROVINCE_91 = {"expected": 3, "received": 2, "on_time": 1, "late": 1, "missing": 1}


def _counts(row) -> dict:
    return {k: getattr(row, k) for k in NATIONAL}


def test_timeliness_counts_on_a_hand_made_example(example):
    [fy] = [fy for fy in fiscal_years() if fy.year == 2024]
    t = timeliness(make_user(Role.PIMPINAN), fy, 1)
    assert _counts(t.total) == NATIONAL
    assert t.total.on_time_pct.quantize(Decimal("0.01")) == Decimal("42.86")
    assert [(p.code, _counts(p)) for p in t.provinces] == [("32", PROVINCE_32), ("91", PROVINCE_91)]
    papua = timeliness(make_user(Role.DITJEN), fy, 1, province=Region.objects.get(code="91"))
    assert _counts(papua.total) == PROVINCE_91 and papua.provinces == []
    # TW II: nothing received yet, everything missing
    assert _counts(timeliness(make_user(Role.DITJEN), fy, 2).total) == {
        "expected": 7, "received": 0, "on_time": 0, "late": 0, "missing": 7,
    }  # fmt: skip


def test_a_dinas_account_gets_no_national_figures(client, example):
    client.force_login(make_user(Role.DINAS, region=Region.objects.get(code="32.01")))
    assert client.get("/api/v1/timeliness/?year=2024&quarter=1").status_code == 403
    export = reverse("realisasi:timeliness_export") + "?year=2024&quarter=1"
    assert client.get(export).status_code == 403


def _page_row(html: str, marker: str) -> dict:
    table = html[html.index('data-table="timeliness"') :]
    cells = re.search(marker + r"[^>]*>(.*?)</tr>", table, re.S).group(1)
    values = re.findall(r'class="num">([^<]*)<', cells)
    keys = [*NATIONAL, "on_time_pct"]
    return dict(zip(keys, [int(v) for v in values[:5]] + [values[5]], strict=True))


def _sheet_rows(response) -> dict:
    export = response_export(response)  # title row, then the header row, then the data
    assert export.cells("% tepat waktu")[0].number_format == PERCENT_FORMAT
    rows = [tuple(export.headers), *export.rows]
    assert rows[0][4:] == (
        "Diharapkan", "Diterima", "Tepat waktu", "Terlambat", "Belum masuk", "% tepat waktu",
    )  # fmt: skip
    return {
        r[0] or "nasional": dict(zip([*NATIONAL, "on_time_pct"], r[4:], strict=True))
        for r in rows[1:]
    }


def test_page_export_and_api_show_the_same_figures(client, example):
    client.force_login(make_user(Role.PIMPINAN))
    period = "?year=2024&quarter=1"

    api = client.get("/api/v1/timeliness/" + period).json()
    assert {k: api[k] for k in NATIONAL} == NATIONAL and api["on_time_pct"] == "42.86"
    api_rows = {p["code"]: p for p in api["provinces"]}
    assert {k: api_rows["91"][k] for k in NATIONAL} == PROVINCE_91
    assert api_rows["91"]["on_time_pct"] == "33.33"
    api_91 = client.get("/api/v1/timeliness/" + period + "&province=91").json()
    assert "provinces" not in api_91 and api_91["code"] == "91"

    dashboard = client.get(reverse("portal:dashboard") + period).content.decode()
    page_national = _page_row(dashboard, 'data-total="nasional"')
    page_91 = _page_row(dashboard, 'data-timeliness-province="91"')
    province_page = client.get(reverse("portal:province_detail", args=["91"]) + period)
    page_91_own = _page_row(province_page.content.decode(), 'data-total="91"')

    export = _sheet_rows(client.get(reverse("realisasi:timeliness_export") + period))
    export_91 = _sheet_rows(
        client.get(reverse("realisasi:timeliness_export") + period + "&province=91")
    )

    for page, sheet, api_row, counts, pct in (
        (page_national, export["nasional"], api, NATIONAL, "42,86 %"),
        (page_91, export["91"], api_rows["91"], PROVINCE_91, "33,33 %"),
        (page_91_own, export_91["91"], api_91, PROVINCE_91, "33,33 %"),
    ):
        assert {k: page[k] for k in counts} == counts
        assert {k: sheet[k] for k in counts} == counts
        assert {k: api_row[k] for k in counts} == counts
        assert page["on_time_pct"] == pct
        assert f"{sheet['on_time_pct']:.2f}" == api_row["on_time_pct"]
    assert list(export) == ["32", "91", "nasional"] and list(export_91) == ["91"]
