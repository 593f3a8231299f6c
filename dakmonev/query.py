"""Query parameters: one set of names for pages, exports and the API, read in one place.

The names (docs/architecture.md, DECISIONS §1): `year` (TA), `quarter` (1–4), `province`
(Kemendagri code `32`), `region` (`32.04`), `page`, `sort`, `status`, `kind`, `q` (search).
Bookmarks made before these names keep working: `canonical()` renames the old ones (`ta`, `tw`,
`tahun`, `triwulan`, `provinsi`, `wilayah`, `urut`, `jenis`, the API's `ordering`) and the
old values of `status`, `kind` and `sort`; when a URL carries both an old and a current name,
the current one wins. Pages, exports and the API's
filters all read through `canonical()`; links and forms write the current names only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.http import QueryDict

from .quarters import Quarter
from .spreadsheet.cells import region_code

__all__ = ["LEGACY_NAMES", "LEGACY_VALUES", "Query", "canonical", "parse"]

LEGACY_NAMES = {
    "ta": "year",
    "tahun": "year",
    "fiscal_year": "year",
    "tw": "quarter",
    "triwulan": "quarter",
    "provinsi": "province",
    "wilayah": "region",
    "urut": "sort",
    "ordering": "sort",
    "jenis": "kind",
}
# Values that changed name with them: status and alert-kind codes became the users' Indonesian
# codes like every enum (docs/api.md), and the dashboard's sort keys became the figures' names.
LEGACY_VALUES = {
    "status": {
        "DRAFT": "DRAF",
        "SUBMITTED": "DIAJUKAN",
        "VERIFIED": "TERVERIFIKASI",
        "RETURNED": "DIKEMBALIKAN",
        "SUPERSEDED": "DIGANTIKAN",
    },
    "kind": {
        "REMINDER": "PENGINGAT",
        "OVERDUE": "TERLAMBAT",
        "ESCALATION": "ESKALASI",
        "FOLLOWUP_OVERDUE": "TINDAK_LANJUT_TERLAMBAT",
    },
    "sort": {"kode": "code", "serapan": "absorption", "-serapan": "-absorption"},
}
MIN_YEAR, MAX_YEAR = 2000, 2100
TEXT_LIMIT = 100


def canonical(params: Mapping) -> QueryDict:
    """A copy of `params` under the current names and values (old ones renamed; a current name given too wins)."""
    lists = params.lists() if hasattr(params, "lists") else ((k, [v]) for k, v in params.items())
    out = QueryDict(mutable=True)
    for key, values in lists:
        name = LEGACY_NAMES.get(key, key)
        if name != key and name in params:
            continue
        renamed = LEGACY_VALUES.get(name, {})
        out.setlist(name, [renamed.get(v, v) for v in values])
    return out


@dataclass(frozen=True)
class Query:
    """The parameters a list, page or export was asked for; anything malformed reads as not given."""

    year: int | None = None
    quarter: Quarter | None = None
    province: str = ""  # a provinsi's code, `32`
    region: str = ""  # a region's code, `32.04` (also typed `3204`)
    sort: str = ""
    status: str = ""
    kind: str = ""
    q: str = ""
    page: str = ""


def _year(value) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and MIN_YEAR <= int(text) <= MAX_YEAR else None


def _code(value, *, province: bool) -> str:
    try:
        code = region_code(value or "")
    except ValueError:
        return ""
    return code if (len(code) == 2) == province else ""


def _text(value) -> str:
    return str(value or "").strip()[:TEXT_LIMIT]


def parse(params: Mapping) -> Query:
    """The `Query` of a request's GET parameters (old names accepted, see `canonical`)."""
    p = canonical(params)
    return Query(
        year=_year(p.get("year")),
        quarter=Quarter.of(p.get("quarter")),
        province=_code(p.get("province"), province=True),
        region=_code(p.get("region"), province=False),
        sort=_text(p.get("sort")),
        status=_text(p.get("status")),
        kind=_text(p.get("kind")),
        q=_text(p.get("q")),
        page=_text(p.get("page")),
    )
