"""What people do in a real browser (Chromium via Playwright) on the seeded demo.

The tests run in file order and share the module's seeded data: the dinas of Kabupaten
Bandung first uploads a bad file, then a good one that Ditjen then sees in the verification
screen. Screenshots of the main pages go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.browser

DINAS = "dinas.kabbandung"
REGION = "32.04"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# What each role must (and must not) find in its menu; the rest follows portal/navigation.py.
MENU_MUST = {
    "ditjen": (
        {"Dasbor nasional", "Verifikasi", "Terlambat", "Temuan monev", "Admin"},
        {"Daerah saya", "Unggah laporan"},
    ),
    "pimpinan": (
        {"Dasbor nasional", "Terlambat", "Temuan monev"},
        {"Verifikasi", "Admin", "Unggah laporan", "Daerah saya"},
    ),
    "inspektur": (
        {"Dasbor nasional", "Temuan monev", "Inspeksi"},
        {"Verifikasi", "Admin", "Unggah laporan"},
    ),
    DINAS: (
        {"Daerah saya", "Unggah laporan", "Laporan", "Temuan monev"},
        {"Dasbor nasional", "Verifikasi", "Terlambat", "Inspeksi", "Admin"},
    ),
}
HOME_HEADING = {
    "ditjen": "Dasbor nasional",
    "pimpinan": "Dasbor nasional",
    "inspektur": "Dasbor nasional",
    DINAS: "Kabupaten Bandung (32.04)",
}


def _period(tab):
    """The region page's chosen TA and quarter, as the period form shows them."""
    return (
        int(tab.page.locator("select[name=year]").first.input_value()),
        int(tab.page.locator("select[name=quarter]").first.input_value()),
    )


def _template(tab, year: int, quarter: int) -> bytes:
    """Download the pre-filled template through the upload page, as a dinas would."""
    tab.goto(reverse("realisasi:upload"))
    tab.page.click("text=Unduh templat laporan")
    tab.page.fill("input[name=year]", str(year))
    tab.page.select_option("select[name=quarter]", str(quarter))
    with tab.page.expect_download() as download:
        tab.page.click("button:has-text('Unduh .xlsx')")
    assert download.value.suggested_filename == f"templat-laporan-{REGION}-{year}-TW{quarter}.xlsx"
    return download.value.path().read_bytes()


def _table(ws) -> tuple[int, dict[str, int], list[int]]:
    """Header row, column index by header, and the data rows of the report sheet."""
    header_row = next(r for r in range(1, 31) if any(c.value == "Kode Kegiatan" for c in ws[r]))
    columns = {c.value: c.column for c in ws[header_row] if c.value}
    rows = []
    for r in range(header_row + 1, ws.max_row + 1):
        if ws.cell(r, columns["Kode Kegiatan"]).value in (None, ""):
            break
        rows.append(r)
    return header_row, columns, rows


def _upload(tab, name: str, data: bytes) -> None:
    tab.goto(reverse("realisasi:upload"))
    tab.page.set_input_files(
        "input[type=file]", files=[{"name": name, "mimeType": XLSX, "buffer": data}]
    )
    tab.page.click("button:has-text('Periksa berkas')")
    tab.page.wait_for_url(re.compile(r"/unggah/\d+/$"))
    tab.page.wait_for_selector("text=/Berkas ditolak|Pratinjau|Laporan disimpan/")


def _configured_menu(username: str) -> list[str]:
    from accounts.models import User
    from portal.navigation import menu_for

    return [item["label"] for item in menu_for(User.objects.get(username=username))]


@pytest.mark.parametrize("username", list(MENU_MUST))
def test_each_role_logs_in_and_sees_its_menu(tab, username):
    tab.login(username)
    menu = tab.menu()
    must, must_not = MENU_MUST[username]
    assert must <= set(menu) and not must_not & set(menu), menu
    assert menu == _configured_menu(username)
    assert HOME_HEADING[username] in tab.text("h1")
    assert tab.console_errors == []


def test_national_dashboard_shows_the_published_2023_absorption(tab):
    tab.login("pimpinan")
    tab.goto(reverse("portal:dashboard"))
    tab.page.select_option("select[name=year]", "2023")
    tab.page.select_option("select[name=quarter]", "4")
    tab.page.click("button:has-text('Tampilkan')")
    tab.page.wait_for_load_state("networkidle")
    assert "TA 2023, TW IV" in tab.text("h1")
    assert (
        tab.text('[data-kpi="penyerapan"]')
        == "Penyerapan (tertimbang nilai) 88,46 % Σ realisasi ÷ Σ pagu"
    )
    assert "93,23 %" in tab.text('[data-kpi="rata-kabkota"]')
    assert "Rata-rata penyerapan kabupaten/kota (tidak tertimbang)" in tab.text(
        '[data-kpi="rata-kabkota"]'
    )
    assert tab.text('[data-kpi="pagu"] .value') == "Rp395.000.000.000"
    for chart in ("#trend-chart", "#province-chart"):  # drawn by static JS from json_script data
        tab.page.wait_for_selector(f"{chart}[data-ready='1']", state="attached")
    tab.shot("dashboard-nasional")
    # Sorting the province table by absorption is a plain link: it works without JavaScript.
    tab.page.click("[data-table=provinces] thead a[data-sort=absorption]")
    tab.page.wait_for_load_state("networkidle")
    figures = [
        Decimal(t.replace(" %", "").replace(".", "").replace(",", "."))
        for t in tab.page.locator(
            "[data-table=provinces] tbody tr td:nth-child(5)"
        ).all_inner_texts()
    ]
    assert len(figures) > 10 and figures == sorted(figures, reverse=True)
    assert tab.console_errors == []


def test_dinas_downloads_the_template_and_sees_the_error_named_by_row_and_column(tab):
    tab.login(DINAS)
    year, quarter = _period(tab)
    wb = load_workbook(io.BytesIO(_template(tab, year, quarter)))
    ws = wb["Laporan"]
    assert ws["B1"].value == REGION
    _, columns, rows = _table(ws)
    assert rows, "the template lists the RK lines"
    ws.cell(rows[0], columns["Realisasi Fisik (%)"], value=150)
    buf = io.BytesIO()
    wb.save(buf)
    _upload(tab, "laporan-salah.xlsx", buf.getvalue())
    assert "Berkas ditolak" in tab.text(".msg.error")
    errors = tab.page.locator("table.issues.error tbody tr")
    row_texts = [re.sub(r"\s+", " ", t) for t in errors.all_inner_texts()]
    assert any(t.startswith(f"{rows[0]} Realisasi Fisik (%) 150") for t in row_texts), row_texts
    tab.shot("unggah-kesalahan")


def _rewritten_by_xlsxwriter(ws, formula_cell: tuple[int, int]) -> bytes:
    """The template's sheet written again by a script using xlsxwriter, one cell as a formula
    (xlsxwriter stores 0 as its result and asks for recalculation on opening)."""
    import xlsxwriter

    buf = io.BytesIO()
    out = xlsxwriter.Workbook(buf, {"in_memory": True})
    sheet = out.add_worksheet("Laporan")
    for row in ws.iter_rows():
        for cell in row:
            if (cell.row, cell.column) == formula_cell:
                sheet.write_formula(cell.row - 1, cell.column - 1, "=1000*1000")
            elif cell.value is not None and not str(cell.value).startswith("="):
                sheet.write(cell.row - 1, cell.column - 1, cell.value)
    out.close()
    return buf.getvalue()


def test_a_report_written_by_a_script_names_the_uncalculated_cell_on_a_phone_too(new_tab):
    desk = new_tab()
    desk.login(DINAS)
    year, quarter = _period(desk)
    ws = load_workbook(io.BytesIO(_template(desk, year, quarter)))["Laporan"]
    _, columns, rows = _table(ws)
    data = _rewritten_by_xlsxwriter(ws, (rows[0], columns["Realisasi Keuangan (Rp)"]))
    _upload(desk, "laporan-skrip.xlsx", data)
    errors = [
        re.sub(r"\s+", " ", t)
        for t in desk.page.locator("table.issues.error tbody tr").all_inner_texts()
    ]
    assert any(
        t.startswith(f"{rows[0]} Realisasi Keuangan (Rp)")
        and "simpan dulu di Excel/LibreOffice" in t
        for t in errors
    ), errors
    desk.page.set_viewport_size({"width": 1366, "height": 900})
    desk.shot("unggah-rumus-1366", full_page=True)
    with desk.page.expect_download() as download:
        desk.page.click("text=Unduh berkas Anda dengan sel yang salah ditandai")
    marked = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert marked["Laporan"].cell(rows[0], columns["Realisasi Keuangan (Rp)"]).comment is not None
    url = desk.page.url
    phone = new_tab(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone.login(DINAS)
    phone.page.goto(url)
    phone.page.wait_for_selector("table.issues.error")
    overflow = phone.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, overflow
    message = phone.page.locator("table.issues.error td.message").first.bounding_box()
    assert message["x"] >= 0 and message["x"] + message["width"] <= 390, message
    phone.shot("unggah-rumus-ponsel", full_page=True)


def test_dinas_uploads_a_good_report_and_the_region_absorption_changes(tab):
    from allocations.models import Allocation
    from dakmonev.spreadsheet.numbers import format_percent

    tab.login(DINAS)
    year, quarter = _period(tab)
    before = tab.text('[data-kpi="penyerapan"] .value')
    wb = load_workbook(io.BytesIO(_template(tab, year, quarter)))
    ws = wb["Laporan"]
    _, columns, rows = _table(ws)
    spent = Decimal(0)
    for r in rows:
        pagu = Decimal(str(ws.cell(r, columns["Pagu (Rp)"]).value))
        amount = (pagu * 97 / 100).quantize(Decimal(1))
        spent += amount
        ws.cell(r, columns["Realisasi Keuangan (Rp)"], value=int(amount))
        ws.cell(r, columns["Realisasi Fisik (%)"], value=96)
        ws.cell(r, columns["Status Pengadaan"], value="Pelaksanaan")
    buf = io.BytesIO()
    wb.save(buf)
    _upload(tab, "laporan-benar.xlsx", buf.getvalue())
    tab.page.check("input[name=submit]")
    tab.page.click("button:has-text('Simpan laporan')")
    tab.page.wait_for_selector("text=Laporan disimpan")
    pagu = Allocation.objects.get(region__code=REGION, fiscal_year__year=year).pagu
    expected = format_percent(spent * 100 / pagu)
    tab.goto(reverse("portal:my_region"))
    after = tab.text('[data-kpi="penyerapan"] .value')
    assert after == expected and after != before
    tab.page.wait_for_selector("#quarter-chart[data-ready='1']", state="attached")
    tab.page.wait_for_selector("[data-panel=eligibility] dl")  # loaded by htmx
    assert tab.page.locator("[data-table=reports] tr.counted").count() == 1
    tab.shot("daerah")
    assert tab.console_errors == []


def test_ditjen_sees_the_new_version_on_the_verification_screen(tab):
    tab.login("ditjen")
    tab.goto(reverse("realisasi:verification_queue"))
    row = tab.page.locator("tbody tr", has_text=REGION).first
    row.locator("a:has-text('Periksa')").click()
    tab.page.wait_for_load_state("networkidle")
    assert f"Verifikasi: {REGION}" in tab.text("h1")
    tab.shot("verifikasi")


def test_inspector_records_a_finding_and_the_dashboard_counts_it(tab):
    tab.login("inspektur")
    tab.goto(reverse("portal:dashboard"))
    before = int(tab.text("[data-findings-total]"))
    tab.goto(reverse("monev:inspection_list"))
    tab.page.locator("table tbody tr a").first.click()
    tab.page.click("text=Catat temuan")
    fields = {
        "title": "Mesin pengemas belum dimanfaatkan (uji peramban)",
        "kondisi": "Mesin belum dipakai",
        "kriteria": "Juknis DAK IKM",
        "sebab": "Operator belum dilatih",
        "akibat": "Manfaat belum ada",
        "rekomendasi": "Latih operator dalam 30 hari",
    }
    for name, value in fields.items():
        tab.page.fill(f"[name={name}]", value)
    tab.page.fill("[name=due_date]", "2027-01-31")
    tab.page.click("button:has-text('Simpan')")
    tab.page.wait_for_selector("text=Temuan dicatat.")
    assert fields["title"] in tab.page.content()
    tab.goto(reverse("portal:dashboard"))
    assert int(tab.text("[data-findings-total]")) == before + 1


def test_region_page_is_usable_on_a_phone(new_tab):
    phone = new_tab(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone.login(DINAS)
    assert phone.page.locator("nav.mainnav").is_hidden()  # behind the ☰ toggle
    phone.page.click("label.nav-toggle-label")
    assert phone.page.locator("nav.mainnav").is_visible()
    phone.page.wait_for_selector("[data-eligibility]")  # the htmx panel, its long amounts included
    overflow = phone.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, (
        "the page itself must not scroll sideways (wide tables scroll in their box)"
    )
    phone.shot("daerah-ponsel", full_page=False)
    phone.goto(reverse("allocations:activity_list"))  # the RK page loads the same panel
    phone.page.wait_for_selector("[data-eligibility]")
    assert phone.page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


@pytest.mark.parametrize("javascript", [False, True])
def test_language_switch_in_the_top_bar(new_tab, javascript):
    tab = new_tab(java_script_enabled=javascript)
    tab.login("pimpinan")
    path = tab.page.url
    tab.page.click("form.langswitch button[value=en]")
    tab.page.wait_for_load_state("networkidle")
    assert tab.page.url == path and tab.page.get_attribute("html", "lang") == "en"
    assert "National dashboard" in tab.menu() and "Log out" in tab.text("header")
    tab.page.click("form.langswitch button[value=id]")
    tab.page.wait_for_load_state("networkidle")
    assert "Dasbor nasional" in tab.menu() and "Keluar" in tab.text("header")
    assert tab.console_errors == []
