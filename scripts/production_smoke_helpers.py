"""The machinery of scripts/production_smoke.py: steps and checks, a cookie-keeping client that
talks to gunicorn as the TLS proxy would, and the processes it starts and stops.

Imported by that script as a sibling module (running `python scripts/production_smoke.py` puts
scripts/ first on sys.path).
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "DemoDAK-2026!"  # noqa: S105 (the demo accounts of seed_demo)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STEP = [0]


def step(text: str) -> None:
    STEP[0] += 1
    print(f"SMOKE {STEP[0]:>2}. {text}", flush=True)


class SmokeFailed(Exception):
    pass


def check(condition, message: str) -> None:
    if not condition:
        raise SmokeFailed(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    """A cookie-keeping HTTP client that speaks to gunicorn as the TLS proxy in front of it would
    (X-Forwarded-Proto: https, one trusted proxy), so secure cookies and HSTS are as in production."""

    def __init__(self, port: int):
        self.port, self.cookies, self.statuses = port, {}, []

    def request(self, method: str, path: str, body: bytes | None = None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        sent = {
            "Host": "127.0.0.1",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "192.0.2.10",
            "Referer": f"https://127.0.0.1{path}",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            **(headers or {}),
        }
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        self.statuses.append((method, path, response.status))
        check(response.status < 500, f"{method} {path} answered {response.status}")
        return response, data

    def get(self, path: str):
        return self.request("GET", path)

    def post_form(self, path: str, fields: dict):
        body = urllib.parse.urlencode(fields).encode()
        return self.request(
            "POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"}
        )

    def post_file(self, path: str, fields: dict, name: str, data: bytes):
        boundary = secrets.token_hex(16)
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in fields.items()
        ]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f"Content-Type: {XLSX}\r\n\r\n".encode()
            + data
            + b"\r\n"
        )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request(
            "POST", path, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        )

    def csrf(self, html: bytes) -> str:
        found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        check(found, "no CSRF token on the page")
        return found.group(1).decode()

    def login(self, username: str) -> None:
        _, page = self.get("/akun/masuk/")
        response, _ = self.post_form(
            "/akun/masuk/",
            {"csrfmiddlewaretoken": self.csrf(page), "username": username, "password": PASSWORD},
        )
        check(response.status == 302, f"login of {username} answered {response.status}")


class Stack:
    def __init__(self, work: Path):
        self.work, self.procs, self.logs = work, [], {}

    def start(self, name: str, argv: list[str], env: dict) -> subprocess.Popen:
        log = self.work / f"{name}.log"
        self.logs[name] = log
        with open(log, "wb") as out:
            proc = subprocess.Popen(
                argv,
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.procs.append((name, proc))
        return proc

    def stop(self) -> None:
        for _name, proc in reversed(self.procs):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for name, proc in reversed(self.procs):
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            print(f"SMOKE     stopped {name} (exit {proc.returncode})", flush=True)

    def tail(self) -> None:
        for name, log in self.logs.items():
            text = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            print(f"----- {name}.log (end) -----\n{text}", flush=True)


def run(argv: list[str], env: dict) -> str:
    done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    check(done.returncode == 0, f"{' '.join(argv[:4])} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def wait_until(predicate, seconds: float, what: str):
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    raise SmokeFailed(f"timed out waiting for {what}")
