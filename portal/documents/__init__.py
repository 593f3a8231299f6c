"""The printable brief of the national dashboard (PDF and the same as xlsx) and a region's summary.

Every figure comes from the page's own selectors (`national_dashboard`, `region_page`, the
eligibility selector), so the paper says what the screen says; this package only lays it out.
"""

from .national_brief import headline, national_brief_pdf, national_brief_sheets, points_text
from .region_summary import region_summary_pdf

__all__ = [
    "headline",
    "national_brief_pdf",
    "national_brief_sheets",
    "points_text",
    "region_summary_pdf",
]
