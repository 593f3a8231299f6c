"""The benchmark command runs end to end on a small file and leaves the database untouched."""

import io

import pytest
from django.core.management import call_command

from allocations.models import Allocation, FiscalYear, PlannedActivity

pytestmark = pytest.mark.django_db


def test_bench_rk_import_prints_all_three_paths_and_rolls_back(reference_data):
    out = io.StringIO()
    call_command("bench_rk_import", "--rows", "40", stdout=out)
    text = out.getvalue()
    for label in (
        "openpyxl read-only parse",
        "proyek ini: rk_import",
        "django-import-export bawaan",
    ):
        line = next(row for row in text.splitlines() if row.startswith(label))
        assert line.split()[-1] == "40", line  # every path stored all 40 lines (then rolled back)
    assert "rollback" in text
    assert not FiscalYear.objects.filter(year=2099).exists()
    assert not Allocation.objects.exists() and not PlannedActivity.objects.exists()
