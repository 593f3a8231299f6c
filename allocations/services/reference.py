"""Reference data: regions (Kemendagri), menu catalogue, problem codes, the holiday calendar."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from dakmonev import figures_version
from dakmonev.errors import DomainError

from ..choices import RegionLevel
from ..models import ActivityMenu, ProblemCode, Region
from ..permissions import can_edit_reference_data
from .holidays import holidays_seed

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


@dataclass
class ReferenceResult:
    provinces: int
    kabkota: int
    menus: int
    problem_codes: int
    holidays_added: int = 0


@transaction.atomic
def reference_data_load(*, fixtures_dir: Path = FIXTURES) -> ReferenceResult:
    """Upsert regions, menu catalogue and problem codes from fixtures/ and seed the holiday
    calendar's empty years (allocations.services.holidays); safe to run again."""
    regions = json.loads((fixtures_dir / "regions.json").read_text(encoding="utf-8"))["regions"]
    reference = json.loads((fixtures_dir / "reference.json").read_text(encoding="utf-8"))

    existing = {r.code: r for r in Region.objects.all()}
    provinces = [r for r in regions if r["level"] == RegionLevel.PROVINSI]
    others = [r for r in regions if r["level"] != RegionLevel.PROVINSI]
    _upsert_regions(provinces, existing, parents={})
    parents = {r.code: r for r in Region.objects.filter(level=RegionLevel.PROVINSI)}
    _upsert_regions(others, existing, parents=parents)

    for order, menu in enumerate(reference["activity_menus"], start=1):
        ActivityMenu.objects.update_or_create(
            code=menu["code"], defaults={"name": menu["name"], "order": order}
        )
    for pc in reference["problem_codes"]:
        ProblemCode.objects.update_or_create(code=pc["code"], defaults={"name": pc["name"]})
    holidays_added = holidays_seed()
    return ReferenceResult(
        provinces=Region.objects.provinces().count(),
        kabkota=Region.objects.kabkota().count(),
        menus=ActivityMenu.objects.count(),
        problem_codes=ProblemCode.objects.count(),
        holidays_added=holidays_added,
    )


def _upsert_regions(
    rows: list[dict], existing: dict[str, Region], *, parents: dict[str, Region]
) -> None:
    to_create, to_update = [], []
    for row in rows:
        parent = (
            parents.get(row["code"].split(".")[0]) if row["level"] != RegionLevel.PROVINSI else None
        )
        region = existing.get(row["code"])
        if region is None:
            to_create.append(
                Region(
                    code=row["code"],
                    name=row["name"],
                    level=row["level"],
                    timezone=row["timezone"],
                    parent=parent,
                )
            )
            continue
        changed = (region.name, region.level, region.timezone, region.parent_id) != (
            row["name"],
            row["level"],
            row["timezone"],
            parent.pk if parent else None,
        )
        if changed:
            region.name, region.level, region.timezone, region.parent = (
                row["name"],
                row["level"],
                row["timezone"],
                parent,
            )
            to_update.append(region)
    Region.objects.bulk_create(to_create, batch_size=500)
    Region.objects.bulk_update(to_update, ["name", "level", "timezone", "parent"], batch_size=500)
    if to_create or to_update:
        figures_version.bump()  # names, levels and zones are in the cached figures


@transaction.atomic
def region_save(
    *, actor, region: Region | None, code: str, name: str, level: str, parent, timezone: str
) -> Region:
    """Create or correct one region by hand (Ditjen IKMA); the reference load does it in bulk."""
    can_edit_reference_data(actor).require()
    region = region or Region()
    region.code, region.name, region.level = code, name, level
    region.parent, region.timezone = parent, timezone
    try:
        region.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError(" ".join(messages), field=field) from exc
    region.save()
    figures_version.bump()  # names, levels and zones are in the cached figures
    return region
