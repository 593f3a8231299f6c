"""`python manage.py loadtest` (or `make loadtest`): gunicorn on loopback, wrk with N clients.

Prints throughput, p50/p95/p99 and errors for a mix of dashboard, region pages and API, first
on its own and then while a large report import runs. Bounded in time; only 127.0.0.1.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.urls import NoReverseMatch, reverse

from accounts.models import User
from accounts.tokens import token_issue, tokens_revoke_all

ROOT = Path(settings.BASE_DIR)
LUA = Path(__file__).resolve().parent.parent.parent / "wrk_mix.lua"
RESULT = re.compile(r"RESULT (.*)")


class Command(BaseCommand):
    help = "Uji beban: gunicorn di 127.0.0.1 dan wrk dengan klien serentak (dibatasi waktu)."

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, default=20)
        parser.add_argument("--seconds", type=int, default=20)
        parser.add_argument("--port", type=int, default=8765)
        # docker-compose.yml's server: gunicorn's sync workers, four of them. A sync worker takes a
        # connection only when it is idle, so load spreads evenly; with gthread and keep-alive,
        # each of wrk's 20 connections stays with the worker that accepted it (measured: 18 on
        # one worker, 2 on the other), and the clients of the crowded worker wait.
        parser.add_argument("--workers", type=int, default=4)
        parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"])
        parser.add_argument("--threads", type=int, default=1, help="gthread only")
        parser.add_argument("--year", type=int, default=2023)
        parser.add_argument(
            "--no-import", action="store_true", help="skip the run during a large import"
        )

    def handle(self, *args, **opts):
        if not shutil.which("wrk"):
            raise CommandError("wrk tidak ada: apt-get install wrk (make loadtest memasangnya).")
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        user = User.objects.get(username="pimpinan")
        cookie = f"{settings.SESSION_COOKIE_NAME}={self._session(user)}"
        token = token_issue(user=user)[1]
        paths = self._paths(opts["year"])
        server = self._start_gunicorn(opts)
        try:
            self._warm_up(opts, paths, cookie, token)
            server_desc = f"{opts['workers']} worker {opts['worker_class']}" + (
                f" × {opts['threads']} thread" if opts["worker_class"] == "gthread" else ""
            )
            self.stdout.write(
                f"gunicorn {server_desc}; wrk {opts['clients']} koneksi, {opts['seconds']} detik, "
                f"{len(paths)} alamat bergiliran"
            )
            self.stdout.write(
                f"{'skenario':<34}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'galat':>7}"
            )
            self._report(
                "dasbor+API, " + f"{opts['clients']} klien", self._wrk(opts, paths, cookie, token)
            )
            if not opts["no_import"]:
                importer = self._start_import(opts["seconds"])
                if importer is None:
                    self.stdout.write(
                        "(impor besar belum tersedia: perintah bench_reports tidak ada)"
                    )
                else:
                    try:
                        self._report("selama impor besar", self._wrk(opts, paths, cookie, token))
                    finally:
                        # It stops starting imports after --max-seconds and then removes its data.
                        try:
                            importer.wait(timeout=opts["seconds"] + 180)
                        except subprocess.TimeoutExpired:
                            importer.terminate()
                            importer.wait(timeout=30)
        finally:
            server.terminate()
            server.wait(timeout=30)
            tokens_revoke_all(user=user)

    def _session(self, user: User) -> str:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return store.session_key

    def _paths(self, year: int) -> list[str]:
        query = f"?year={year}&quarter=4"
        paths = []
        for name, args in (
            ("portal:dashboard", []),
            ("portal:province_detail", ["32"]),
            ("portal:region_detail", ["32.04"]),
        ):
            try:
                paths.append(reverse(name, args=args) + query)  # the pages' own period parameters
            except NoReverseMatch:
                continue
        paths += [
            f"/api/v1/absorption/{query}",
            f"/api/v1/absorption/provinces/{query}",
            f"/api/v1/absorption/regions/{query}&province=32",
        ]
        return paths

    def _start_gunicorn(self, opts) -> subprocess.Popen:
        # Capacity, not the per-user throttle, is measured: one token makes every API request here.
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "dakmonev.settings.local",
            "DJANGO_DEBUG": "0",
            "API_THROTTLE_USER": "100000000/hour",
            "LOG_LEVEL": "ERROR",
        }
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "dakmonev.wsgi:application",
                "--bind",
                f"127.0.0.1:{opts['port']}",
                "--workers",
                str(opts["workers"]),
                "--worker-class",
                opts["worker_class"],
                "--threads",
                str(opts["threads"]),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{opts['port']}/akun/masuk/", timeout=2)  # noqa: S310
                return proc
            except OSError:
                time.sleep(0.3)
        proc.terminate()
        raise CommandError("gunicorn tidak siap dalam 30 detik.")

    def _warm_up(self, opts, paths, cookie, token) -> None:
        """Open every path once per worker before measuring, as a running server would have.

        `seed_demo` above bumps the data versions, so the first requests would otherwise render
        every page and compute every figure afresh: a cold start, not the steady state. The
        run during an import below measures the cost of invalidation on its own.
        """
        for path in paths * max(opts["workers"], 1) * 2:
            headers = (
                {"Authorization": f"Token {token}"}
                if path.startswith("/api/")
                else {"Cookie": cookie}
            )
            request = urllib.request.Request(
                f"http://127.0.0.1:{opts['port']}{path}", headers=headers
            )
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback only
                response.read()

    def _start_import(self, seconds: int) -> subprocess.Popen | None:
        """The surge benchmark (514 reports submitted one after another) for about as long as wrk runs."""
        from django.core.management import get_commands

        if "bench_reports" not in get_commands():
            return None
        proc = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "bench_reports",
                "--only-surge",
                "--max-seconds",
                str(seconds),
            ],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(
            8
        )  # its preparation (RK lines, 514 files) is not the import: start measuring after it
        return proc

    def _wrk(self, opts, paths, cookie, token) -> dict[str, int]:
        env = {
            **os.environ,
            "LOAD_PATHS": "|".join(paths),
            "LOAD_COOKIE": cookie,
            "LOAD_TOKEN": token,
        }
        out = subprocess.run(
            [
                "wrk",
                "-t",
                "2",
                "-c",
                str(opts["clients"]),
                "-d",
                f"{opts['seconds']}s",
                "--timeout",
                "10s",
                "-s",
                str(LUA),
                f"http://127.0.0.1:{opts['port']}",
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=opts["seconds"] + 60,
        )
        match = RESULT.search(out.stdout)
        if not match:
            raise CommandError(f"wrk gagal: {out.stdout}\n{out.stderr}")
        return {k: int(v) for k, v in (kv.split("=") for kv in match.group(1).split())}

    def _report(self, label: str, r: dict[str, int]) -> None:
        errors = r["connect"] + r["read"] + r["write"] + r["status"] + r["timeout"]
        rps = r["requests"] / (r["duration_us"] / 1e6)
        self.stdout.write(
            f"{label:<34}{rps:>8.1f}{r['p50_us'] / 1000:>9.1f}{r['p95_us'] / 1000:>9.1f}"
            f"{r['p99_us'] / 1000:>9.1f}{errors:>7}"
        )
