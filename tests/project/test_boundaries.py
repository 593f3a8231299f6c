"""The shape of the code: which app may import which, and no effect wired through a signal or a registry.

accounts  ←  notifications  ←  allocations  ←  realisasi  ←  monev  ←  portal (dashboards, menu, home, API map)
dakmonev/ (infrastructure: settings, errors, query parameters, spreadsheets) imports no app;
demo/ and benchmarks/ build on everything, and nothing imports them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = (
    "accounts",
    "notifications",
    "allocations",
    "realisasi",
    "monev",
    "portal",
    "demo",
    "benchmarks",
)
# What each package may import besides itself and dakmonev.
ALLOWED = {
    "dakmonev": set(),
    "accounts": set(),
    "notifications": {"accounts"},
    "allocations": {"accounts", "notifications"},
    "realisasi": {"accounts", "notifications", "allocations"},
    "monev": {"accounts", "notifications", "allocations", "realisasi"},
    "portal": {"accounts", "notifications", "allocations", "realisasi", "monev"},
    "demo": {"accounts", "notifications", "allocations", "realisasi", "monev"},
    "benchmarks": {"accounts", "notifications", "allocations", "realisasi", "monev", "demo"},
}


def _modules(package: str):
    for path in (ROOT / package).rglob("*.py"):
        if "migrations" in path.parts:
            continue  # dependencies between apps' schemas are declared there by name
        yield path, ast.parse(path.read_text(), filename=str(path))


def _imported_apps(tree: ast.AST) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found |= {name.split(".")[0] for name in names if name.split(".")[0] in APPS}
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_imports_point_one_way(package):
    wrong = {
        str(path.relative_to(ROOT)): sorted(bad)
        for path, tree in _modules(package)
        if (bad := _imported_apps(tree) - ALLOWED[package] - {package})
    }
    assert wrong == {}


def test_no_effect_is_wired_through_a_signal_or_a_registry():
    """Side effects are called by the services that cause them (after commit), in plain sight."""
    offenders = []
    for package in ALLOWED:
        for path, tree in _modules(package):
            for node in ast.walk(tree):
                name = None
                if isinstance(node, ast.Attribute) and node.attr in (
                    "connect",
                    "autodiscover_modules",
                ):
                    name = node.attr
                elif isinstance(node, ast.Name) and node.id in ("receiver", "Signal"):
                    name = node.id
                elif isinstance(node, ast.alias) and node.name.split(".")[-1] in (
                    "post_save",
                    "post_delete",
                    "pre_save",
                    "pre_delete",
                    "m2m_changed",
                    "autodiscover_modules",
                ):
                    name = node.name
                if name:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
    assert offenders == []
