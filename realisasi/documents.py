"""The berita acara verifikasi of a verified report version: who verified it and when, which
version, the original file's name, size and SHA-256, and the lines that were verified."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from dakmonev.pdf import Document, date_text, money_text, percent_text, when_text
from dakmonev.quarters import Quarter

from .models import QuarterlyReport, ReportUpload


def _who(user) -> str:
    if user is None:
        return "-"
    return user.get_full_name() or user.username


def berita_acara_pdf(report: QuarterlyReport, upload: ReportUpload | None, lines) -> Document:
    """Berita acara verifikasi laporan realisasi (report must have been verified)."""
    region, quarter = report.region, Quarter(report.quarter)
    lines = list(lines)
    doc = Document(
        "Berita Acara Verifikasi Laporan Realisasi DAK Fisik Bidang IKM",
        subtitle=(
            f"{region.code} {region.name} — TA {report.fiscal_year.year}, {quarter.label}, "
            f"versi {report.version}"
        ),
    )
    doc.paragraph(
        f"Pada {when_text(report.verified_at)}, {_who(report.verified_by)} (Ditjen IKMA) telah "
        f"memverifikasi laporan realisasi {quarter.label} TA {report.fiscal_year.year} "
        f"{region.name} versi {report.version}, dengan rincian sebagai berikut."
    )
    doc.heading("Laporan yang diverifikasi")
    doc.key_values(
        [
            ("Daerah", f"{region.code} {region.name}"),
            ("Tahun anggaran / triwulan", f"TA {report.fiscal_year.year}, {quarter.label}"),
            ("Versi", report.version),
            ("Status saat dicetak", report.get_status_display()),
            ("Tanggal laporan", date_text(report.report_date)),
            ("Dibuat", f"{when_text(report.created_at)} oleh {_who(report.created_by)}"),
            ("Diajukan", f"{when_text(report.submitted_at)} oleh {_who(report.submitted_by)}"),
            ("Diverifikasi", f"{when_text(report.verified_at)} oleh {_who(report.verified_by)}"),
        ],
        label_width=55,
    )
    doc.heading("Berkas asli")
    if upload is None:
        doc.paragraph(
            "Versi ini tidak berasal dari berkas unggahan (dicatat lewat API/layanan).", muted=True
        )
    else:
        doc.key_values(
            [
                ("Nama berkas", upload.original_name),
                ("Ukuran", f"{upload.size:,} bita".replace(",", ".")),
                ("SHA-256", upload.sha256),
                ("Diunggah", f"{when_text(upload.created_at)} oleh {_who(upload.uploaded_by)}"),
            ],
            label_width=55,
        )
    doc.heading("Baris laporan")
    total = sum((line.financial_realisation for line in lines), Decimal(0))
    doc.table(
        ["Kode", "Uraian kegiatan", "Pagu kegiatan", "Realisasi keuangan", "Fisik", "Tahap"],
        [
            [
                line.activity.code,
                line.activity.description,
                money_text(line.activity.pagu),
                money_text(line.financial_realisation),
                percent_text(line.physical_progress),
                line.get_procurement_stage_display() or "-",
            ]
            for line in lines
        ]
        + [["", "Jumlah", "", money_text(total), "", ""]],
        widths=[16, 62, 28, 30, 18, 26],
        numeric=(2, 3, 4),
        size=7,
    )
    doc.ln(6)
    doc.paragraph(
        f"Dicetak dari sistem monitoring DAK Fisik Bidang IKM pada {when_text(timezone.now())}. "
        "Keaslian berkas dapat diperiksa dengan membandingkan SHA-256 di atas dengan berkas asli."
    )
    return doc
