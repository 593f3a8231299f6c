"""The printable brief of the national dashboard (PDF and the same as xlsx) and a region's summary.

Every figure comes from the page's own selectors (`national_dashboard`, `region_page`, the
eligibility selector), so the paper says what the screen says; this module only lays it out.
"""

from __future__ import annotations

from django.utils import timezone

from dakmonev.pdf import Document, date_text, money_text, percent_text, when_text
from dakmonev.quarters import Quarter
from dakmonev.spreadsheet.export import Sheet
from dakmonev.spreadsheet.numbers import format_date
from dakmonev.spreadsheet.writer import export_title, integer, money, percent, text

from .selectors.dashboard import NationalDashboard
from .selectors.region import RegionPage
from .selectors.tables import PROVINCE_COLUMNS, province_row

WEIGHTED = "Penyerapan (tertimbang nilai: Σ realisasi ÷ Σ pagu)"
UNWEIGHTED = "Rata-rata penyerapan kabupaten/kota (tidak tertimbang)"
PHYSICAL = "Realisasi fisik (tertimbang pagu kegiatan)"
PLANNED = "Rencana fisik (target RK, tertimbang pagu kegiatan)"
DEVIATION = "Deviasi fisik dari rencana (poin; negatif = tertinggal)"


def _period_label(period) -> str:
    return f"TA {period.year}, {Quarter(period.quarter).label}"


def _findings(d: NationalDashboard) -> dict:
    panel = next((p for p in d.panels if p.key == "monev.findings"), None)
    return panel.context if panel else {"total": 0, "overdue": 0, "by_status": []}


def headline(d: NationalDashboard) -> list[tuple[str, object, str]]:
    """(label, value, kind) of the brief's headline figures, labelled weighted or unweighted."""
    n, c = d.national, d.coverage
    q = Quarter(d.period.quarter).label
    return [
        (f"Total pagu ({n.region_count} daerah penerima)", n.pagu, "money"),
        ("Realisasi keuangan", n.financial_realisation, "money"),
        (WEIGHTED, n.absorption, "percent"),
        (f"{UNWEIGHTED}, {n.kabkota_count} kab/kota", n.mean_absorption_kabkota, "percent"),
        (PHYSICAL, n.physical_progress, "percent"),
        *(
            [
                (PLANNED, n.planned_physical, "percent"),
                (DEVIATION, n.deviation_physical, "points"),
            ]
            if n.deviation_physical is not None
            else []
        ),
        (f"Laporan {q} diharapkan", c.expected, "integer"),
        (f"Laporan {q} diterima", c.received, "integer"),
        (f"Laporan {q} belum masuk", c.missing, "integer"),
        (f"Laporan {q} terlambat", c.overdue, "integer"),
    ]


def _shown(value, kind: str) -> str:
    if kind == "money":
        return money_text(value)
    if kind == "percent":
        return percent_text(value)
    if kind == "points":
        return points_text(value)
    return str(value)


def points_text(value) -> str:
    """A deviation in percentage points with its sign (`−12,50 poin`), `—` without a target."""
    if value is None:
        return "—"
    return ("+" if value > 0 else "") + percent_text(value).replace(" %", "") + " poin"


def national_brief_pdf(d: NationalDashboard) -> Document:
    """Ringkasan nasional: headline figures, trend since 2016, provinces, regions most behind,
    overdue reports and open findings — one or two A4 pages."""
    period = d.period
    doc = Document(
        f"Ringkasan nasional DAK Fisik Bidang IKM — {_period_label(period)}",
        subtitle=(
            f"Angka per akhir {Quarter(period.quarter).label} TA {period.year} dari laporan yang "
            f"dihitung (diajukan/terverifikasi), per tanggal {format_date(timezone.localdate())}. "
            "Nilai kumulatif dibawa dari triwulan terakhir yang dilaporkan."
        ),
    )
    doc.heading("Angka utama")
    doc.key_values([(label, _shown(v, kind)) for label, v, kind in headline(d)], label_width=105)

    doc.heading("Tren pagu dan penyerapan sejak TA 2016")
    doc.table(
        [
            "TA",
            "Pagu",
            "Daerah",
            "Penyerapan (tertimbang)",
            "Rata-rata kab/kota (tidak tertimbang)",
        ],
        [
            [
                p.year,
                money_text(p.pagu),
                p.region_count or "-",
                percent_text(p.absorption),
                percent_text(p.mean_absorption_kabkota),
            ]
            for p in d.trend
        ],
        widths=[14, 48, 18, 45, 55],
        numeric=(1, 2, 3, 4),
        empty="Belum ada data tren.",
    )

    doc.heading("Penyerapan per provinsi")
    doc.table(
        [
            "Provinsi",
            "Daerah",
            "Pagu",
            "Realisasi",
            "Penyerapan tertimbang",
            "Rata-rata kab/kota",
            "Fisik",
            "Melapor",
        ],
        [
            [
                f"{p.code} {p.name}",
                p.region_count,
                money_text(p.pagu),
                money_text(p.financial_realisation),
                percent_text(p.absorption),
                percent_text(p.mean_absorption_kabkota),
                percent_text(p.physical_progress),
                f"{p.reporting_count}/{p.region_count}",
            ]
            for p in [*d.provinces, d.national]
        ]
        if d.provinces
        else [],
        widths=[38, 13, 27, 27, 23, 22, 15, 15],
        numeric=(1, 2, 3, 4, 5, 6, 7),
        size=7,
        empty="Belum ada alokasi pada TA ini.",
    )

    doc.heading("Daerah paling tertinggal (penyerapan terendah)")
    doc.table(
        ["Daerah", "Pagu", "Penyerapan", "Fisik", "Laporan terakhir"],
        [
            [
                f"{r.code} {r.name}",
                money_text(r.pagu),
                percent_text(r.absorption),
                percent_text(r.physical_progress),
                Quarter(r.latest_quarter).label if r.latest_quarter else "belum ada",
            ]
            for r in d.behind
        ],
        widths=[70, 40, 25, 20, 25],
        numeric=(1, 2, 3),
        empty="Belum ada daerah penerima.",
    )

    if d.behind_plan:
        doc.heading("Daerah paling tertinggal dari rencana (deviasi fisik)")
        doc.table(
            ["Daerah", "Rencana fisik", "Realisasi fisik", "Deviasi", "Tertinggal"],
            [
                [
                    f"{r.code} {r.name}",
                    percent_text(r.planned_physical),
                    percent_text(r.physical_progress),
                    points_text(r.deviation_physical),
                    "ya" if flagged else "",
                ]
                for r, flagged in d.behind_plan
            ],
            widths=[70, 28, 28, 30, 24],
            numeric=(1, 2, 3),
        )

    findings = _findings(d)
    doc.heading("Laporan terlambat dan temuan monev terbuka")
    doc.key_values(
        [
            (f"Laporan {Quarter(period.quarter).label} terlambat", d.coverage.overdue),
            ("Temuan monev terbuka", findings["total"]),
            ("… di antaranya melewati batas tindak lanjut", findings["overdue"]),
            *[(f"… {s['label']}", s["count"]) for s in findings["by_status"]],
        ],
        label_width=105,
    )
    return doc


def national_brief_sheets(d: NationalDashboard) -> list[Sheet]:
    """The brief as workbook sheets: the same figures as the PDF, typed for Excel."""
    period = d.period

    def title(name: str) -> str:
        return export_title(name, year=period.year, quarter=period.quarter)

    findings = _findings(d)
    return [
        Sheet(
            "Ringkasan",
            [text("Angka"), money("Nilai (Rp)"), percent("Persen (%)"), integer("Jumlah")],
            [
                [
                    label,
                    value if kind == "money" else None,
                    value if kind in ("percent", "points") else None,
                    value if kind == "integer" else None,
                ]
                for label, value, kind in headline(d)
            ]
            + [
                ["Temuan monev terbuka", None, None, findings["total"]],
                ["Temuan melewati batas tindak lanjut", None, None, findings["overdue"]],
                *[[f"Temuan: {s['label']}", None, None, s["count"]] for s in findings["by_status"]],
            ],
            title("Ringkasan nasional DAK Fisik Bidang IKM"),
        ),
        Sheet(
            "Tren",
            [
                integer("TA"),
                money("Pagu (Rp)"),
                integer("Daerah"),
                percent("Penyerapan tertimbang nilai (%)"),
                percent("Rata-rata kab/kota, tidak tertimbang (%)"),
            ],
            [
                [p.year, p.pagu, p.region_count or None, p.absorption, p.mean_absorption_kabkota]
                for p in d.trend
            ],
            title("Tren pagu dan penyerapan sejak TA 2016"),
        ),
        Sheet(
            "Provinsi",
            PROVINCE_COLUMNS,
            [province_row(p) for p in ([*d.provinces, d.national] if d.provinces else [])],
            title("Penyerapan per provinsi"),
        ),
        Sheet(
            "Daerah tertinggal",
            [
                text("Kode wilayah"),
                text("Daerah"),
                money("Pagu (Rp)"),
                percent("Penyerapan (%)"),
                percent("Realisasi fisik (%)"),
                text("Laporan terakhir"),
            ],
            [
                [
                    r.code,
                    r.name,
                    r.pagu,
                    r.absorption,
                    r.physical_progress,
                    Quarter(r.latest_quarter).label if r.latest_quarter else "belum ada",
                ]
                for r in d.behind
            ],
            title("Daerah paling tertinggal"),
        ),
        *(
            [
                Sheet(
                    "Tertinggal dari rencana",
                    [
                        text("Kode wilayah"),
                        text("Daerah"),
                        percent("Rencana fisik (%)"),
                        percent("Realisasi fisik (%)"),
                        percent("Deviasi fisik (poin)"),
                        text("Tertinggal"),
                    ],
                    [
                        [
                            r.code,
                            r.name,
                            r.planned_physical,
                            r.physical_progress,
                            r.deviation_physical,
                            "ya" if flagged else "",
                        ]
                        for r, flagged in d.behind_plan
                    ],
                    title("Daerah paling tertinggal dari rencana"),
                )
            ]
            if d.behind_plan
            else []
        ),
    ]


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
