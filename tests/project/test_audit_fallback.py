"""scripts/audit_fallback.py: a pin is audited only when PyPI's project JSON describes that very release."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit_fallback.py"


@pytest.fixture
def fallback():
    spec = importlib.util.spec_from_file_location("audit_fallback", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _projects(monkeypatch, fallback, documents):
    monkeypatch.setattr(fallback, "project", lambda name: documents.get(name))


def test_a_latest_pin_with_an_advisory_fails_the_audit(monkeypatch, fallback, tmp_path, capsys):
    lock = tmp_path / "requirements.lock"
    lock.write_text("rusak==1.0 \\\n    --hash=sha256:abc\nbersih==2.0\nlama==0.9\nhilang==1.1\n")
    _projects(
        monkeypatch,
        fallback,
        {
            "rusak": {
                "info": {"version": "1.0"},
                "vulnerabilities": [
                    {"id": "PYSEC-1", "aliases": ["CVE-1"], "fixed_in": ["1.1"]},
                    {"id": "PYSEC-0", "withdrawn": "2024-01-01"},
                ],
            },
            "bersih": {"info": {"version": "2.0"}, "vulnerabilities": []},
            "lama": {"info": {"version": "1.0"}, "vulnerabilities": []},
        },
    )
    assert fallback.main(str(lock)) == 1
    out = capsys.readouterr().out
    assert "VULNERABLE rusak==1.0: PYSEC-1 CVE-1 (fixed in 1.1)" in out and "PYSEC-0" not in out
    assert "NOT AUDITED lama==0.9: not the latest release (1.0)" in out
    assert "NOT AUDITED hilang==1.1: PyPI not reachable" in out
    assert "AUDITED 2 of 4 pinned packages" in out


def test_clean_latest_pins_pass(monkeypatch, fallback, tmp_path, capsys):
    lock = tmp_path / "requirements.lock"
    lock.write_text("# comment\nbersih==2.0 ; python_version >= '3.11'\n")
    _projects(
        monkeypatch, fallback, {"bersih": {"info": {"version": "2.0"}, "vulnerabilities": []}}
    )
    assert fallback.main(str(lock)) == 0
    assert (
        "AUDITED 1 of 1 pinned packages through PyPI's project JSON: 0 with known vulnerabilities."
        in capsys.readouterr().out
    )
