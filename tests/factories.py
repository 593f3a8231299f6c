"""The one set of test factories: places, plans, reports, monev records and users.

factory_boy classes (`RegionFactory`, `FindingFactory`, …) build one object with sensible
defaults; the functions below build the shapes tests keep needing — a region by its code, an
allocation with its RK lines, a report version with its lines — always through the same models
and always idempotent for reference rows (regions, TA, menus, problem codes).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from accounts.models import User
from accounts.roles import Role
from allocations.choices import ProcurementStage, RegionLevel, RegionTimezone
from allocations.models import (
    ActivityMenu,
    Allocation,
    FiscalYear,
    PlannedActivity,
    ProblemCode,
    Region,
    Sentra,
)
from dakmonev import figures_version
from monev.choices import Formality, InspectionKind, MarketReach
from monev.models import Finding, Inspection, OutcomeSurvey
from realisasi.choices import COUNTED_STATUSES, ReportStatus
from realisasi.models import QuarterlyReport, ReportLine

PASSWORD = "Sandi-Uji-12345"
M = 1_000_000


class FigureSourceFactory(DjangoModelFactory):
    """A factory of rows the figures are computed from: like the product's bulk paths, it renews
    cached figures (figures_version.bump) — which matters only in CI's cached pass."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        obj = super()._create(model_class, *args, **kwargs)
        figures_version.bump()
        return obj


# ------------------------------------------------------------------------------------ places


class ProvinceFactory(FigureSourceFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{(n % 60) + 40}")
    name = factory.LazyAttribute(lambda o: f"Provinsi Uji {o.code}")
    level = RegionLevel.PROVINSI
    parent = None


class RegionFactory(FigureSourceFactory):
    """A kabupaten under a (new or given) province."""

    class Meta:
        model = Region
        django_get_or_create = ("code",)

    parent = factory.SubFactory(ProvinceFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.parent.code}.{(n % 89) + 1:02d}")
    name = factory.LazyAttribute(lambda o: f"Kabupaten Uji {o.code}")
    level = RegionLevel.KABUPATEN


class FiscalYearFactory(DjangoModelFactory):
    class Meta:
        model = FiscalYear
        django_get_or_create = ("year",)

    year = 2024


def province(code: str, tz: str = RegionTimezone.WIB) -> Region:
    """The provinsi with this Kemendagri code (`32`), created once."""
    found, created = Region.objects.get_or_create(
        code=code,
        defaults={"name": f"Provinsi {code}", "level": RegionLevel.PROVINSI, "timezone": tz},
    )
    if created:
        figures_version.bump()
    return found


def region(
    code: str,
    *,
    name: str | None = None,
    level: str = RegionLevel.KABUPATEN,
    tz: str = RegionTimezone.WIB,
) -> Region:
    """The region with this code (`32.04`, or `32` for a provinsi) under its province, created once."""
    if level == RegionLevel.PROVINSI or "." not in code:
        return province(code, tz)
    parent = province(code.split(".")[0], tz)
    found, created = Region.objects.get_or_create(
        code=code,
        defaults={
            "name": name or f"Daerah {code}",
            "level": level,
            "parent": parent,
            "timezone": tz,
        },
    )
    if created:
        figures_version.bump()
    return found


def fiscal_year(year: int = 2024, **rules) -> FiscalYear:
    """The TA `year`, created once (with `rules` when it is new)."""
    return FiscalYear.objects.get_or_create(year=year, defaults=rules)[0]


# ------------------------------------------------------------------------------------- plans


class AllocationFactory(FigureSourceFactory):
    class Meta:
        model = Allocation

    region = factory.SubFactory(RegionFactory)
    fiscal_year = factory.SubFactory(FiscalYearFactory)
    pagu = Decimal("2000000000.00")


class SentraFactory(DjangoModelFactory):
    class Meta:
        model = Sentra

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Sentra Uji {n}")
    commodity = "Anyaman"


def menu(code: str = "MESIN_PERALATAN") -> ActivityMenu:
    return ActivityMenu.objects.get_or_create(code=code, defaults={"name": code.title()})[0]


def problem_code(code: int) -> ProblemCode:
    return ProblemCode.objects.get_or_create(code=code, defaults={"name": f"Masalah {code}"})[0]


class PlannedActivityFactory(FigureSourceFactory):
    class Meta:
        model = PlannedActivity

    allocation = factory.SubFactory(AllocationFactory)
    code = factory.Sequence(lambda n: f"RK-{n + 1:02d}")
    menu = factory.LazyFunction(menu)
    description = factory.Sequence(lambda n: f"Pengadaan mesin {n}")
    volume = Decimal("1")
    unit = "paket"
    pagu = Decimal("500000000.00")


def allocation(
    pagu: str | Decimal = "2000000000", year: int = 2026, region: Region | None = None, **kwargs
) -> Allocation:
    """An allocation of `region` (a new kabupaten by default) in TA `year`, without RK lines."""
    return AllocationFactory(
        pagu=Decimal(pagu),
        fiscal_year=fiscal_year(year),
        region=region or RegionFactory(),
        **kwargs,
    )


def line(alloc: Allocation, code: str, pagu: str | Decimal, **kwargs) -> PlannedActivity:
    """One RK line of `alloc`."""
    return PlannedActivityFactory(
        allocation=alloc, code=code, pagu=Decimal(pagu), menu=menu(), **kwargs
    )


def allocation_with_lines(
    reg: Region, year: int, amounts: list[Decimal | str | int]
) -> tuple[Allocation, list[PlannedActivity]]:
    """An allocation whose pagu is the sum of its RK lines `RK-01`… (pagu 0 without lines)."""
    values = [Decimal(str(x)) for x in amounts]
    alloc = Allocation.objects.create(
        region=reg, fiscal_year=fiscal_year(year), pagu=sum(values, Decimal(0))
    )
    lines = [
        PlannedActivity.objects.create(
            allocation=alloc,
            code=f"RK-{i + 1:02d}",
            menu=menu(),
            description=f"Kegiatan {i + 1}",
            pagu=amount,
        )
        for i, amount in enumerate(values)
    ]
    figures_version.bump()
    return alloc, lines


# ----------------------------------------------------------------------------------- reports


def report(
    reg: Region,
    year: int,
    quarter: int,
    lines: list[tuple[PlannedActivity, str | int | Decimal, str | int | Decimal]],
    *,
    status: str = ReportStatus.SUBMITTED,
    version: int | None = None,
    is_current: bool = True,
) -> QuarterlyReport:
    """A report version with `(RK line, realisasi keuangan Rp, fisik %)` lines, written directly.

    As the workflow would leave it: the new current version makes the others not current, and a
    counted one supersedes the quarter's previous counted version.
    """
    fy = fiscal_year(year)
    same_quarter = QuarterlyReport.objects.filter(region=reg, fiscal_year=fy, quarter=quarter)
    if version is None:
        version = same_quarter.count() + 1
    if is_current:
        same_quarter.filter(is_current=True).update(is_current=False)
    if status in COUNTED_STATUSES:
        same_quarter.filter(status__in=COUNTED_STATUSES).update(status=ReportStatus.SUPERSEDED)
    rep = QuarterlyReport.objects.create(
        region=reg,
        fiscal_year=fy,
        quarter=quarter,
        version=version,
        status=status,
        is_current=is_current,
        report_date=dt.date(year, quarter * 3, 28),
    )
    ReportLine.objects.bulk_create(
        [
            ReportLine(
                report=rep,
                activity=activity,
                financial_realisation=Decimal(str(financial)),
                physical_progress=Decimal(str(physical)),
                procurement_stage=ProcurementStage.PELAKSANAAN,
            )
            for activity, financial, physical in lines
        ]
    )
    figures_version.bump()
    return rep


# ------------------------------------------------------------------------------------- users


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.DITJEN
    region = None
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def make_user(role: str, region: Region | None = None, **kwargs) -> User:
    return UserFactory(role=role, region=region, is_staff=role == Role.DITJEN, **kwargs)


def ditjen(**kwargs) -> User:
    return make_user(Role.DITJEN, **kwargs)


def dinas(reg: Region, **kwargs) -> User:
    return make_user(Role.DINAS, region=reg, **kwargs)


# ------------------------------------------------------------------------------------- monev


class InspectionFactory(DjangoModelFactory):
    class Meta:
        model = Inspection
        skip_postgeneration_save = True

    fiscal_year = factory.SubFactory(FiscalYearFactory)
    region = factory.SubFactory(RegionFactory)
    kind = InspectionKind.FIELD
    start_date = dt.date(2024, 9, 2)
    end_date = dt.date(2024, 9, 4)
    created_by = factory.LazyFunction(lambda: make_user(Role.INSPEKTORAT))


class FindingFactory(DjangoModelFactory):
    class Meta:
        model = Finding

    inspection = factory.SubFactory(InspectionFactory)
    region = factory.LazyAttribute(lambda o: o.inspection.region)
    title = factory.Sequence(lambda n: f"Temuan uji {n}")
    kondisi = "Mesin belum dimanfaatkan"
    kriteria = "Juknis DAK IKM"
    sebab = "Operator belum dilatih"
    akibat = "Manfaat belum dirasakan IKM"
    rekomendasi = "Latih operator dan manfaatkan mesin"
    due_date = dt.date(2024, 12, 31)
    created_by = factory.LazyAttribute(lambda o: o.inspection.created_by)


class OutcomeSurveyFactory(DjangoModelFactory):
    class Meta:
        model = OutcomeSurvey

    sentra = factory.SubFactory(SentraFactory)
    fiscal_year = factory.SubFactory(FiscalYearFactory)
    survey_date = dt.date(2024, 12, 10)
    ikm_units_baseline = 10
    ikm_units_after = 12
    product_types_baseline = 3
    product_types_after = 4
    formality_baseline = Formality.KELOMPOK
    formality_after = Formality.KELOMPOK
    market_reach_baseline = MarketReach.LOKAL
    market_reach_after = MarketReach.LOKAL
    workforce_baseline = 20
    workforce_after = 25
    capacity_baseline = Decimal("100")
    capacity_after = Decimal("150")
    capacity_unit = "pcs/bulan"
    recorded_by = factory.LazyFunction(lambda: make_user(Role.INSPEKTORAT))
