"""Sentra IKM: where it is (the location photos of its RK lines are measured against)."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from dakmonev.errors import DomainError

from .. import geo
from ..models import Sentra
from ..permissions import can_edit_sentra
from ._common import save_with_history


@transaction.atomic
def sentra_set_location(
    *, actor, sentra: Sentra, latitude: Decimal | None, longitude: Decimal | None
) -> Sentra:
    """Record (or clear) a sentra's coordinates: both or neither, inside Indonesia; history kept."""
    can_edit_sentra(actor, sentra).require()
    problem = geo.coordinates_problem(latitude, longitude)
    if problem:
        raise DomainError(problem, field="latitude")
    sentra = Sentra.objects.select_for_update().get(pk=sentra.pk)
    q = Decimal("0.000001")
    sentra.latitude = None if latitude is None else Decimal(str(latitude)).quantize(q)
    sentra.longitude = None if longitude is None else Decimal(str(longitude)).quantize(q)
    save_with_history(sentra, actor, update_fields=["latitude", "longitude"])
    return sentra
