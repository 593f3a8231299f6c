"""Printable documents (PDF) built with fpdf2: one page layout for every document the system prints.

fpdf2 is pure Python (installs from PyPI on a fresh machine, no system libraries) and embeds a
subset of the vendored DejaVu Sans TTF (fonts/, licence beside it), so Indonesian text and any
name people type (ä, é, –, “ ”) prints as typed. Text is drawn as text, never interpreted (no
markup is enabled), so what people typed cannot change the document. Figures are formatted by
`dakmonev.spreadsheet.numbers` (`Rp1.250.000`, `88,46 %`, `22 Juli 2026`) like the pages.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from django.http import HttpResponse
from django.utils import timezone
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from dakmonev.spreadsheet.numbers import format_date, format_percent, format_rupiah

__all__ = [
    "PDF_MIME",
    "Document",
    "date_text",
    "money_text",
    "pdf_response",
    "percent_text",
    "when_text",
]

# fontTools logs every glyph it keeps when fpdf2 subsets the font: not news for our logs.
logging.getLogger("fontTools").setLevel(logging.WARNING)

PDF_MIME = "application/pdf"
FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"
LETTERHEAD = (
    "KEMENTERIAN PERINDUSTRIAN REPUBLIK INDONESIA",
    "DIREKTORAT JENDERAL INDUSTRI KECIL, MENENGAH DAN ANEKA",
    "Monitoring dan Evaluasi DAK Fisik Bidang IKM",
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BRAND = (23, 63, 110)
LIGHT = (232, 238, 246)


def clean(value) -> str:
    """Text as a PDF cell may hold it: control characters dropped, None as '-'."""
    if value is None:
        return "-"
    return _CONTROL.sub("", str(value))


def money_text(value) -> str:
    return format_rupiah(value) if value is not None else "-"


def percent_text(value) -> str:
    return format_percent(value)


def date_text(value) -> str:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return format_date(value.date())
    return format_date(value)


def when_text(value: dt.datetime | None) -> str:
    """`22 Juli 2026, 13.05 WIB` for a moment in time."""
    if value is None:
        return "-"
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{format_date(local.date())}, {local:%H.%M} WIB"


class Document(FPDF):
    """An A4 document with the letterhead, a title block, and helpers for headings, key–value
    blocks, paragraphs and tables; the footer numbers the pages and says when it was printed."""

    def __init__(self, title: str, *, subtitle: str = "", orientation: str = "P"):
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.doc_title = clean(title)
        self.printed = timezone.localtime()
        self.set_title(self.doc_title)
        self.set_author("Ditjen IKMA — Monitoring DAK Fisik Bidang IKM")
        self.set_creator("dakmonev")
        self.set_margins(15, 14, 15)
        self.set_auto_page_break(True, margin=16)
        self.add_page()
        self.letterhead()
        self.set_font(FAMILY, "B", 13)
        self.multi_cell(0, 6.5, self.doc_title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if subtitle:
            self.set_font(FAMILY, "", 9.5)
            self.multi_cell(0, 5, clean(subtitle), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)

    # --------------------------------------------------------------------- page furniture
    def letterhead(self) -> None:
        self.set_text_color(*BRAND)
        for i, line in enumerate(LETTERHEAD):
            self.set_font(FAMILY, "B" if i < 2 else "", 10.5 if i == 0 else 9)
            self.cell(0, 5, line, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*BRAND)
        self.set_line_width(0.6)
        y = self.get_y() + 1.5
        self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.set_line_width(0.2)
        self.set_draw_color(0)
        self.set_text_color(0)
        self.set_y(y + 3)

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(FAMILY, "", 7.5)
        self.set_text_color(110)
        printed = f"dicetak {format_date(self.printed.date())}, {self.printed:%H.%M} WIB"
        self.cell(0, 4, f"{self.doc_title} — {printed}", align="L")
        self.cell(0, 4, f"Halaman {self.page_no()}/{{nb}}", align="R")
        self.set_text_color(0)

    # --------------------------------------------------------------------------- content
    def heading(self, text: str) -> None:
        if self.get_y() > self.h - 40:
            self.add_page()
        self.ln(1.5)
        self.set_font(FAMILY, "B", 10.5)
        self.set_text_color(*BRAND)
        self.multi_cell(0, 5.5, clean(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0)
        self.ln(0.5)

    def paragraph(self, text: str, *, size: float = 9, muted: bool = False) -> None:
        self.set_font(FAMILY, "", size)
        if muted:
            self.set_text_color(90)
        self.multi_cell(0, 4.6, clean(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0)
        self.ln(0.8)

    def key_values(self, pairs: Sequence[tuple[str, object]], *, label_width: float = 62) -> None:
        """Label on the left, value (bold) on the right, one pair a line; long values wrap."""
        for label, value in pairs:
            top = self.get_y()
            if top > self.h - 26:
                self.add_page()
                top = self.get_y()
            self.set_font(FAMILY, "", 9)
            self.multi_cell(
                label_width, 5, clean(label), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
            label_end = self.get_y()
            self.set_xy(self.l_margin + label_width, top)
            self.set_font(FAMILY, "B", 9)
            self.multi_cell(0, 5, clean(value), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_y(max(label_end, self.get_y()))
        self.ln(1)

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[object]],
        *,
        widths: Sequence[float] | None = None,
        numeric: Sequence[int] = (),
        size: float = 8,
        empty: str = "Tidak ada data.",
    ) -> None:
        """A table with a shaded header row repeated on every page; columns in `numeric` right-aligned."""
        if not rows:
            self.paragraph(empty, muted=True)
            return
        self.set_font(FAMILY, "", size)
        align = tuple("RIGHT" if i in numeric else "LEFT" for i in range(len(headers)))
        with super().table(
            col_widths=tuple(widths) if widths else None,
            text_align=align,
            line_height=size * 0.5,
            padding=(0.8, 1.2),
            headings_style=FontFace(emphasis="BOLD", fill_color=LIGHT),
            repeat_headings=1,
            width=self.epw,
        ) as t:
            head = t.row()
            for h in headers:
                head.cell(clean(h))
            for values in rows:
                row = t.row()
                for value in values:
                    row.cell(clean(value))
        self.ln(2)

    def bytes(self) -> bytes:
        return bytes(self.output())


def pdf_response(document: Document | bytes, filename: str) -> HttpResponse:
    """The PDF as a download (saved, never rendered by the site), with a safe file name."""
    from dakmonev.spreadsheet.export import attachment_response

    content = document if isinstance(document, bytes) else document.bytes()
    return attachment_response(content, filename, PDF_MIME)


def decimal_or_none(value) -> Decimal | None:
    return None if value is None else Decimal(value)
