"""Server time and SQL queries of the main pages, API lists and the absorption API, through the
full Django stack (test client: middleware, session, auth, templates), without network noise."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.urls import NoReverseMatch, reverse


@dataclass
class PageTiming:
    name: str
    regions: int
    median_ms: float
    p95_ms: float
    queries: int
    status: int


@dataclass(frozen=True)
class Target:
    label: str
    url: str
    as_dinas: bool = False  # requested by the dinas account of the region (its home, its lists)
    timed: bool = True  # False: query count only (cheap pages, keeps the run short)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def page_targets(year: int, province_code: str, region_code: str) -> list[Target]:
    """Every page measured for TA `year` as of TW IV; pages not built yet are left out."""
    period = f"?year={year}&quarter=4"
    wanted = [
        ("dashboard", "portal:dashboard", [], period, False, True),
        ("province page", "portal:province_detail", [province_code], period, False, True),
        ("region page", "portal:region_detail", [region_code], period, False, True),
        ("dinas home", "portal:my_region", [], period, True, True),
        ("report list", "realisasi:report_list", [], f"?year={year}", False, False),
        ("finding list", "monev:finding_list", [], "", False, False),
        ("alert list", "realisasi:alert_list", [], f"?year={year}", False, False),
        ("overdue list", "realisasi:overdue_list", [], f"?year={year}", False, False),
    ]
    targets = []
    for label, name, args, query, as_dinas, timed in wanted:
        try:
            targets.append(Target(label, reverse(name, args=args) + query, as_dinas, timed))
        except NoReverseMatch:
            continue
    api = f"year={year}&quarter=4"
    targets += [
        Target("API absorption", f"/api/v1/absorption/?{api}"),
        Target("API absorption/regions", f"/api/v1/absorption/regions/?{api}"),
        Target("API reports", f"/api/v1/reports/?year={year}", timed=False),
        Target("API allocations", "/api/v1/allocations/", timed=False),
        Target("API activities", "/api/v1/activities/", timed=False),
        Target("API alerts", "/api/v1/alerts/", timed=False),
        Target("API findings", "/api/v1/findings/", timed=False),
    ]
    return targets


def measure(client: Client, label: str, url: str, *, regions: int, repeat: int) -> PageTiming:
    client.get(url)  # warm caches (templates, connection, session)
    queries = [0]

    def count(execute, sql, params, many, context):  # every statement, no debug-log cap
        queries[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
    return PageTiming(
        label,
        regions,
        statistics.median(samples) if samples else 0.0,
        percentile(samples, 95) if samples else 0.0,
        queries[0],
        response.status_code,
    )
