"""Second route for the dependency audit, used when pip-audit cannot reach an advisory service.

pip-audit asks PyPI's per-release JSON (/pypi/<name>/<version>/json) or OSV. Where only PyPI's
per-project JSON (/pypi/<name>/json) answers, that document still carries the advisories
(`vulnerabilities`, from the same PyPA/OSV data pip-audit uses) of the project's latest release.
So a pin that *is* the latest release is audited exactly; a pin that is not cannot be audited
this way and is listed as such — never counted as clean.

Usage: python scripts/audit_fallback.py requirements.lock
Exit status: 1 when a pinned release has a known vulnerability, 0 otherwise. Prints one summary
line starting with "AUDITED" and one line per package it could not audit.
"""

from __future__ import annotations

import concurrent.futures
import json
import re
import sys
import urllib.error
import urllib.request

PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)")
URL = "https://pypi.org/pypi/{name}/json"


def pins(lock_path: str) -> list[tuple[str, str]]:
    with open(lock_path, encoding="utf-8") as lock:
        return [(m.group(1), m.group(2)) for line in lock if (m := PIN.match(line.strip()))]


def project(name: str) -> dict | None:
    try:
        with urllib.request.urlopen(URL.format(name=name), timeout=30) as response:  # noqa: S310 - fixed https URL
            return json.load(response)
    except (urllib.error.URLError, TimeoutError, ValueError):
        return None


def audit(name: str, version: str) -> tuple[str, str, str, list[dict]]:
    """(name, version, outcome, advisories): outcome is clean, vulnerable or a reason it was not audited."""
    data = project(name)
    if data is None:
        return name, version, "PyPI not reachable", []
    latest = data.get("info", {}).get("version")
    if latest != version:
        return (
            name,
            version,
            f"not the latest release ({latest}); advisories for {version} are not reachable here",
            [],
        )
    advisories = [v for v in data.get("vulnerabilities") or [] if not v.get("withdrawn")]
    return name, version, "vulnerable" if advisories else "clean", advisories


def main(lock_path: str) -> int:
    packages = pins(lock_path)
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda p: audit(*p), packages))
    audited = [r for r in results if r[2] in ("clean", "vulnerable")]
    vulnerable = [r for r in results if r[2] == "vulnerable"]
    for name, version, _outcome, advisories in vulnerable:
        for adv in advisories:
            fixed = ", ".join(adv.get("fixed_in") or []) or "-"
            print(
                f"VULNERABLE {name}=={version}: {adv.get('id')} {' '.join(adv.get('aliases') or [])} "
                f"(fixed in {fixed})"
            )
    for name, version, outcome, _advisories in results:
        if outcome not in ("clean", "vulnerable"):
            print(f"NOT AUDITED {name}=={version}: {outcome}")
    print(
        f"AUDITED {len(audited)} of {len(results)} pinned packages through PyPI's project JSON: "
        f"{len(vulnerable)} with known vulnerabilities."
    )
    return 1 if vulnerable else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "requirements.lock"))
