"""Write rules of the allocations app: pagu, RK lines, approval cycle, procurement, disbursement."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError

from accounts.roles import Role
from allocations.choices import DisbursementStage, ProcurementMethod, ProcurementStage, RKStatus
from allocations.models import Allocation, DisbursementRule, FiscalYear, PlannedActivity
from allocations.services.activities import (
    ActivityInput,
    ProcurementInput,
    activity_create,
    activity_delete,
    activity_update,
    procurement_update,
)
from allocations.services.allocations import allocation_set, disbursement_record
from allocations.services.fiscal_years import fiscal_year_create, quarter_deadline_set
from allocations.services.rk import rk_approve, rk_return, rk_submit
from dakmonev.errors import Conflict, DomainError, NotFound, NotPermitted
from tests.factories import (
    RegionFactory,
    SentraFactory,
    allocation,
    dinas,
    ditjen,
    line,
    make_user,
    menu,
)

pytestmark = pytest.mark.django_db


def data(code="RK-01", pagu="500000000", **kw):
    return ActivityInput(
        code=code, menu=menu(), description="Rumah produksi bersama", pagu=Decimal(pagu), **kw
    )


# ---------------------------------------------------------------- fiscal year


def test_new_fiscal_year_gets_the_default_disbursement_rules():
    fy = fiscal_year_create(actor=ditjen(), year=2027)
    rules = {r.stage: r for r in fy.disbursement_rules.all()}
    assert set(rules) == {0, 1, 2, 3}
    one, two, three = rules[1], rules[2], rules[3]
    assert (one.percent_of_pagu, one.requires_approved_rk, one.requires_contracts) == (
        25,
        True,
        True,
    )
    assert (two.percent_of_pagu, two.min_absorption_of_received_pct) == (45, 75)
    assert (
        three.percent_of_pagu,
        three.min_absorption_of_received_pct,
        three.min_physical_pct,
    ) == (None, 90, 70)
    assert [one.deadline, two.deadline, three.deadline] == [
        dt.date(2027, 7, 22),
        dt.date(2027, 10, 21),
        dt.date(2027, 12, 16),
    ]
    assert fy.history.count() == 1 and one.history.first().history_user.role == Role.DITJEN


def test_only_ditjen_creates_fiscal_years():
    with pytest.raises(NotPermitted):
        fiscal_year_create(actor=dinas(RegionFactory()), year=2027)
    fiscal_year_create(actor=ditjen(), year=2027)
    with pytest.raises(Conflict):
        fiscal_year_create(actor=ditjen(), year=2027)


def test_quarter_deadline_override_must_not_precede_quarter_end():
    fy = FiscalYear.objects.create(year=2026)
    with pytest.raises(DomainError):
        quarter_deadline_set(
            actor=ditjen(), fiscal_year=fy, quarter=2, deadline=dt.date(2026, 6, 1)
        )
    override = quarter_deadline_set(
        actor=ditjen(),
        fiscal_year=fy,
        quarter=2,
        deadline=dt.date(2026, 7, 31),
        decree="SE Dirjen 12/2026",
    )
    quarter_deadline_set(actor=ditjen(), fiscal_year=fy, quarter=2, deadline=dt.date(2026, 8, 7))
    override.refresh_from_db()
    assert override.deadline == dt.date(2026, 8, 7)
    assert [h.deadline for h in override.history.order_by("history_date")] == [
        dt.date(2026, 7, 31),
        dt.date(2026, 8, 7),
    ]


# ---------------------------------------------------------------- allocations


def test_reimporting_pagu_keeps_old_value_in_history_and_never_drops_below_rk():
    user = ditjen()
    region = RegionFactory()
    fy = FiscalYear.objects.create(year=2026)
    alloc, created = allocation_set(
        actor=user, region=region, fiscal_year=fy, pagu=Decimal("2000000000")
    )
    assert created
    line(alloc, "RK-01", "1500000000")
    allocation_set(actor=user, region=region, fiscal_year=fy, pagu=Decimal("1800000000"))
    assert [h.pagu for h in alloc.history.order_by("history_date")] == [
        Decimal("2000000000"),
        Decimal("1800000000"),
    ]
    with pytest.raises(DomainError, match="lebih kecil dari jumlah RK"):
        allocation_set(actor=user, region=region, fiscal_year=fy, pagu=Decimal("1000000000"))
    with pytest.raises(NotPermitted):
        allocation_set(actor=dinas(region), region=region, fiscal_year=fy, pagu=Decimal("1"))


# ---------------------------------------------------------------- RK lines


def test_sum_of_lines_may_equal_but_not_exceed_pagu():
    alloc = allocation(pagu="1000000000")
    user = dinas(alloc.region)
    activity_create(actor=user, allocation=alloc, data=data("RK-01", "600000000"))
    activity_create(actor=user, allocation=alloc, data=data("RK-02", "400000000"))
    with pytest.raises(DomainError, match="melebihi pagu alokasi Rp1.000.000.000"):
        activity_create(actor=user, allocation=alloc, data=data("RK-03", "1"))
    assert PlannedActivity.objects.filter(allocation=alloc).count() == 2


def test_updating_a_line_counts_the_other_lines_only():
    alloc = allocation(pagu="1000000000")
    user = dinas(alloc.region)
    first = activity_create(actor=user, allocation=alloc, data=data("RK-01", "600000000"))
    activity_create(actor=user, allocation=alloc, data=data("RK-02", "300000000"))
    activity_update(actor=user, activity=first, data=data("RK-01", "700000000"))
    with pytest.raises(DomainError):
        activity_update(actor=user, activity=first, data=data("RK-01", "700000001"))
    first.refresh_from_db()
    assert first.pagu == Decimal("700000000")
    assert first.history.count() == 2 and first.history.first().history_user == user


def test_code_is_unique_per_region_and_year_in_service_and_database():
    alloc = allocation()
    other = allocation(region=RegionFactory())
    user = ditjen()
    activity_create(actor=user, allocation=alloc, data=data("RK-01"))
    with pytest.raises(DomainError, match="sudah dipakai"):
        activity_create(actor=user, allocation=alloc, data=data(" RK-01 "))
    activity_create(actor=user, allocation=other, data=data("RK-01"))  # another region: fine
    with pytest.raises(IntegrityError):
        PlannedActivity.objects.create(
            allocation=alloc, code="RK-01", menu=menu(), description="x", pagu=Decimal("1")
        )


def test_dinas_of_another_region_cannot_touch_the_rk():
    alloc = allocation()
    stranger = dinas(RegionFactory())
    with pytest.raises(NotFound):
        activity_create(actor=stranger, allocation=alloc, data=data())
    with pytest.raises(NotPermitted):
        activity_create(actor=make_user(Role.PIMPINAN), allocation=alloc, data=data())


def test_dinas_edits_only_draft_or_returned_rk_while_ditjen_may_correct():
    alloc = allocation()
    user, central = dinas(alloc.region), ditjen()
    activity = activity_create(actor=user, allocation=alloc, data=data())
    rk_submit(actor=user, allocation=alloc)
    with pytest.raises(Conflict):
        activity_update(actor=user, activity=activity, data=data(pagu="1"))
    activity_update(actor=central, activity=activity, data=data(pagu="2"))
    rk_return(actor=central, allocation=alloc, note="Perbaiki uraian")
    activity_update(actor=user, activity=activity, data=data(pagu="3"))


def test_sentra_of_another_region_is_refused():
    alloc = allocation()
    with pytest.raises(DomainError, match="Sentra"):
        activity_create(actor=ditjen(), allocation=alloc, data=data(sentra=SentraFactory()))


def test_delete_line():
    alloc = allocation()
    user = dinas(alloc.region)
    activity = activity_create(actor=user, allocation=alloc, data=data())
    pk = activity.pk
    activity_delete(actor=user, activity=activity)
    assert not PlannedActivity.objects.filter(pk=pk).exists()
    deleted = PlannedActivity.history.filter(id=pk).latest()
    assert (deleted.history_type, deleted.history_user) == ("-", user)


# ---------------------------------------------------------------- RK approval


def test_rk_cycle_submit_approve_return():
    alloc = allocation()
    user, central = dinas(alloc.region), ditjen()
    with pytest.raises(DomainError, match="belum memiliki baris"):
        rk_submit(actor=user, allocation=alloc)
    line(alloc, "RK-01", "100")
    with pytest.raises(Conflict):
        rk_approve(actor=central, allocation=alloc)
    rk_submit(actor=user, allocation=alloc)
    with pytest.raises(NotPermitted):
        rk_approve(actor=user, allocation=alloc)
    with pytest.raises(NotPermitted):
        rk_return(actor=user, allocation=alloc, note="x")
    approved = rk_approve(actor=central, allocation=alloc)
    assert (approved.rk_status, approved.rk_approved_by) == (RKStatus.APPROVED, central)
    assert approved.rk_approved_at is not None
    with pytest.raises(DomainError):
        rk_return(actor=central, allocation=alloc, note="  ")
    returned = rk_return(actor=central, allocation=alloc, note="Sentra belum sesuai")
    assert (returned.rk_status, returned.rk_approved_by, returned.rk_status_note) == (
        RKStatus.RETURNED,
        None,
        "Sentra belum sesuai",
    )
    assert [h.rk_status for h in alloc.history.order_by("history_date")][-3:] == [
        "DIAJUKAN",
        "DISETUJUI",
        "DIKEMBALIKAN",
    ]


# ---------------------------------------------------------------- procurement


def test_procurement_update_by_own_dinas_with_history():
    alloc = allocation()
    activity = line(alloc, "RK-01", "500000000")
    user = dinas(alloc.region)
    updated = procurement_update(
        actor=user,
        activity=activity,
        data=ProcurementInput(
            ded_ready=True,
            procurement_method=ProcurementMethod.TENDER,
            procurement_stage=ProcurementStage.KONTRAK,
            contract_number="KTR-01/2026",
            contract_date=dt.date(2026, 5, 2),
            contract_value=Decimal("480000000"),
            supplier="CV Maju",
        ),
    )
    assert (updated.procurement_stage, updated.contract_value) == ("KONTRAK", Decimal("480000000"))
    assert updated.history.first().history_user == user
    with pytest.raises(NotFound):
        procurement_update(actor=dinas(RegionFactory()), activity=activity, data=ProcurementInput())


def test_contract_stage_needs_contract_unless_swakelola():
    activity = line(allocation(), "RK-01", "500000000")
    with pytest.raises(DomainError, match="nomor dan tanggal kontrak"):
        procurement_update(
            actor=ditjen(),
            activity=activity,
            data=ProcurementInput(procurement_method="TENDER", procurement_stage="PELAKSANAAN"),
        )
    procurement_update(
        actor=ditjen(),
        activity=activity,
        data=ProcurementInput(procurement_method="SWAKELOLA", procurement_stage="PELAKSANAAN"),
    )


# ---------------------------------------------------------------- disbursement


def test_disbursements_in_order_once_each_within_pagu():
    alloc = allocation(pagu="2000000000")
    central = ditjen()
    d = dt.date(2026, 3, 1)
    with pytest.raises(Conflict, match="Tahap I belum"):
        disbursement_record(actor=central, allocation=alloc, stage=2, amount=Decimal("1"), date=d)
    disbursement_record(
        actor=central, allocation=alloc, stage=1, amount=Decimal("500000000"), date=d
    )
    with pytest.raises(Conflict):
        disbursement_record(actor=central, allocation=alloc, stage=1, amount=Decimal("1"), date=d)
    with pytest.raises(Conflict):
        disbursement_record(
            actor=central,
            allocation=alloc,
            stage=DisbursementStage.SEKALIGUS,
            amount=Decimal("1"),
            date=d,
        )
    with pytest.raises(DomainError, match="melebihi sisa pagu"):
        disbursement_record(
            actor=central, allocation=alloc, stage=2, amount=Decimal("1500000001"), date=d
        )
    with pytest.raises(NotPermitted):
        disbursement_record(
            actor=dinas(alloc.region), allocation=alloc, stage=2, amount=Decimal("1"), date=d
        )
    disbursement_record(
        actor=central, allocation=alloc, stage=2, amount=Decimal("900000000"), date=d
    )
    assert alloc.disbursements.count() == 2


# ---------------------------------------------------------------- concurrency (PostgreSQL)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_lines_cannot_exceed_pagu():
    import threading

    from django.db import connection

    alloc = allocation(pagu="1000000000")
    user = ditjen()
    barrier = threading.Barrier(2)
    results = []

    def write(code):
        try:
            barrier.wait()
            activity_create(actor=user, allocation=alloc, data=data(code, "600000000"))
            results.append("ok")
        except DomainError:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(c,)) for c in ("RK-01", "RK-02")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok", "refused"]
    assert PlannedActivity.objects.filter(allocation=alloc).count() == 1
    assert Allocation.objects.get(pk=alloc.pk).pagu == Decimal("1000000000")
    assert DisbursementRule.objects.count() == 0
