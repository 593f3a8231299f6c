"""Server time and SQL queries of the main pages and the absorption API, through the full
Django stack (test client: middleware, auth, templates), without network noise."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse


@dataclass
class PageTiming:
    name: str
    regions: int
    median_ms: float
    p95_ms: float
    queries: int
    status: int


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def page_targets(year: int, province_code: str, region_code: str) -> list[tuple[str, str]]:
    """(label, url) of every page measured; pages not built yet are left out."""
    wanted = [
        ("dashboard", "realisasi:dashboard", [], f"?year={year}&quarter=4"),
        ("province page", "realisasi:province_detail", [province_code], f"?year={year}&quarter=4"),
        ("region page", "realisasi:region_detail", [region_code], f"?year={year}&quarter=4"),
    ]
    targets = []
    for label, name, args, query in wanted:
        try:
            targets.append((label, reverse(name, args=args) + query))
        except NoReverseMatch:
            continue
    targets.append(("absorption API", f"/api/v1/absorption/?year={year}&quarter=4"))
    targets.append(("absorption API regions", f"/api/v1/absorption/regions/?year={year}&quarter=4"))
    return targets


def measure(client: Client, label: str, url: str, *, regions: int, repeat: int) -> PageTiming:
    client.get(url)  # warm caches (templates, connection)
    samples = []
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
    return PageTiming(label, regions, statistics.median(samples), percentile(samples, 95),
                      len(ctx.captured_queries), response.status_code)
