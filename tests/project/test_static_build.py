"""Production static files build: collectstatic under the manifest storage production uses.

Hole found at a production start-up: the vendored Chart.js named a source map that is not
shipped, so collectstatic failed and every production page would have been a 500.
"""

from __future__ import annotations

import io
import json

from django.core.management import call_command


def test_collectstatic_with_the_production_manifest_storage(settings, tmp_path):
    settings.STATIC_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", stdout=io.StringIO())
    paths = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    for name in ("css/app.css", "vendor/chart.umd.min.js", "vendor/htmx.min.js"):
        assert (tmp_path / paths[name]).exists()
