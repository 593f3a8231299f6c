"""Who may do what with inspections, findings and follow-ups, and the follow-up lifecycle."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import Role
from dakmonev.errors import Conflict, DomainError, NotFound, NotPermitted
from monev import services
from monev.choices import FollowUpStatus, InspectionKind, Rating
from monev.models import Finding, FollowUp, Inspection
from tests.factories import FiscalYearFactory, PlannedActivityFactory, make_user, problem_code
from tests.files import MINIMAL_PDF

pytestmark = pytest.mark.django_db
DAY = dt.date(2024, 10, 1)


def _finding_kwargs(**extra):
    return {
        "title": "Mesin belum dimanfaatkan",
        "kondisi": "k",
        "kriteria": "kr",
        "sebab": "s",
        "akibat": "a",
        "rekomendasi": "r",
        "due_date": dt.date(2025, 1, 31),
        **extra,
    }


# --- inspections -------------------------------------------------------------------------------


def test_inspector_records_an_inspection_with_three_rated_aspects(world):
    other = make_user(Role.INSPEKTORAT)
    insp = services.inspection_create(
        actor=world.inspector,
        fiscal_year=world.ta,
        region=world.a,
        kind=InspectionKind.DESK,
        start_date=DAY,
        end_date=DAY,
        team=[world.inspector, other],
        rating_output=Rating.BAIK,
        notes_output="Output tercapai",
        rating_reporting=Rating.CUKUP,
        rating_performance=Rating.SANGAT_BAIK,
    )
    assert set(insp.team.all()) == {world.inspector, other}
    assert [a["rating_label"] for a in insp.aspects()] == ["Baik", "Cukup", "Sangat baik"]
    assert insp.history.first().history_user == world.inspector


@pytest.mark.parametrize("role", [Role.DITJEN, Role.PIMPINAN, Role.DINAS])
def test_only_inspectors_record_inspections(world, role):
    actor = make_user(role, region=world.a if role == Role.DINAS else None)
    with pytest.raises(NotPermitted):
        services.inspection_create(
            actor=actor,
            fiscal_year=world.ta,
            region=world.a,
            kind=InspectionKind.FIELD,
            start_date=DAY,
            end_date=DAY,
        )
    assert Inspection.objects.filter(start_date=DAY).count() == 0


def test_inspection_rejects_reversed_dates_and_non_inspector_team(world):
    with pytest.raises(DomainError):
        services.inspection_create(
            actor=world.inspector,
            fiscal_year=world.ta,
            region=world.a,
            kind=InspectionKind.FIELD,
            start_date=DAY,
            end_date=DAY - dt.timedelta(days=1),
        )
    with pytest.raises(DomainError, match="inspektur"):
        services.inspection_create(
            actor=world.inspector,
            fiscal_year=world.ta,
            region=world.a,
            kind=InspectionKind.FIELD,
            start_date=DAY,
            end_date=DAY,
            team=[world.dinas_a],
        )


def test_inspection_update_keeps_history(world):
    services.inspection_update(
        actor=world.inspector,
        inspection=world.insp_a,
        rating_output=Rating.KURANG,
        notes_output="Outcome belum terukur",
    )
    world.insp_a.refresh_from_db()
    assert world.insp_a.rating_output == Rating.KURANG
    assert world.insp_a.history.count() >= 1
    with pytest.raises(NotPermitted):
        services.inspection_update(actor=world.ditjen, inspection=world.insp_a, summary="x")


# --- findings ----------------------------------------------------------------------------------


def test_finding_links_rk_line_of_same_region_and_year_only(world):
    own = PlannedActivityFactory(allocation__region=world.a, allocation__fiscal_year=world.ta)
    other_region = PlannedActivityFactory(
        allocation__region=world.b, allocation__fiscal_year=world.ta
    )
    other_year = PlannedActivityFactory(
        allocation__region=world.a, allocation__fiscal_year=FiscalYearFactory(year=2023)
    )
    f = services.finding_create(
        actor=world.inspector,
        inspection=world.insp_a,
        activity=own,
        problem_code=problem_code(9),
        amount=Decimal("12500000.00"),
        **_finding_kwargs(),
    )
    assert f.region == world.a and f.status == FollowUpStatus.BELUM
    for wrong in (other_region, other_year):
        with pytest.raises(DomainError, match="Kegiatan RK"):
            services.finding_create(
                actor=world.inspector, inspection=world.insp_a, activity=wrong, **_finding_kwargs()
            )


def test_only_inspectors_record_or_change_findings(world):
    for actor in (world.ditjen, world.pimpinan, world.dinas_a):
        with pytest.raises(NotPermitted):
            services.finding_create(actor=actor, inspection=world.insp_a, **_finding_kwargs())
        with pytest.raises(NotPermitted):
            services.finding_update(actor=actor, finding=world.finding_a, title="diubah")
    services.finding_update(
        actor=world.inspector,
        finding=world.finding_a,
        title="Judul baru",
        amount=Decimal("1000.00"),
    )
    world.finding_a.refresh_from_db()
    assert world.finding_a.title == "Judul baru"
    assert world.finding_a.history.first().history_user == world.inspector


def test_finding_requires_the_four_elements(world):
    with pytest.raises(DomainError, match="Sebab"):
        services.finding_create(
            actor=world.inspector, inspection=world.insp_a, **_finding_kwargs(sebab="  ")
        )


# --- follow-up lifecycle -----------------------------------------------------------------------


def test_follow_up_lifecycle_end_to_end(world):
    f = world.finding_a
    first = services.followup_submit(
        actor=world.dinas_a,
        finding=f,
        description="Operator sudah dijadwalkan pelatihan",
        date=DAY,
        files=[SimpleUploadedFile("jadwal.pdf", MINIMAL_PDF)],
    )
    assert first.attachments.count() == 1
    # Cannot be closed while no assessment says done.
    with pytest.raises(Conflict):
        services.finding_close(actor=world.inspector, finding=f)
    services.followup_assess(
        actor=world.inspector,
        followup=first,
        status=FollowUpStatus.PROSES,
        note="Pelatihan belum dilaksanakan",
    )
    f.refresh_from_db()
    assert f.status == FollowUpStatus.PROSES
    with pytest.raises(Conflict):
        services.finding_close(actor=world.inspector, finding=f)
    with pytest.raises(Conflict, match="sudah dinilai"):
        services.followup_assess(
            actor=world.inspector, followup=first, status=FollowUpStatus.SELESAI
        )

    second = services.followup_submit(
        actor=world.dinas_a, finding=f, description="Pelatihan selesai", date=DAY
    )
    services.followup_assess(actor=world.inspector, followup=second, status=FollowUpStatus.SELESAI)
    f.refresh_from_db()
    assert f.status == FollowUpStatus.SELESAI
    services.finding_close(actor=world.inspector, finding=f, note="Tuntas")
    f.refresh_from_db()
    assert f.is_closed and f.closed_by == world.inspector

    # The whole story stays: two follow-ups, both assessments, every status in the history.
    assert list(f.followups.values_list("assessment_status", flat=True)) == ["PROSES", "SELESAI"]
    statuses = list(f.history.order_by("history_date").values_list("status", flat=True))
    assert statuses[0] == "BELUM" and "PROSES" in statuses and statuses[-1] == "SELESAI"
    assert f.history.first().history_user == world.inspector
    # After closing nothing more is accepted.
    with pytest.raises(Conflict):
        services.followup_submit(actor=world.dinas_a, finding=f, description="lagi", date=DAY)


def test_tidak_dapat_also_allows_closing(world):
    fu = services.followup_submit(
        actor=world.dinas_a, finding=world.finding_a, description="Penyedia pailit", date=DAY
    )
    services.followup_assess(
        actor=world.inspector,
        followup=fu,
        status=FollowUpStatus.TIDAK_DAPAT,
        note="Penyedia dinyatakan pailit",
    )
    services.finding_close(actor=world.inspector, finding=world.finding_a)
    assert Finding.objects.get(pk=world.finding_a.pk).is_closed


def test_assessment_other_than_selesai_needs_a_note(world):
    fu = services.followup_submit(
        actor=world.dinas_a, finding=world.finding_a, description="x", date=DAY
    )
    with pytest.raises(DomainError, match="catatan"):
        services.followup_assess(actor=world.inspector, followup=fu, status=FollowUpStatus.PROSES)


def test_dinas_cannot_close_or_assess(world):
    fu = services.followup_submit(
        actor=world.dinas_a, finding=world.finding_a, description="x", date=DAY
    )
    with pytest.raises(NotPermitted):
        services.followup_assess(actor=world.dinas_a, followup=fu, status=FollowUpStatus.SELESAI)
    services.followup_assess(actor=world.inspector, followup=fu, status=FollowUpStatus.SELESAI)
    for actor in (world.dinas_a, world.ditjen, world.pimpinan):
        with pytest.raises(NotPermitted):
            services.finding_close(actor=actor, finding=world.finding_a)
    assert not Finding.objects.get(pk=world.finding_a.pk).is_closed


def test_dinas_answers_only_its_own_regions_findings(world):
    with pytest.raises(NotFound):
        services.followup_submit(
            actor=world.dinas_a, finding=world.finding_b, description="x", date=DAY
        )
    assert FollowUp.objects.count() == 0


def test_inspectors_and_pimpinan_do_not_write_follow_ups_but_ditjen_may_on_behalf(world):
    for actor in (world.inspector, world.pimpinan):
        with pytest.raises(NotPermitted):
            services.followup_submit(
                actor=actor, finding=world.finding_a, description="x", date=DAY
            )
    fu = services.followup_submit(
        actor=world.ditjen, finding=world.finding_a, description="Surat dinas", date=DAY
    )
    assert fu.submitted_by == world.ditjen


def test_follow_up_date_cannot_be_in_the_future(world):
    with pytest.raises(DomainError, match="masa depan"):
        services.followup_submit(
            actor=world.dinas_a,
            finding=world.finding_a,
            description="x",
            date=dt.date.today() + dt.timedelta(days=30),
        )


# --- outcome surveys ---------------------------------------------------------------------------


def _survey_values(**extra):
    return {
        "survey_date": DAY,
        "ikm_units_baseline": 10,
        "ikm_units_after": 13,
        "product_types_baseline": 2,
        "product_types_after": 4,
        "formality_baseline": 1,
        "formality_after": 2,
        "market_reach_baseline": 1,
        "market_reach_after": 1,
        "workforce_baseline": 30,
        "workforce_after": 40,
        "capacity_baseline": Decimal("500"),
        "capacity_after": Decimal("800"),
        "capacity_unit": "kg/bulan",
        **extra,
    }


def test_survey_is_recorded_once_per_sentra_and_year_and_corrected_in_place(world):
    from tests.factories import SentraFactory

    sentra = SentraFactory(region=world.a)
    survey, created = services.survey_record(
        actor=world.inspector, sentra=sentra, fiscal_year=world.ta, **_survey_values()
    )
    assert created
    again, created = services.survey_record(
        actor=world.ditjen,
        sentra=sentra,
        fiscal_year=world.ta,
        **_survey_values(ikm_units_after=15),
    )
    assert not created and again.pk == survey.pk and again.ikm_units_after == 15
    assert [h.history_user for h in again.history.order_by("history_date")] == [
        world.inspector,
        world.ditjen,
    ]
    for actor in (world.dinas_a, world.pimpinan):
        with pytest.raises(NotPermitted):
            services.survey_record(
                actor=actor, sentra=sentra, fiscal_year=world.ta, **_survey_values()
            )
    with pytest.raises(DomainError, match="kelembagaan"):
        services.survey_record(
            actor=world.inspector,
            sentra=sentra,
            fiscal_year=world.ta,
            **_survey_values(formality_after=9),
        )
    with pytest.raises(DomainError, match="Satuan"):
        services.survey_record(
            actor=world.inspector,
            sentra=sentra,
            fiscal_year=world.ta,
            **_survey_values(capacity_unit=" "),
        )
