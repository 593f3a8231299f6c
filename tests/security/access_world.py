"""The world the access matrix walks: the demo, plus one rejected upload of region A.

Region A is 32.04 (dinas.kabbandung), region B is 35.07 (dinas.kabmalang). Every object route
is visited with an object of region A; "dinas_other" is B's operator, who must get 404.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import openpyxl
from django.core.management import call_command

from accounts.models import User

REGION_A, REGION_B = "32.04", "35.07"
ROLES = ("anon", "ditjen", "pimpinan", "inspektorat", "api", "dinas_own", "dinas_other")


@dataclass
class World:
    users: dict[str, User | None]
    objects: dict[str, object]


def _bad_report(spec_bytes: bytes) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(spec_bytes))
    ws = wb["Laporan"] if "Laporan" in wb.sheetnames else wb.worksheets[0]
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.strip().lower().startswith(
                "realisasi keuangan"
            ):
                ws.cell(row=cell.row + 1, column=cell.column, value="bukan angka")
                buf = io.BytesIO()
                wb.save(buf)
                return buf.getvalue()
    raise AssertionError("template has no Realisasi Keuangan column")


def _ready_dossier(alloc, user):
    """A finished auditor dossier of region A (its ZIP is an empty archive)."""
    from django.core.files.base import ContentFile

    from portal.models import AuditDossier, DossierStatus

    dossier = AuditDossier.objects.create(
        region=alloc.region,
        fiscal_year=alloc.fiscal_year,
        requested_by=user,
        status=DossierStatus.READY,
        progress=100,
    )
    dossier.file.save("dosir.zip", ContentFile(b"PK\x05\x06" + b"\x00" * 18))
    return dossier


def build_world() -> World:
    from allocations.models import Allocation, PlannedActivity, Sentra
    from demo.allocations import CURRENT_YEAR
    from monev.models import Attachment, FieldPhoto, Finding, FollowUp, Inspection
    from notifications.models import Notification
    from realisasi.exporters.template import build_template
    from realisasi.models import ActivityPhoto, QuarterlyReport, alert_event_key
    from realisasi.selectors.reports import report_template_spec
    from realisasi.services.alerts import alert_raise
    from realisasi.services.imports import report_import

    call_command("seed_demo", stdout=io.StringIO())
    users = {
        "anon": None,
        "ditjen": User.objects.get(username="ditjen"),
        "pimpinan": User.objects.get(username="pimpinan"),
        "inspektorat": User.objects.get(username="inspektur"),
        "api": User.objects.get(username="sistem.api"),
        "dinas_own": User.objects.get(username="dinas.kabbandung"),
        "dinas_other": User.objects.get(username="dinas.kabmalang"),
    }
    alloc = Allocation.objects.get(region__code=REGION_A, fiscal_year__year=CURRENT_YEAR)
    spec = report_template_spec(region=alloc.region, year=CURRENT_YEAR, quarter=4)
    outcome = report_import(
        actor=users["dinas_own"], name="laporan-tw4.xlsx", data=_bad_report(build_template(spec))
    )
    assert not outcome.ok
    finding = Finding.objects.filter(region__code=REGION_A).order_by("pk").first()
    alert, _ = alert_raise(
        kind="TERLAMBAT",
        region=alloc.region,
        fiscal_year=CURRENT_YEAR,
        quarter=4,
        title="Uji akses <b>TW IV</b>",
        message="Uji",
        notify_users=[users["dinas_own"]],
    )
    objects = {
        "allocation": alloc,
        "activity": PlannedActivity.objects.filter(allocation=alloc).order_by("pk").first(),
        "report": QuarterlyReport.objects.filter(region__code=REGION_A, is_current=True)
        .order_by("-pk")
        .first(),
        "upload": outcome.upload,
        "notification": Notification.objects.get(
            user=users["dinas_own"], event_key=alert_event_key(alert.pk)
        ),
        "alert": alert,
        "finding": finding,
        "followup": FollowUp.objects.filter(finding__region__code=REGION_A).first(),
        "attachment": Attachment.objects.filter(finding__region__code=REGION_A).first()
        or Attachment.objects.filter(followup__finding__region__code=REGION_A).first(),
        "inspection": Inspection.objects.filter(region__code=REGION_A).first(),
        "region": alloc.region,
        "photo": ActivityPhoto.objects.filter(activity__allocation__region__code=REGION_A)
        .order_by("pk")
        .first(),
        "field_photo": FieldPhoto.objects.filter(finding__region__code=REGION_A)
        .order_by("pk")
        .first(),
        "sentra": Sentra.objects.filter(region__code=REGION_A).order_by("pk").first(),
        "disbursement": alloc.disbursements.first(),
        "year": CURRENT_YEAR,
    }
    objects["dossier"] = _ready_dossier(alloc, users["ditjen"])
    missing = [k for k, v in objects.items() if v is None]
    assert not missing, f"the demo lacks objects of region {REGION_A}: {missing}"
    return World(users=users, objects=objects)
