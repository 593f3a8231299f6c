"""A region's printable summary (also the first page of the region's dossier)."""

from __future__ import annotations

from django.utils import timezone

from dakmonev.pdf import Document, date_text, money_text, percent_text, when_text
from dakmonev.quarters import Quarter
from dakmonev.spreadsheet.numbers import format_date

from ..selectors.region import RegionPage
from .common import PHYSICAL, _period_label


def region_summary_pdf(d: RegionPage, eligibility) -> Document:
    """A region's summary: letterhead, allocation, RK lines, quarterly figures, disbursement
    stage, red flags of the counted report and its open findings."""
    region, period = d.region, d.period
    doc = Document(
        f"Ringkasan daerah {region.name} ({region.code}) — {_period_label(period)}",
        subtitle=f"per tanggal {format_date(timezone.localdate())}"
        + (f"; provinsi {region.parent.name}" if region.parent_id else ""),
    )
    doc.heading("Alokasi")
    if d.allocation is None:
        doc.paragraph(f"{region.name} tidak menerima alokasi DAK Fisik IKM pada TA {period.year}.")
    else:
        f = d.figures
        doc.key_values(
            [
                ("Pagu alokasi", money_text(d.allocation.pagu)),
                ("Status RK", d.allocation.get_rk_status_display()),
                ("Realisasi keuangan", money_text(f.financial_realisation if f else None)),
                (
                    f"Penyerapan (realisasi ÷ pagu, per {Quarter(period.quarter).label})",
                    percent_text(f.absorption if f else None),
                ),
                (PHYSICAL, percent_text(f.physical_progress if f else None)),
                (
                    f"Laporan {Quarter(period.quarter).label} (batas {date_text(d.deadline)})",
                    "diterima"
                    if d.received
                    else ("terlambat" if d.overdue else "belum jatuh tempo"),
                ),
            ],
            label_width=90,
        )
        doc.heading("Rencana kegiatan (RK) dan tahap pengadaan")
        doc.table(
            ["Kode", "Menu", "Uraian", "Pagu", "Tahap pengadaan", "Nilai kontrak"],
            [
                [
                    a.code,
                    a.menu.name,
                    a.description,
                    money_text(a.pagu),
                    a.get_procurement_stage_display(),
                    money_text(a.contract_value),
                ]
                for a in d.activities
            ],
            widths=[15, 35, 55, 27, 24, 24],
            numeric=(3, 5),
            size=7,
            empty="RK belum memiliki baris kegiatan.",
        )
        doc.heading("Angka per triwulan")
        doc.table(
            ["Triwulan", "Realisasi keuangan", "Penyerapan", "Fisik"],
            [
                [
                    Quarter(p.quarter).label,
                    money_text(p.financial_realisation),
                    percent_text(p.absorption),
                    percent_text(p.physical_progress),
                ]
                for p in d.series
            ],
            widths=[30, 60, 45, 45],
            numeric=(1, 2, 3),
        )
        if eligibility is not None:
            e = eligibility
            doc.heading(f"Penyaluran dana: {e.stage_label}")
            doc.key_values(
                [
                    ("Dana diterima", money_text(e.received)),
                    (
                        "Tahap berikutnya",
                        f"{e.stage_label} — {money_text(e.amount)}"
                        if e.stage is not None
                        else "tidak ada",
                    ),
                    (
                        "Realisasi / dana diterima",
                        f"{money_text(e.financial_realisation)} ({percent_text(e.absorption_of_received_pct)})",
                    ),
                    (
                        "Status",
                        "memenuhi syarat"
                        if e.eligible
                        else (
                            "tidak ada tahap berikutnya"
                            if e.stage is None
                            else "belum memenuhi syarat"
                        ),
                    ),
                    *[("Yang masih kurang", m) for m in e.missing],
                ],
                label_width=60,
            )
    doc.heading("Laporan triwulan: versi dan status")
    doc.table(
        ["Triwulan", "Versi", "Status", "Dibuat", "Diajukan"],
        [
            [
                Quarter(r.quarter).label,
                r.version,
                r.get_status_display()
                + (" (dihitung)" if d.counted and r.pk == d.counted.pk else ""),
                when_text(r.created_at),
                when_text(r.submitted_at),
            ]
            for r in d.reports
        ],
        widths=[22, 15, 50, 48, 45],
        numeric=(1,),
        empty="Belum ada laporan pada TA ini.",
    )
    doc.heading("Tanda bahaya laporan yang dihitung")
    doc.table(
        ["Baris", "Kolom", "Nilai", "Keterangan"],
        [
            [w.get("row") or "-", w.get("column"), w.get("value"), w.get("message")]
            for w in d.red_flags
        ],
        widths=[14, 36, 30, 100],
        empty="Tidak ada tanda bahaya pada laporan yang dihitung.",
    )
    panel = next((p for p in d.panels if p.key == "monev.findings"), None)
    findings = panel.context.get("findings", []) if panel else []
    doc.heading("Temuan monev terbuka")
    doc.table(
        ["No.", "Judul", "Status", "Batas tindak lanjut"],
        [[f.pk, f.title, f.get_status_display(), date_text(f.due_date)] for f in findings],
        widths=[14, 100, 36, 30],
        empty="Tidak ada temuan terbuka.",
    )
    return doc
