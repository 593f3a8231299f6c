"""Reference data: all 38 provinces and 514 kabupaten/kota with Kemendagri codes."""

import pytest

from allocations.models import ActivityMenu, ProblemCode, Region

pytestmark = pytest.mark.django_db


def test_regions_menus_and_problem_codes(reference_data):
    assert Region.objects.provinces().count() == 38
    assert Region.objects.kabkota().count() == 514
    assert Region.objects.get(code="91.71").name == "Kota Jayapura"
    sorong = Region.objects.get(code="96.71")
    assert (sorong.name, sorong.parent.code, sorong.parent.name) == (
        "Kota Sorong",
        "96",
        "Papua Barat Daya",
    )
    assert sorong.timezone == "Asia/Jayapura"
    assert Region.objects.get(code="73.71").timezone == "Asia/Makassar"
    assert Region.objects.get(code="32.04").level == "kabupaten"
    assert ActivityMenu.objects.count() == 7
    assert list(ProblemCode.objects.values_list("code", flat=True)) == list(range(1, 12))


def test_loading_twice_changes_nothing(reference_data):
    from allocations.services.reference import reference_data_load

    before = list(Region.objects.values_list("id", "code", "parent_id"))
    reference_data_load()
    assert list(Region.objects.values_list("id", "code", "parent_id")) == before
