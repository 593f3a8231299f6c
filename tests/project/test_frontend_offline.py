"""Front-end libraries come from the npm registry, pinned, and are served from our own static files."""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def test_vendored_libraries_match_the_pins():
    pins = json.loads((ROOT / "package.json").read_text())["dependencies"]
    lock = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    vendored = dict(
        line.split() for line in (ROOT / "static/vendor/VERSIONS").read_text().splitlines()
    )
    for name, version in pins.items():
        assert lock[f"node_modules/{name}"]["version"] == version
        assert vendored[name] == version
    assert (ROOT / "static/vendor/chart.umd.min.js").stat().st_size > 100_000
    assert (ROOT / "static/vendor/htmx.min.js").stat().st_size > 10_000


def test_no_template_loads_anything_from_another_origin():
    pattern = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", re.IGNORECASE)
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "templates").rglob("*.html")
        if pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []
