"""Demo quarterly targets (issue 18), marked synthetic: a plausible plan for every RK line of the
synthetic allocations, so the S-curves show regions on track and regions lagging.

Each region gets an S-shaped plan (slow start, fast middle, 100 % at TW IV) whose pace is drawn
per region — an ambitious plan makes a region with ordinary progress fall behind it, a cautious
one puts it ahead. Every plan satisfies DOMAIN.md §7 (checked with the service's own rule
function). Idempotent: lines that already have targets are left alone.
"""

from __future__ import annotations

import random
from decimal import Decimal

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from allocations.models import ActivityTarget, PlannedActivity
from allocations.services.targets import Targets, target_problems

# Cumulative physical % at the end of TW I–III by pace; TW IV is always 100.
PACES = {
    "lambat": (5, 25, 60),
    "biasa": (10, 35, 75),
    "cepat": (20, 55, 90),
}
WEIGHTS = (("lambat", 3), ("biasa", 4), ("cepat", 3))
FINANCIAL_LAG = Decimal("0.85")  # money follows the work: payment after progress


def _plan(pagu: Decimal, pace: str, rng: random.Random) -> Targets:
    jitter = rng.choice((-5, 0, 0, 5))
    physical = [max(0, min(99, p + jitter)) for p in PACES[pace]]
    physical = [Decimal(p) for p in sorted(physical)] + [Decimal(100)]
    financial = [(pagu * p / 100 * FINANCIAL_LAG).quantize(Decimal("1")) for p in physical[:3]] + [
        pagu
    ]
    return Targets.of(physical, financial)


@transaction.atomic
def seed(*, actor, stdout=None) -> int:
    """Targets for every synthetic RK line without any; returns how many rows were created."""
    lines = (
        PlannedActivity.objects.filter(allocation__is_synthetic=True, targets__isnull=True)
        .select_related("allocation__region", "allocation__fiscal_year")
        .order_by("allocation_id", "code")
    )
    rows, paces = [], {}
    for line in lines:
        key = (line.allocation.fiscal_year.year, line.allocation.region.code)
        if key not in paces:
            rng = random.Random(f"target-pace-{key}")
            paces[key] = rng.choices([p for p, _ in WEIGHTS], [w for _, w in WEIGHTS])[0]
        rng = random.Random(f"target-{key}-{line.code}")
        plan = _plan(line.pagu, paces[key], rng)
        assert not target_problems(plan, pagu=line.pagu), (line, plan)  # noqa: S101
        rows += [
            ActivityTarget(
                activity=line,
                quarter=q,
                target_physical_pct=plan.physical[q - 1],
                target_financial=plan.financial[q - 1],
                is_synthetic=True,
            )
            for q in (1, 2, 3, 4)
        ]
    bulk_create_with_history(rows, ActivityTarget, batch_size=500, default_user=actor)
    if stdout is not None:
        stdout.write(f"Target triwulan demo (sintetis): {len(rows)} target baru.")
    return len(rows)
