"""Production smoke: the processes docker-compose runs, started directly, used as a person would.

Run by .ci/run (Docker has no daemon there). Builds a virtualenv from the production lock only
(as the Dockerfile does), uses the production settings with DEBUG off, collects static files
into a temporary folder with the manifest storage, starts a private Redis with a password,
gunicorn on 127.0.0.1 (a free port), a Celery worker and beat on the real PostgreSQL; then logs
in through the login form, uploads a report through the upload page (processed by the worker),
sees it counted on the dashboard, downloads an export and a template and checks the security
headers. Any 5xx fails. Every process is stopped at the end, on failure too.

    .venv/bin/python scripts/production_smoke.py     # SMOKE_DATABASE_URL optional
"""

from __future__ import annotations

import io
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# A sibling module: `python scripts/production_smoke.py` puts scripts/ first on sys.path.
from production_smoke_helpers import (
    XLSX,
    Browser,
    SmokeFailed,
    Stack,
    check,
    free_port,
    run,
    step,
    wait_until,
)

DB_URL = os.environ.get(
    "SMOKE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dakmonev_ci_smoke"
)
DEMO_DINAS = {
    "32.04": "dinas.kabbandung",
    "35.07": "dinas.kabmalang",
    "73.71": "dinas.makassar",
    "91.71": "dinas.jayapura",
    "96.71": "dinas.sorong",
}


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="dak-smoke-"))
    stack = Stack(work)
    try:
        scenario(stack, work)
    except Exception as exc:  # any failure: say it, show the logs, stop everything
        print(f"SMOKE FAILED: {type(exc).__name__}: {exc}", flush=True)
        stack.tail()
        return 1
    finally:
        stack.stop()
        shutil.rmtree(work, ignore_errors=True)
    print("SMOKE PASSED: the production stack starts and serves a whole report cycle.", flush=True)
    return 0


def scenario(stack: Stack, work: Path) -> None:
    venv = work / "venv"
    step(
        "virtualenv from the production lock only (as the Dockerfile): pip install --no-deps -r requirements.lock"
    )
    run([sys.executable, "-m", "venv", str(venv)], dict(os.environ))
    py = str(venv / "bin" / "python")
    run(
        [py, "-m", "pip", "install", "-q", "--no-deps", "-r", "requirements.lock"], dict(os.environ)
    )
    run([py, "-m", "pip", "check"], dict(os.environ))

    step("private Redis with a password (requirepass), as in docker-compose.yml")
    redis_port, redis_password = free_port(), secrets.token_urlsafe(24)
    stack.start(
        "redis",
        [
            "redis-server",
            "--bind",
            "127.0.0.1",
            "--port",
            str(redis_port),
            "--requirepass",
            redis_password,
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        dict(os.environ),
    )
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS", "CELERY"))},
        "DJANGO_SETTINGS_MODULE": "dakmonev.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_CSRF_TRUSTED_ORIGINS": "https://127.0.0.1",
        "TRUSTED_PROXY_COUNT": "1",
        "DATABASE_URL": DB_URL,
        "REDIS_URL": f"redis://:{redis_password}@127.0.0.1:{redis_port}/0",
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "PYTHONUNBUFFERED": "1",
    }

    def redis_answers():
        ping = subprocess.run(
            ["redis-cli", "-p", str(redis_port), "ping"],
            capture_output=True,
            text=True,
            env={**os.environ, "REDISCLI_AUTH": redis_password},
        )
        return "PONG" in ping.stdout

    wait_until(redis_answers, 20, "Redis")
    unauth = subprocess.run(
        ["redis-cli", "-p", str(redis_port), "set", "x", "1"], capture_output=True, text=True
    )
    check("NOAUTH" in unauth.stdout + unauth.stderr, "Redis accepted a command without password")

    step(
        f"fresh database {DB_URL.rsplit('/', 1)[-1]}; manage.py check --deploy; migrate; seed_demo"
    )
    db = DB_URL.rsplit("/", 1)[-1]
    admin_url = DB_URL.rsplit("/", 1)[0] + "/postgres"
    run(["psql", admin_url, "-q", "-c", f'DROP DATABASE IF EXISTS "{db}"'], env)
    run(["psql", admin_url, "-q", "-c", f'CREATE DATABASE "{db}"'], env)
    run([py, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    run([py, "manage.py", "migrate", "--noinput", "-v0"], env)
    run([py, "manage.py", "seed_demo"], env)

    step("collectstatic into a temporary folder with the manifest storage (DEBUG off)")
    run([py, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    check((work / "static" / "staticfiles.json").exists(), "no static manifest written")

    step(f"gunicorn on 127.0.0.1:{port}, a Celery worker and Celery beat")
    stack.start(
        "gunicorn",
        [
            py,
            "-m",
            "gunicorn",
            "dakmonev.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--timeout",
            "120",
            "--access-logfile",
            "-",
            "--no-control-socket",
        ],
        env,
    )
    stack.start(
        "worker",
        [
            py,
            "-m",
            "celery",
            "-A",
            "dakmonev",
            "worker",
            "-l",
            "INFO",
            "--concurrency",
            "1",
            "--without-gossip",
            "--without-mingle",
        ],
        env,
    )
    stack.start(
        "beat",
        [
            py,
            "-m",
            "celery",
            "-A",
            "dakmonev",
            "beat",
            "-l",
            "INFO",
            "--schedule",
            str(work / "celerybeat-schedule"),
        ],
        env,
    )
    browser = Browser(port)

    def healthy():
        try:
            return browser.get("/healthz/")[0].status == 200
        except (OSError, SmokeFailed):
            return False

    wait_until(healthy, 60, "gunicorn's /healthz/")
    wait_until(lambda: b"ready." in stack.logs["worker"].read_bytes(), 60, "the Celery worker")
    wait_until(lambda: b"beat: Starting" in stack.logs["beat"].read_bytes(), 60, "Celery beat")

    step("security headers on the login page; DEBUG off (a missing page is the Indonesian 404)")
    response, page = browser.get("/akun/masuk/")
    headers = {k.lower(): v for k, v in response.getheaders()}
    check("default-src 'self'" in headers.get("content-security-policy", ""), "no CSP header")
    check(headers.get("x-frame-options") == "DENY", "X-Frame-Options is not DENY")
    check(headers.get("x-content-type-options") == "nosniff", "no nosniff")
    check(headers.get("referrer-policy") == "same-origin", "no Referrer-Policy")
    check("max-age=" in headers.get("strict-transport-security", ""), "no HSTS")
    check("Secure" in headers.get("set-cookie", ""), "CSRF cookie is not Secure")
    missing, body = browser.get("/tidak-ada-halaman-ini/")
    check(missing.status == 404 and b"Halaman tidak ditemukan" in body, "404 page is not ours")
    check(b"Traceback" not in body and b"DEBUG = True" not in body, "DEBUG is on")
    css = re.search(rb'href="(/static/css/app\.[0-9a-f]{12}\.css)"', page)
    check(css, "static CSS is not served under its hashed (manifest) name")
    check(browser.get(css.group(1).decode())[0].status == 200, "hashed CSS not served")

    step("log in through the login form as ditjen; read the dashboard's report count")
    ditjen = Browser(port)
    ditjen.login("ditjen")
    _, dash = ditjen.get("/realisasi/dasbor/")
    year = int(
        re.search(
            rb'<select name="(?:ta|year)">.*?<option value="(\d+)" selected', dash, re.S
        ).group(1)
    )
    quarter = int(
        re.search(
            rb'<select name="(?:tw|quarter)">.*?<option value="(\d)" selected', dash, re.S
        ).group(1)
    )
    before = _received(dash)
    print(
        f"SMOKE     period TA {year} TW {quarter}: {before[0]} of {before[1]} reports received",
        flush=True,
    )

    _, overdue = ditjen.get(f"/realisasi/terlambat/?year={year}&quarter={quarter}")
    late = set(re.findall(rb'data-overdue="([0-9.]+):%d"' % quarter, overdue))
    code = next((c for c in DEMO_DINAS if c.encode() in late), None)
    check(code, f"no demo dinas region is overdue for TA {year} TW {quarter}")
    username = DEMO_DINAS[code]

    step(f"{username} ({code}, overdue) logs in and downloads its pre-filled template")
    dinas = Browser(port)
    dinas.login(username)
    response, template = dinas.get(f"/realisasi/laporan/templat/?year={year}&quarter={quarter}")
    check(response.status == 200 and response.getheader("Content-Type") == XLSX, "no template")
    filled = _fill(template)

    step("upload the filled report through the upload page; the worker checks it")
    _, form = dinas.get("/realisasi/unggah/")
    response, _ = dinas.post_file(
        "/realisasi/unggah/", {"csrfmiddlewaretoken": dinas.csrf(form)}, "laporan.xlsx", filled
    )
    check(response.status == 302, f"upload answered {response.status}")
    status_url = response.getheader("Location")
    pk = re.search(r"/unggah/(\d+)/", status_url).group(1)

    def finished():
        _, data = dinas.get(f"/realisasi/unggah/{pk}/status.json")
        state = json.loads(data)
        return state if state["finished"] else None

    state = wait_until(finished, 90, "the worker to process the upload")
    # The preview, not a rejection (the status code is PRATINJAU; its label is what people read).
    check(state["label"].startswith("Pratinjau"), f"upload not previewed: {state}")
    check(b"succeeded" in stack.logs["worker"].read_bytes(), "the worker log shows no task done")

    step("store and submit the previewed report")
    _, page = dinas.get(f"/realisasi/unggah/{pk}/")
    response, _ = dinas.post_form(
        f"/realisasi/unggah/{pk}/simpan/", {"csrfmiddlewaretoken": dinas.csrf(page), "submit": "on"}
    )
    check(response.status == 302, "confirm did not redirect")

    step("the dashboard counts the new report")

    def counted():
        _, dash = ditjen.get(f"/realisasi/dasbor/?year={year}&quarter={quarter}")
        return _received(dash)[0] == before[0] + 1

    wait_until(counted, 60, "the dashboard to count the report")
    print(f"SMOKE     now {before[0] + 1} of {before[1]} reports received", flush=True)

    step("download the report export (Excel) and the original file back")
    response, export = ditjen.get(f"/realisasi/laporan/excel/?year={year}")
    check(response.status == 200 and export[:2] == b"PK", "export is not an .xlsx")
    check(code.encode() in _sheet_text(export), f"the export does not list {code}")
    response, original = dinas.get(f"/realisasi/unggah/{pk}/asli.xlsx")
    check(response.status == 200 and original == filled, "original not returned byte for byte")

    step("no 5xx anywhere; the access log agrees")
    log = stack.logs["gunicorn"].read_text(errors="replace")
    check(not re.search(r'" 5\d\d ', log), "gunicorn logged a 5xx")
    total = len(browser.statuses) + len(ditjen.statuses) + len(dinas.statuses)
    print(f"SMOKE     {total} requests, none answered 5xx", flush=True)


def _received(dashboard: bytes) -> tuple[int, int]:
    found = re.search(rb'data-kpi="laporan">.*?<div class="value">(\d+) / (\d+)<', dashboard, re.S)
    check(found, "the dashboard shows no report count")
    return int(found.group(1)), int(found.group(2))


def _fill(template: bytes) -> bytes:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(template))
    ws = wb["Laporan"]
    header = next(r for r in range(1, 31) if any(c.value == "Kode Kegiatan" for c in ws[r]))
    cols = {c.value: c.column for c in ws[header] if c.value}
    row = header + 1
    while ws.cell(row, cols["Kode Kegiatan"]).value not in (None, ""):
        pagu = float(ws.cell(row, cols["Pagu (Rp)"]).value)
        ws.cell(row, cols["Realisasi Keuangan (Rp)"], value=int(pagu * 0.5))
        ws.cell(row, cols["Realisasi Fisik (%)"], value=50)
        ws.cell(row, cols["Status Pengadaan"], value="Pelaksanaan")
        row += 1
    check(row > header + 1, "the template has no RK line")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _sheet_text(data: bytes) -> bytes:
    import openpyxl

    ws = openpyxl.load_workbook(io.BytesIO(data), read_only=True).active
    return " ".join(str(v) for row in ws.iter_rows(values_only=True) for v in row).encode()


if __name__ == "__main__":
    sys.exit(main())
