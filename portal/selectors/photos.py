"""The region page's photo panel: flag counts of the region's progress photos, and the counted
report's lines whose physical progress still lacks a photo."""

from __future__ import annotations

from realisasi.selectors.photos import photo_flag_counts, report_photo_red_flags


def region_photo_panel(user, region, period, counted=None) -> dict:
    """Flag counts of the region's photos of the period's TA (scoped like everything else) and
    the photo red flags of the counted report shown on the page."""
    panel = photo_flag_counts(user, region_id=region.pk, year=period.year)
    panel["red_flags"] = list(report_photo_red_flags(counted).values()) if counted else []
    return panel
