"""Synthetic monev demo: inspections, findings in every follow-up status, evidence files, sentra outcome surveys.

Idempotent: an inspection is recognised by its synthetic letter number, a survey by sentra + TA.
Everything is marked synthetic (`is_synthetic`, "DEMO"/"sintetis" in the text).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from allocations.models import FiscalYear, PlannedActivity, ProblemCode, Region, Sentra
from monev import services
from monev.choices import FollowUpStatus, Formality, InspectionKind, MarketReach, Rating, Severity
from monev.models import Finding, Inspection, OutcomeSurvey
from monev.services.alerts import check_overdue_followups

# The five demo dinas regions (their users see findings) plus a few more for the national view.
REGIONS = ["32.04", "35.07", "73.71", "91.71", "96.71", "33.74", "51.71", "64.72"]
INSPECTOR = "inspektur"
COMMODITIES = [
    "Tenun (sintetis)",
    "Anyaman rotan (sintetis)",
    "Olahan ikan (sintetis)",
    "Kopi (sintetis)",
]

# (title, problem code, severity, scenario). Scenarios give every follow-up status, open and closed.
FINDINGS = [
    ("Mesin pengolahan belum dimanfaatkan IKM", 9, Severity.TINGGI, "belum_overdue"),
    ("Laporan realisasi TW II terlambat disampaikan", 8, Severity.SEDANG, "proses_overdue"),
    ("Volume pekerjaan rumah produksi kurang dari kontrak", 9, Severity.TINGGI, "selesai_open"),
    ("Dokumen DED belum lengkap saat tender", 6, Severity.SEDANG, "selesai_closed"),
    ("Penyedia peralatan wanprestasi dan pailit", 6, Severity.TINGGI, "tidak_dapat_closed"),
    ("SK penetapan pelaksana kegiatan terlambat", 5, Severity.RENDAH, "pending"),
]


def _pdf(text: str) -> bytes:
    """A tiny valid one-page PDF with one line of text."""
    stream = f"BT /F1 12 Tf 50 780 Td ({text}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def _file(name: str, text: str) -> ContentFile:
    return ContentFile(_pdf(f"DATA SINTETIS - {text}"), name=name)


def seed(*, actor: User, stdout=None) -> dict:
    """Create the monev demo once; running it again adds nothing."""
    inspector = User.objects.filter(username=INSPECTOR, role=Role.INSPEKTORAT).first()
    if inspector is None:
        if stdout:
            stdout.write("Monev: pengguna 'inspektur' belum ada; demo monev dilewati.")
        return {}
    today = timezone.localdate()
    years = [today.year - 2, today.year - 1]
    created = {"inspections": 0, "findings": 0, "surveys": 0}
    regions = list(Region.objects.filter(code__in=REGIONS).order_by("code"))
    for fy_year in years:
        fy = _fiscal_year(actor, fy_year)
        for idx, region in enumerate(regions):
            created_here = _inspection(actor, inspector, fy, region, idx, today)
            created["inspections"] += int(created_here > 0)
            created["findings"] += created_here
    created["surveys"] = _surveys(actor, inspector, years[0], regions)

    alerts = check_overdue_followups(today)
    if stdout:
        stdout.write(
            f"Monev (sintetis): {created['inspections']} inspeksi, {created['findings']} temuan, "
            f"{created['surveys']} survei outcome baru; {len(alerts.open_alerts)} peringatan tindak lanjut terbuka."
        )
    return created


def _fiscal_year(actor: User, year: int) -> FiscalYear:
    fy = FiscalYear.objects.filter(year=year).first()
    if fy is None:
        from allocations.services.fiscal_years import fiscal_year_create

        fy = fiscal_year_create(actor=actor, year=year)
    return fy


@transaction.atomic
def _inspection(
    actor: User, inspector: User, fy: FiscalYear, region: Region, idx: int, today: dt.date
) -> int:
    letter = f"DEMO-ITJ/{fy.year}/{region.code}"
    if Inspection.objects.filter(letter_number=letter).exists():
        return 0
    start = min(
        dt.date(fy.year + 1, 2, 3) + dt.timedelta(days=7 * idx), today - dt.timedelta(days=60)
    )
    rng = random.Random(f"{fy.year}-{region.code}")  # noqa: S311 — demo values, not security
    inspection = services.inspection_create(
        actor=inspector,
        fiscal_year=fy,
        region=region,
        kind=InspectionKind.FIELD if idx % 2 == 0 else InspectionKind.DESK,
        start_date=start,
        end_date=start + dt.timedelta(days=2),
        team=[inspector],
        letter_number=letter,
        summary="Inspeksi sintetis untuk demo.",
        rating_output=rng.choice(Rating.values),
        notes_output="Catatan sintetis capaian output dan outcome.",
        rating_reporting=rng.choice(Rating.values),
        notes_reporting="Catatan sintetis laporan realisasi.",
        rating_performance=rng.choice(Rating.values),
        notes_performance="Catatan sintetis kinerja.",
        is_synthetic=True,
    )
    # Three findings per inspection, rotating through the scenarios so every status appears.
    scenarios = [FINDINGS[(idx * 3 + fy.year + k) % len(FINDINGS)] for k in range(3)]
    activity = PlannedActivity.objects.filter(
        allocation__region=region, allocation__fiscal_year=fy
    ).first()
    dinas = User.objects.filter(role=Role.DINAS, region=region, is_active=True).first() or actor
    for n, (title, code, severity, scenario) in enumerate(scenarios):
        _finding(
            inspector,
            dinas,
            inspection,
            title,
            code,
            severity,
            scenario,
            activity if n == 0 else None,
            today,
            attach=(n == 0),
        )
    return len(scenarios)


def _finding(
    inspector, dinas, inspection, title, code, severity, scenario, activity, today, *, attach
) -> Finding:
    overdue = scenario in ("belum_overdue", "proses_overdue")
    due = today - dt.timedelta(days=25) if overdue else today + dt.timedelta(days=45)
    finding = services.finding_create(
        actor=inspector,
        inspection=inspection,
        title=f"{title} (DEMO)",
        kondisi="Kondisi sintetis: hasil pemeriksaan lapangan menunjukkan ketidaksesuaian.",
        kriteria="Petunjuk teknis DAK Fisik Bidang IKM (rujukan sintetis).",
        sebab="Sebab sintetis: perencanaan dan pengawasan belum memadai.",
        akibat="Akibat sintetis: manfaat bagi IKM di sentra belum optimal.",
        rekomendasi="Rekomendasi sintetis: tindak lanjuti dan sampaikan bukti kepada Itjen.",
        amount=Decimal(random.Random(title).randrange(5, 250) * 1_000_000)
        if severity == Severity.TINGGI
        else None,  # noqa: S311
        activity=activity,
        problem_code=ProblemCode.objects.filter(code=code).first(),
        severity=severity,
        due_date=due,
        files=[_file("berita-acara-pemeriksaan.pdf", title)] if attach else [],
        is_synthetic=True,
    )
    # Age the finding as if recorded on the inspection's last day (demo only).
    Finding.objects.filter(pk=finding.pk).update(
        created_at=timezone.make_aware(dt.datetime.combine(inspection.end_date, dt.time(15, 0)))
    )
    if scenario == "belum_overdue":
        return finding
    answered = min(today, inspection.end_date + dt.timedelta(days=30))
    fu = services.followup_submit(
        actor=dinas,
        finding=finding,
        description="Tindak lanjut sintetis: langkah perbaikan telah dilakukan.",
        date=answered,
        files=[_file("bukti-tindak-lanjut.pdf", "bukti tindak lanjut")] if attach else [],
        is_synthetic=True,
    )
    if scenario == "pending":
        return finding
    status = {
        "proses_overdue": FollowUpStatus.PROSES,
        "selesai_open": FollowUpStatus.SELESAI,
        "selesai_closed": FollowUpStatus.SELESAI,
        "tidak_dapat_closed": FollowUpStatus.TIDAK_DAPAT,
    }[scenario]
    services.followup_assess(
        actor=inspector,
        followup=fu,
        status=status,
        note="" if status == FollowUpStatus.SELESAI else "Catatan penilaian sintetis.",
    )
    if scenario.endswith("_closed"):
        services.finding_close(actor=inspector, finding=finding, note="Ditutup (demo sintetis).")
    return finding


def _surveys(actor: User, inspector: User, year: int, regions: list[Region]) -> int:
    fy = FiscalYear.objects.get(year=year)
    new = 0
    for idx, region in enumerate(regions):
        sentra = list(Sentra.objects.filter(region=region).order_by("name")[:2]) or [
            _sentra(actor, region, idx)
        ]
        for s in sentra:
            if OutcomeSurvey.objects.filter(sentra=s, fiscal_year=fy).exists():
                continue
            services.survey_record(
                actor=inspector,
                sentra=s,
                fiscal_year=fy,
                survey_date=dt.date(year + 1, 3, 1),
                notes="Survei sintetis untuk demo.",
                is_synthetic=True,
                **_values(s.pk),
            )
            new += 1
    return new


def _sentra(actor: User, region: Region, idx: int) -> Sentra:
    commodity = COMMODITIES[idx % len(COMMODITIES)]
    name = f"Sentra sintetis {commodity.split(' (')[0]} {region.name}"
    sentra = Sentra.objects.filter(region=region, name=name).first()
    if sentra is None:
        sentra = Sentra(region=region, name=name, commodity=commodity, ikm_units=20, workforce=60)
        sentra._history_user = actor
        sentra.save()
    return sentra


def _values(seed_value: int) -> dict:
    """Plausible before/after values near the 2018 monev's reported changes (synthetic)."""
    rng = random.Random(seed_value)  # noqa: S311
    units = rng.randrange(12, 60)
    products = rng.randrange(3, 12)
    workers = units * rng.randrange(2, 5)
    capacity = Decimal(rng.randrange(20, 200) * 50)
    formality = rng.choice([Formality.NONE, Formality.KELOMPOK, Formality.KOPERASI])
    market = rng.choice([MarketReach.LOKAL, MarketReach.REGIONAL])
    return {
        "ikm_units_baseline": units,
        "ikm_units_after": round(units * rng.uniform(1.15, 1.45)),
        "product_types_baseline": products,
        "product_types_after": round(products * rng.uniform(1.5, 2.1)),
        "formality_baseline": formality,
        "formality_after": formality + 1 if rng.random() < 0.4 else formality,
        "market_reach_baseline": market,
        "market_reach_after": market + 1 if rng.random() < 0.22 else market,
        "workforce_baseline": workers,
        "workforce_after": round(workers * rng.uniform(1.5, 2.0)),
        "capacity_baseline": capacity,
        "capacity_after": (capacity * Decimal(str(round(rng.uniform(1.4, 1.95), 2)))).quantize(
            Decimal("1")
        ),
        "capacity_unit": "pcs/bulan",
    }
