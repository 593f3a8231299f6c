"""Outcome surveys of sentra: one per sentra and TA, corrected in place (history keeps the before)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from accounts.models import User
from allocations.models import FiscalYear, Sentra
from dakmonev.errors import DomainError

from ..choices import Formality, MarketReach
from ..models import OutcomeSurvey
from ..permissions import can_record_outcomes

COUNT_FIELDS = ("ikm_units", "product_types", "workforce")


@transaction.atomic
def survey_record(
    *,
    actor: User,
    sentra: Sentra,
    fiscal_year: FiscalYear,
    survey_date: dt.date,
    ikm_units_baseline: int,
    ikm_units_after: int,
    product_types_baseline: int,
    product_types_after: int,
    formality_baseline: int,
    formality_after: int,
    market_reach_baseline: int,
    market_reach_after: int,
    workforce_baseline: int,
    workforce_after: int,
    capacity_baseline: Decimal,
    capacity_after: Decimal,
    capacity_unit: str,
    notes: str = "",
    is_synthetic: bool = False,
) -> tuple[OutcomeSurvey, bool]:
    """Creates or updates the sentra's survey for the TA (Itjen or Ditjen); returns (survey, created)."""
    can_record_outcomes(actor).require()
    values = {
        "survey_date": survey_date,
        "notes": notes,
        "capacity_unit": capacity_unit.strip(),
        "ikm_units_baseline": ikm_units_baseline,
        "ikm_units_after": ikm_units_after,
        "product_types_baseline": product_types_baseline,
        "product_types_after": product_types_after,
        "formality_baseline": formality_baseline,
        "formality_after": formality_after,
        "market_reach_baseline": market_reach_baseline,
        "market_reach_after": market_reach_after,
        "workforce_baseline": workforce_baseline,
        "workforce_after": workforce_after,
        "capacity_baseline": Decimal(capacity_baseline),
        "capacity_after": Decimal(capacity_after),
        "is_synthetic": is_synthetic,
    }
    for stem in COUNT_FIELDS:
        for side in ("baseline", "after"):
            if int(values[f"{stem}_{side}"]) < 0:
                raise DomainError("Nilai indikator tidak boleh negatif.", field=f"{stem}_{side}")
    if values["capacity_baseline"] < 0 or values["capacity_after"] < 0:
        raise DomainError("Kapasitas produksi tidak boleh negatif.", field="capacity_baseline")
    if not values["capacity_unit"]:
        raise DomainError("Satuan kapasitas produksi wajib diisi.", field="capacity_unit")
    for side in ("baseline", "after"):
        if values[f"formality_{side}"] not in Formality.values:
            raise DomainError("Tingkat kelembagaan tidak dikenal.", field=f"formality_{side}")
        if values[f"market_reach_{side}"] not in MarketReach.values:
            raise DomainError("Jangkauan pasar tidak dikenal.", field=f"market_reach_{side}")
    survey = (
        OutcomeSurvey.objects.select_for_update()
        .filter(sentra=sentra, fiscal_year=fiscal_year)
        .first()
    )
    created = survey is None
    if created:
        survey = OutcomeSurvey(sentra=sentra, fiscal_year=fiscal_year)
    for key, value in values.items():
        setattr(survey, key, value)
    survey.recorded_by = actor
    survey._history_user = actor
    survey.save()
    return survey, created
