"""Labels shared by the national brief and the region summary."""

from __future__ import annotations

from dakmonev.quarters import Quarter

WEIGHTED = "Penyerapan (tertimbang nilai: Σ realisasi ÷ Σ pagu)"
UNWEIGHTED = "Rata-rata penyerapan kabupaten/kota (tidak tertimbang)"
PHYSICAL = "Realisasi fisik (tertimbang pagu kegiatan)"
PLANNED = "Rencana fisik (target RK, tertimbang pagu kegiatan)"
DEVIATION = "Deviasi fisik dari rencana (poin; negatif = tertinggal)"


def _period_label(period) -> str:
    return f"TA {period.year}, {Quarter(period.quarter).label}"
