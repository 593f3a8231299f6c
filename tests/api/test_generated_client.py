"""A Python client generated from /api/v1/schema/ with openapi-python-client imports, gets a
token and reads a list — as another system's developer would use the API.

Hole found from outside: five generated modules (the token endpoint among them) failed to
import, because those views declared the same request body under JSON, form and multipart.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

from accounts.roles import Role
from tests.factories import PASSWORD, RegionFactory, make_user

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
PACKAGE = "dak_api_client"


def _generate(schema: bytes, tmp_path: Path) -> Path:
    (tmp_path / "schema.yaml").write_bytes(schema)
    bin_dir = Path(sys.executable).parent
    done = subprocess.run(
        [
            str(bin_dir / "openapi-python-client"),
            "generate",
            "--path",
            str(tmp_path / "schema.yaml"),
            "--meta",
            "none",
            "--output-path",
            str(tmp_path / PACKAGE),
        ],
        cwd=tmp_path,
        env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return tmp_path


def test_a_generated_client_imports_gets_a_token_and_reads_regions(live_server, client, tmp_path):
    region = RegionFactory(code="32.04", name="Kabupaten Bandung")
    make_user(Role.API, username="sistem.lain")
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    sys.path.insert(0, str(_generate(schema.content, tmp_path)))
    try:
        package = importlib.import_module(PACKAGE)
        broken = []
        for module in pkgutil.walk_packages(package.__path__, f"{PACKAGE}."):
            try:
                importlib.import_module(module.name)
            except Exception as exc:  # every module must import: report them all at once
                broken.append(f"{module.name}: {exc!r}")
        assert broken == []
        api = importlib.import_module(f"{PACKAGE}.api.auth.auth_token_create")
        models = importlib.import_module(f"{PACKAGE}.models")
        anonymous = package.Client(base_url=live_server.url, raise_on_unexpected_status=True)
        token = api.sync(
            client=anonymous,
            body=models.TokenRequestRequest(username="sistem.lain", password=PASSWORD),
        )
        assert isinstance(token, models.TokenResponse), token
        authed = package.AuthenticatedClient(
            base_url=live_server.url, token=token.token, prefix="Token"
        )
        regions = importlib.import_module(f"{PACKAGE}.api.regions.regions_list")
        page = regions.sync(client=authed)
        assert (region.code, region.name) in [(r.code, r.name) for r in page.results]
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]
