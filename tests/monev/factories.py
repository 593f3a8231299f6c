"""Factories for monev tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from accounts.roles import Role
from monev.choices import Formality, InspectionKind, MarketReach
from monev.models import Finding, Inspection, OutcomeSurvey
from tests.factories import FiscalYearFactory, RegionFactory, SentraFactory, make_user

MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
MINIMAL_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


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
