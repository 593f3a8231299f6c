"""The national dashboard's printable brief: the PDF and the same figures as xlsx sheets."""

from __future__ import annotations

from django.utils import timezone

from dakmonev.pdf import Document, money_text, percent_text
from dakmonev.quarters import Quarter
from dakmonev.spreadsheet.export import Sheet
from dakmonev.spreadsheet.numbers import format_date
from dakmonev.spreadsheet.writer import export_title, integer, money, percent, text

from ..selectors.dashboard import NationalDashboard
from ..selectors.tables import PROVINCE_COLUMNS, province_row
from .common import DEVIATION, PHYSICAL, PLANNED, UNWEIGHTED, WEIGHTED, _period_label

# The PDF lists this many regions of each ranking, so the brief stays within two A4 pages with all
# 38 provinces in its table; the xlsx sheets carry the dashboard's full lists.
PDF_LIST = 5


def _findings(d: NationalDashboard) -> dict:
    panel = next((p for p in d.panels if p.key == "monev.findings"), None)
    return panel.context if panel else {"total": 0, "overdue": 0, "by_status": []}


def headline(d: NationalDashboard) -> list[tuple[str, object, str]]:
    """(label, value, kind) of the brief's headline figures, labelled weighted or unweighted."""
    n, c, findings = d.national, d.coverage, _findings(d)
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
        ("Temuan monev terbuka", findings["total"], "integer"),
        ("… di antaranya melewati batas tindak lanjut", findings["overdue"], "integer"),
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
        widths=[31, 13, 28, 34, 21, 20, 16, 14],
        numeric=(1, 2, 3, 4, 5, 6, 7),
        size=7,
        empty="Belum ada alokasi pada TA ini.",
    )

    doc.heading(f"Daerah paling tertinggal (penyerapan terendah; {PDF_LIST} terbawah)")
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
            for r in d.behind[:PDF_LIST]
        ],
        widths=[70, 40, 25, 20, 25],
        numeric=(1, 2, 3),
        empty="Belum ada daerah penerima.",
    )

    if d.behind_plan:
        doc.heading(f"Daerah paling tertinggal dari rencana (deviasi fisik; {PDF_LIST} terbawah)")
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
                for r, flagged in d.behind_plan[:PDF_LIST]
            ],
            widths=[70, 28, 28, 30, 24],
            numeric=(1, 2, 3),
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
