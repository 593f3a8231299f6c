"""Region scoping: one mechanism, and a dinas user never reaches another region's data."""

import pytest
from django.http import Http404

from accounts.roles import Role
from allocations.models import Allocation, PlannedActivity, Region
from allocations.scoping import get_visible_or_404
from tests.factories import AllocationFactory, PlannedActivityFactory, RegionFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_regions():
    a = RegionFactory(code="91.71", name="Kota Jayapura", parent__code="91", parent__name="Papua")
    b = RegionFactory(
        code="96.71", name="Kota Sorong", parent__code="96", parent__name="Papua Barat Daya"
    )
    return a, b


def test_dinas_sees_only_its_own_region(two_regions):
    a, b = two_regions
    AllocationFactory(region=a)
    AllocationFactory(region=b)
    user = make_user(Role.DINAS, region=a)
    assert list(Region.objects.visible_to(user)) == [a]
    assert [x.region for x in Allocation.objects.visible_to(user)] == [a]


def test_dinas_gets_404_for_another_regions_object(two_regions):
    a, b = two_regions
    other = PlannedActivityFactory(allocation__region=b)
    user = make_user(Role.DINAS, region=a)
    with pytest.raises(Http404):
        get_visible_or_404(PlannedActivity.objects, user, pk=other.pk)
    with pytest.raises(Http404):
        get_visible_or_404(Region.objects, user, pk=b.pk)


@pytest.mark.parametrize("role", [Role.DITJEN, Role.INSPEKTORAT, Role.PIMPINAN])
def test_central_roles_see_every_region(two_regions, role):
    AllocationFactory(region=two_regions[0])
    AllocationFactory(region=two_regions[1])
    assert Allocation.objects.visible_to(make_user(role)).count() == 2


def test_api_user_with_region_is_scoped_and_without_sees_all(two_regions):
    a, _b = two_regions
    AllocationFactory(region=a)
    AllocationFactory(region=_b)
    assert Allocation.objects.visible_to(make_user(Role.API, region=a)).count() == 1
    assert Allocation.objects.visible_to(make_user(Role.API)).count() == 2


def test_inactive_anonymous_and_roleless_users_see_nothing(two_regions):
    from django.contrib.auth.models import AnonymousUser

    AllocationFactory(region=two_regions[0])
    assert Allocation.objects.visible_to(AnonymousUser()).count() == 0
    assert Allocation.objects.visible_to(make_user(Role.DITJEN, is_active=False)).count() == 0
    assert Allocation.objects.visible_to(make_user("")).count() == 0


def test_a_dinas_user_without_region_is_refused_by_the_database():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        make_user(Role.DINAS, region=None)
