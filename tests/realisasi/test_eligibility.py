"""Disbursement eligibility: the TA's rules weighed against the region's figures (DOMAIN.md §4)."""

import datetime as dt
from decimal import Decimal

import pytest

from allocations.choices import DisbursementStage, RKStatus
from allocations.models import Disbursement, DisbursementRule, FiscalYear
from realisasi.choices import ReportStatus
from realisasi.selectors.eligibility import disbursement_eligibility
from tests.factories import allocation, line, report

pytestmark = pytest.mark.django_db
MID_YEAR = dt.date(2026, 6, 1)


def contracted(alloc, code, pagu):
    return line(
        alloc,
        code,
        pagu,
        procurement_method="TENDER",
        procurement_stage="KONTRAK",
        contract_number=f"KTR/{code}",
        contract_date=dt.date(2026, 4, 1),
    )


def approved(alloc):
    alloc.rk_status = RKStatus.APPROVED
    alloc.save()
    return alloc


def pay(alloc, stage, amount):
    Disbursement.objects.create(
        allocation=alloc, stage=stage, amount=Decimal(amount), date=dt.date(2026, 3, 1)
    )


def test_region_without_allocation():
    alloc = allocation()
    other = allocation(year=2025)
    e = disbursement_eligibility(other.region, 2026, as_of=MID_YEAR)
    assert e.allocation is None and not e.eligible
    assert "tidak menerima alokasi" in e.missing[0]
    assert alloc


def test_tahap_one_needs_approved_rk_and_contract_list():
    alloc = allocation(pagu="2000000000")
    line(alloc, "RK-01", "1000000000")
    contracted(alloc, "RK-02", "1000000000")
    e = disbursement_eligibility(alloc.region, alloc.fiscal_year, as_of=MID_YEAR)
    assert (e.stage, e.amount, e.eligible, e.one_off) == (
        DisbursementStage.TAHAP_I,
        Decimal("500000000.00"),
        False,
        False,
    )
    assert e.missing == [
        "RK belum disetujui Ditjen IKMA (status: draf).",
        "Daftar kontrak belum lengkap: kegiatan RK-01 belum memiliki nomor dan tanggal kontrak.",
    ]
    approved(alloc)
    alloc.activities.filter(code="RK-01").update(procurement_method="SWAKELOLA")
    e = disbursement_eligibility(alloc.region, alloc.fiscal_year, as_of=MID_YEAR)
    assert e.eligible and e.missing == []


def test_tahap_two_needs_75_percent_of_received_spent_in_counted_reports():
    alloc = approved(allocation(pagu="2000000000"))
    a = contracted(alloc, "RK-01", "2000000000")
    pay(alloc, 1, "500000000")
    e = disbursement_eligibility(alloc.region, alloc.fiscal_year, as_of=MID_YEAR)
    assert (e.stage, e.amount) == (DisbursementStage.TAHAP_II, Decimal("900000000.00"))
    assert "Belum ada laporan realisasi" in e.missing[0]
    report(alloc.region, alloc.fiscal_year.year, 1, [(a, "300000000", "20")])
    report(
        alloc.region, alloc.fiscal_year.year, 2, [(a, "450000000", "30")], status=ReportStatus.DRAFT
    )  # a draft does not count
    e = disbursement_eligibility(alloc.region, alloc.fiscal_year, as_of=MID_YEAR)
    assert (e.latest_quarter, e.financial_realisation, e.absorption_of_received_pct) == (
        1,
        Decimal("300000000"),
        Decimal("60.00"),
    )
    assert e.missing == [
        "Penyerapan dana yang diterima baru 60,00 % (Rp300.000.000 dari Rp500.000.000); "
        "minimal 75,00 %."
    ]
    report(
        alloc.region,
        alloc.fiscal_year.year,
        2,
        [(a, "400000000", "30")],
        status=ReportStatus.VERIFIED,
    )
    e = disbursement_eligibility(alloc.region, alloc.fiscal_year, as_of=MID_YEAR)
    assert (e.latest_quarter, e.absorption_of_received_pct, e.eligible) == (
        2,
        Decimal("80.00"),
        True,
    )


def test_tahap_three_needs_90_percent_spent_and_70_percent_physical_weighted_by_pagu():
    alloc = approved(allocation(pagu="2000000000"))
    a = contracted(alloc, "RK-01", "1500000000")
    b = contracted(alloc, "RK-02", "500000000")
    pay(alloc, 1, "500000000")
    pay(alloc, 2, "900000000")
    report(
        alloc.region, alloc.fiscal_year.year, 3, [(a, "1000000000", "70"), (b, "300000000", "40")]
    )
    e = disbursement_eligibility(alloc.region, alloc.fiscal_year, as_of=dt.date(2026, 10, 1))
    assert (e.stage, e.amount) == (DisbursementStage.TAHAP_III, Decimal("600000000"))
    assert e.physical_progress == Decimal("62.50")  # (70×1,5 M + 40×0,5 M) ÷ 2 M
    assert e.absorption_of_received_pct == Decimal("92.86")
    assert e.missing == ["Capaian fisik baru 62,50 %; minimal 70,00 %."]
    report(
        alloc.region, alloc.fiscal_year.year, 3, [(a, "1000000000", "80"), (b, "300000000", "40")]
    )
    e = disbursement_eligibility(alloc.region, alloc.fiscal_year, as_of=dt.date(2026, 10, 1))
    assert (e.physical_progress, e.eligible) == (Decimal("70.00"), True)


def test_one_off_when_pagu_at_most_the_years_limit():
    alloc = allocation(pagu="1000000000")
    contracted(alloc, "RK-01", "1000000000")
    e = disbursement_eligibility(alloc.region, alloc.fiscal_year, as_of=MID_YEAR)
    assert (e.one_off, e.stage, e.amount) == (
        True,
        DisbursementStage.SEKALIGUS,
        Decimal("1000000000"),
    )
    assert e.missing == ["RK belum disetujui Ditjen IKMA (status: draf)."]
    approved(alloc)
    assert disbursement_eligibility(alloc.region, alloc.fiscal_year, as_of=MID_YEAR).eligible
    pay(alloc, DisbursementStage.SEKALIGUS, "1000000000")
    e = disbursement_eligibility(alloc.region, alloc.fiscal_year, as_of=MID_YEAR)
    assert (e.stage, e.eligible, e.missing) == (None, False, ["Seluruh pagu sudah disalurkan."])


def test_one_off_limit_is_configurable_per_year():
    alloc = allocation(pagu="1000000000")
    FiscalYear.objects.filter(pk=alloc.fiscal_year_id).update(one_off_max_pagu=Decimal("500000000"))
    e = disbursement_eligibility(alloc.region, 2026, as_of=MID_YEAR)
    assert (e.one_off, e.stage) == (False, DisbursementStage.TAHAP_I)


def test_window_and_deadline_and_rules_from_the_admin():
    alloc = approved(allocation(pagu="2000000000"))
    contracted(alloc, "RK-01", "2000000000")
    fy = alloc.fiscal_year
    DisbursementRule.objects.create(
        fiscal_year=fy,
        stage=1,
        percent_of_pagu=Decimal("30"),
        requires_approved_rk=True,
        window_start=dt.date(2026, 3, 1),
        deadline=dt.date(2026, 7, 22),
    )
    early = disbursement_eligibility(alloc.region, fy, as_of=dt.date(2026, 2, 10))
    assert early.amount == Decimal("600000000.00")
    assert early.missing == ["Penyaluran tahap I baru dapat diproses mulai 1 Maret 2026."]
    late = disbursement_eligibility(alloc.region, fy, as_of=dt.date(2026, 7, 23))
    assert late.missing == ["Batas penyaluran tahap I (22 Juli 2026) sudah lewat."]
