"""What an auditor dossier holds, written into a ZIP file:

- `00-ringkasan.pdf` — the region summary (portal.documents) as of TW IV of the TA;
- `01-berkas-asli/` — every uploaded report file of the region and TA, byte for byte;
- `02-laporan/` — each report version's lines as a workbook (the one writer);
- `03-riwayat-perubahan.xlsx` — every recorded change of the allocation, RK lines, reports,
  findings and follow-ups (django-simple-history), who and when;
- `04-temuan/` — each finding's report (PDF) and its files, its follow-ups' files and its
  field-visit photos, byte for byte;
- `05-foto-kemajuan/` — every progress photo of the region's RK lines of the TA, the original
  bytes as uploaded (with their EXIF: place and time are the evidence);
- `manifest.csv` — every file of the ZIP with its size and SHA-256, and for the originals the
  SHA-256 recorded at upload, so an auditor can check nothing was changed.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils import timezone

from allocations.models import Allocation
from dakmonev.quarters import Quarter
from dakmonev.spreadsheet.export import Sheet, build_book
from dakmonev.spreadsheet.writer import export_title, integer, money, percent, text
from monev.documents import finding_report_pdf
from monev.models import Attachment, FieldPhoto, Finding
from monev.selectors import finding_detail, finding_history
from realisasi.models import ActivityPhoto, QuarterlyReport, ReportLine, ReportUpload
from realisasi.selectors.eligibility import disbursement_eligibility
from realisasi.selectors.period import period_from

from ..documents import region_summary_pdf
from ..selectors.region import region_page
from .history import history_book, user_label

__all__ = ["MANIFEST", "ManifestEntry", "write_dossier"]

MANIFEST = "manifest.csv"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")

Progress = Callable[[int, str], None]


@dataclass(frozen=True)
class ManifestEntry:
    path: str
    size: int
    sha256: str
    source: str
    recorded_sha256: str = ""

    @property
    def matches(self) -> str:
        if not self.recorded_sha256:
            return ""
        return "cocok" if self.recorded_sha256 == self.sha256 else "TIDAK COCOK"


def safe_name(name: str) -> str:
    """A file name for inside the ZIP: no folders, no odd characters (names come from users)."""
    stem = _UNSAFE.sub("_", name.replace("\\", "/").rsplit("/", 1)[-1]).strip("._")
    return stem[:120] or "berkas"


class _Zip:
    def __init__(self, fileobj):
        self.zf = zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_DEFLATED)
        self.entries: list[ManifestEntry] = []

    def add(self, path: str, data: bytes, source: str, recorded_sha256: str = "") -> None:
        self.zf.writestr(path, data)
        self.entries.append(
            ManifestEntry(
                path, len(data), hashlib.sha256(data).hexdigest(), source, recorded_sha256
            )
        )

    def close(self, manifest_title: str) -> None:
        buf = io.StringIO()
        out = csv.writer(buf, lineterminator="\n")
        out.writerow([manifest_title])
        out.writerow(["berkas", "ukuran_bita", "sha256", "asal", "sha256_tercatat", "periksa"])
        for e in self.entries:
            out.writerow([e.path, e.size, e.sha256, e.source, e.recorded_sha256, e.matches])
        self.zf.writestr(MANIFEST, buf.getvalue().encode("utf-8"))
        self.zf.close()


def _read(field) -> bytes | None:
    try:
        with field.open("rb") as fh:
            return fh.read()
    except (FileNotFoundError, OSError, ValueError):
        return None


def _add_file(z: _Zip, field, path: str, source: str, recorded_sha256: str) -> None:
    """A stored file into the ZIP byte for byte; a file missing from storage is named in the
    manifest (no bytes, "BERKAS TIDAK DITEMUKAN") rather than stopping the dossier."""
    data = _read(field)
    if data is None:
        z.entries.append(
            ManifestEntry(path, 0, "", f"{source} — BERKAS TIDAK DITEMUKAN", recorded_sha256)
        )
        return
    z.add(path, data, source, recorded_sha256)


LINE_COLUMNS = [
    text("Kode kegiatan"),
    text("Uraian"),
    money("Pagu kegiatan (Rp)"),
    money("Pagu di berkas (Rp)"),
    money("Nilai kontrak (Rp)"),
    text("Tahap pengadaan"),
    money("Realisasi keuangan (Rp)"),
    percent("Realisasi fisik (%)"),
    integer("Tenaga kerja"),
    text("Kode masalah"),
    text("Keterangan"),
    integer("Baris Excel"),
]


def _version_book(report: QuarterlyReport, lines: Iterable[ReportLine]) -> bytes:
    q = Quarter(report.quarter)
    rows = [
        [
            line.activity.code,
            line.activity.description,
            line.activity.pagu,
            line.reported_pagu,
            line.contract_value,
            line.get_procurement_stage_display() if line.procurement_stage else "",
            line.financial_realisation,
            line.physical_progress,
            line.workers,
            ", ".join(str(c) for c in line.problem_codes or []),
            line.remarks,
            line.excel_row,
        ]
        for line in lines
    ]
    title = export_title(
        f"Baris laporan {report.region.code} {report.region.name} versi {report.version} "
        f"({report.get_status_display()})",
        year=report.fiscal_year.year,
        quarter=q.value,
    )
    return build_book([Sheet(f"{q.label} v{report.version}", LINE_COLUMNS, rows, title)])


def write_dossier(dossier, fileobj, progress: Progress) -> list[ManifestEntry]:
    """Write `dossier`'s ZIP into `fileobj`; `progress(percent, step)` is told as it goes."""
    region, year, user = dossier.region, dossier.fiscal_year.year, dossier.requested_by
    z = _Zip(fileobj)

    progress(5, "Ringkasan daerah (PDF)")
    period = period_from({"year": str(year), "quarter": "4"})
    page = region_page(user, region, period)
    eligibility = (
        disbursement_eligibility(region, period.fiscal_year)
        if period.fiscal_year and page.allocation
        else None
    )
    z.add("00-ringkasan.pdf", region_summary_pdf(page, eligibility).bytes(), "ringkasan daerah")

    progress(15, "Berkas asli laporan")
    uploads = list(
        ReportUpload.objects.visible_to(user)
        .filter(region=region, fiscal_year=year)
        .select_related("uploaded_by")
        .order_by("created_at", "pk")
    )
    for upload in uploads:
        data = _read(upload.original)
        quarter = f"TW{Quarter(upload.quarter).roman}" if upload.quarter else "TW-"
        path = f"01-berkas-asli/{quarter}_{timezone.localtime(upload.created_at):%Y%m%d-%H%M%S}_unggahan-{upload.pk}_{safe_name(upload.original_name)}"
        source = f"unggahan #{upload.pk} ({upload.get_status_display()}) oleh {user_label(upload.uploaded_by)}"
        if data is None:
            z.entries.append(
                ManifestEntry(path, 0, "", source + " — BERKAS TIDAK DITEMUKAN", upload.sha256)
            )
            continue
        z.add(path, data, source, upload.sha256)

    progress(40, "Baris setiap versi laporan")
    reports = list(
        QuarterlyReport.objects.visible_to(user)
        .filter(region=region, fiscal_year__year=year)
        .select_related("region", "fiscal_year")
        .order_by("quarter", "version")
    )
    for report in reports:
        lines = report.lines.select_related("activity").order_by("excel_row", "activity__code")
        z.add(
            f"02-laporan/TW{Quarter(report.quarter).roman}_versi-{report.version}_{report.status}.xlsx",
            _version_book(report, lines),
            f"laporan {Quarter(report.quarter).label} versi {report.version} ({report.get_status_display()})",
        )

    progress(60, "Riwayat perubahan")
    allocation = (
        Allocation.objects.visible_to(user).filter(region=region, fiscal_year__year=year).first()
    )
    findings = list(
        Finding.objects.visible_to(user)
        .filter(region=region, inspection__fiscal_year__year=year)
        .order_by("pk")
    )
    z.add(
        "03-riwayat-perubahan.xlsx",
        history_book(region, year, allocation, reports, findings),
        "riwayat perubahan",
    )

    progress(75, "Temuan dan lampirannya")
    today = timezone.localdate()
    for finding in findings:
        detail = finding_detail(user=user, pk=finding.pk, as_of=today)
        z.add(
            f"04-temuan/temuan-{finding.pk}.pdf",
            finding_report_pdf(detail, finding_history(detail)).bytes(),
            f"laporan temuan {finding.pk}",
        )
    attachments = (
        Attachment.objects.visible_to(user)
        .filter(finding__in=findings)
        .select_related("followup")
        .order_by("pk")
    )
    for a in attachments:
        data = _read(a.file)
        owner = f"tindak-lanjut-{a.followup_id}" if a.followup_id else "temuan"
        path = f"04-temuan/{a.finding_id}/{owner}/lampiran-{a.pk}_{safe_name(a.original_name)}"
        source = f"lampiran #{a.pk} temuan {a.finding_id}"
        if data is None:
            z.entries.append(
                ManifestEntry(path, 0, "", source + " — BERKAS TIDAK DITEMUKAN", a.sha256)
            )
            continue
        z.add(path, data, source, a.sha256)

    for photo in FieldPhoto.objects.visible_to(user).filter(finding__in=findings).order_by("pk"):
        _add_file(
            z,
            photo.original,
            f"04-temuan/{photo.finding_id}/foto-kunjungan/foto-{photo.pk}_{safe_name(photo.original.name)}",
            f"foto kunjungan #{photo.pk} temuan {photo.finding_id}",
            photo.sha256,
        )

    progress(85, "Foto kemajuan kegiatan")
    photos = (
        ActivityPhoto.objects.visible_to(user)
        .filter(activity__allocation__region=region, activity__allocation__fiscal_year__year=year)
        .select_related("activity")
        .order_by("activity__code", "progress_point", "pk")
    )
    for photo in photos:
        _add_file(
            z,
            photo.original,
            f"05-foto-kemajuan/{safe_name(photo.activity.code)}/{photo.progress_point:03d}persen_foto-{photo.pk}_{safe_name(photo.original.name)}",
            f"foto kemajuan #{photo.pk} {photo.activity.code} {photo.progress_point} % ({photo.get_review_status_display()})",
            photo.sha256,
        )

    progress(95, "Manifes")
    z.close(
        f"Dosir auditor {region.code} {region.name} — TA {year}, dibuat "
        f"{timezone.localtime():%d/%m/%Y %H:%M} WIB untuk {user_label(user)}"
    )
    return z.entries
