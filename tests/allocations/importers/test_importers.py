"""Pure importers of the pagu and RK files: rows, and every problem with row/column/value/message."""

from decimal import Decimal

from allocations.importers.pagu import read_pagu
from allocations.importers.rk import read_rk
from tests.files import csv_bytes, xlsx_bytes

PAGU_HEADERS = ["tahun", "kode_wilayah", "pagu"]
RK_HEADERS = [
    "tahun",
    "kode_wilayah",
    "kode_kegiatan",
    "menu",
    "uraian",
    "sentra",
    "volume",
    "satuan",
    "pagu",
]


def test_pagu_xlsx_with_numbers_and_indonesian_text():
    data = xlsx_bytes(
        PAGU_HEADERS,
        [
            [2026, "32.04", 2500000000],
            ["2026", "3507", "Rp 1.250.000.000,50"],
            [2026, 73.71, "900.000.000"],
        ],
    )
    parsed = read_pagu("pagu.xlsx", data)
    assert parsed.issues == []
    assert [(r.row, r.year, r.region_code, r.pagu) for r in parsed.rows] == [
        (2, 2026, "32.04", Decimal("2500000000.00")),
        (3, 2026, "35.07", Decimal("1250000000.50")),
        (4, 2026, "73.71", Decimal("900000000.00")),
    ]


def test_pagu_errors_name_row_column_value_and_what_to_do():
    data = csv_bytes(
        ["Tahun", "Kode Wilayah", "Pagu (Rp)"],
        [
            ["2026", "35.07", "satu miliar"],
            ["26", "32.04", "100"],
            ["2026", "32-04", "-5"],
            ["2026", "32.04", "7"],
            ["2026", "3204", "8"],
        ],
    )
    parsed = read_pagu("pagu.csv", data)
    got = [(i.row, i.column, i.value) for i in parsed.errors]
    assert got == [
        (2, "pagu", "satu miliar"),
        (3, "tahun", "26"),
        (4, "kode_wilayah", "32-04"),
        (4, "pagu", "-5"),
        (6, "kode_wilayah", "3204"),
    ]
    messages = [i.message for i in parsed.errors]
    assert "bukan angka rupiah" in messages[0]
    assert "Tahun anggaran 26 tidak wajar" in messages[1]
    assert "bukan kode wilayah Kemendagri" in messages[2]
    assert "sudah ada di baris 5" in messages[4]
    assert len(parsed.rows) == 1


def test_missing_header_is_reported_on_the_header_row():
    parsed = read_pagu(
        "pagu.csv", csv_bytes(["tahun", "wilayah", "pagu"], [["2026", "32.04", "1"]])
    )
    assert [(i.row, i.column) for i in parsed.errors] == [(1, "kode_wilayah")]
    assert "tidak ditemukan" in parsed.errors[0].message


def test_file_level_rejections_become_issues():
    parsed = read_pagu("pagu.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    assert parsed.rows == [] and parsed.errors[0].row is None
    assert ".xls" in parsed.errors[0].message


def test_rk_rows_defaults_and_duplicates():
    data = xlsx_bytes(
        RK_HEADERS,
        [
            [
                2026,
                "32.04",
                "RK-01",
                "MESIN_PERALATAN",
                "Mesin jahit",
                "Sentra Konveksi",
                10,
                "unit",
                500000000,
            ],
            [
                2026,
                "32.04",
                "RK-02",
                "Rumah kemasan",
                "Rumah kemasan bersama",
                None,
                None,
                None,
                "250.000.000",
            ],
            [2026, "32.04", "rk-01", "IPAL", "IPAL komunal", None, 1, "paket", 1],
            [2026, "32.04", "RK-03", "IPAL", "", None, 0, "paket", 1],
        ],
    )
    parsed = read_rk("rk.xlsx", data)
    assert [(r.code, r.menu, r.sentra, r.volume, r.unit, r.pagu) for r in parsed.rows] == [
        (
            "RK-01",
            "MESIN_PERALATAN",
            "Sentra Konveksi",
            Decimal("10.00"),
            "unit",
            Decimal("500000000.00"),
        ),
        ("RK-02", "Rumah kemasan", "", Decimal("1.00"), "", Decimal("250000000.00")),
    ]
    assert [(i.row, i.column) for i in parsed.errors] == [
        (4, "kode_kegiatan"),
        (5, "uraian"),
        (5, "volume"),
    ]
    assert "sudah ada di baris 2" in parsed.errors[0].message
