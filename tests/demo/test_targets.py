"""Demo targets (issue 18): synthetic, valid under DOMAIN.md §7, and the S-curves of TA 2026 show
regions on track and regions more than 10 points behind plan; a second run adds nothing."""

import datetime as dt

import pytest

from allocations.models import ActivityTarget, PlannedActivity
from demo import accounts, allocations, realisasi, targets
from realisasi.selectors.absorption import absorption

pytestmark = pytest.mark.django_db


def test_demo_targets_give_on_track_and_lagging_regions(reference_data):
    accounts.seed()
    actor = accounts.demo_actor()
    allocations.seed(actor=actor)
    created = targets.seed(actor=actor)
    assert created == 4 * PlannedActivity.objects.filter(allocation__is_synthetic=True).count()
    assert not ActivityTarget.objects.filter(is_synthetic=False).exists()
    realisasi.seed(actor=actor, today=dt.date(2026, 11, 29))
    regions = absorption(2026, 3, use_cache=False).regions
    deviations = [r.deviation_physical for r in regions]
    assert None not in deviations
    assert sum(d < -10 for d in deviations) >= 5  # lagging
    assert sum(d >= 0 for d in deviations) >= 5  # on track or ahead
    assert targets.seed(actor=actor) == 0
