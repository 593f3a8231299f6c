"""Fixtures of the hostile-file tests (test_hostile_imports.py, test_hostile_kinds_and_names.py)."""

from __future__ import annotations

import openpyxl
import pytest

from dakmonev.spreadsheet import safety
from tests.realisasi.report_fixtures import RK


@pytest.fixture
def rk():
    return RK()


@pytest.fixture
def parse_calls(monkeypatch):
    """Records every attempt to parse a workbook (openpyxl) or to open it as a zip for inspection."""
    calls = {"load_workbook": 0, "inspect_xlsx": 0}
    real_load, real_inspect = openpyxl.load_workbook, safety.inspect_xlsx

    def load(*args, **kwargs):
        calls["load_workbook"] += 1
        return real_load(*args, **kwargs)

    def inspect(*args, **kwargs):
        calls["inspect_xlsx"] += 1
        return real_inspect(*args, **kwargs)

    monkeypatch.setattr(openpyxl, "load_workbook", load)
    monkeypatch.setattr(safety, "inspect_xlsx", inspect)
    return calls
