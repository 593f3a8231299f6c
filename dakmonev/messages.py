"""Messages the system stores and shows later (import errors, report warnings), in the reader's
language — the one place their wording lives.

An import finds a problem today and a verifier reads it next week, maybe with the English
interface. So a stored issue keeps a `code` and its `params` next to the Indonesian `message`
(which workbooks, exports and the API keep as before): `compose()` writes all three from one
template here, and `render()` shows the template of the reader's language, or the stored text
for issues stored before codes existed (or raised by a check without one).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext, gettext_noop

__all__ = ["CATALOGUE", "compose", "render"]

# msgids are the Indonesian text; the English catalogue (locale/en) translates them.
CATALOGUE: dict[str, str] = {
    "unknown_activity": gettext_noop(
        "Kode kegiatan {code} tidak ada dalam RK {region} TA {year}. "
        "Perbaiki kodenya sesuai RK, atau hapus baris ini."
    ),
    "activity_missing": gettext_noop(
        "Kegiatan {code} ({description}) dari RK belum ada di laporan. Tambahkan satu baris "
        "untuk kegiatan ini (isi 0 bila belum ada realisasi)."
    ),
    "region_name_mismatch": gettext_noop(
        "Nama daerah tidak sesuai dengan kode wilayah {code} ({name}). Periksa kembali Kode "
        "Wilayah; laporan disimpan untuk kode tersebut."
    ),
    "financial_above_pagu": gettext_noop(
        "Realisasi keuangan melebihi pagu kegiatan {code} ({pagu}). Perbaiki angkanya: "
        "realisasi tidak boleh melebihi pagu."
    ),
    "pagu_differs": gettext_noop(
        "Pagu di berkas berbeda dengan pagu RK ({pagu}). Pagu RK yang dipakai."
    ),
    "contract_above_pagu": gettext_noop("Nilai kontrak melebihi pagu kegiatan ({pagu})."),
    "financial_above_contract": gettext_noop(
        "Realisasi keuangan melebihi nilai kontrak ({contract})."
    ),
    "financial_ahead_of_physical": gettext_noop(
        "Realisasi keuangan ({financial} dari pagu) mendahului realisasi fisik ({physical}) "
        "lebih dari 25 poin. Periksa kembali kedua angka."
    ),
    "physical_done_stage_open": gettext_noop(
        "Realisasi fisik 100 % tetapi status pengadaan belum 'Selesai (BAST)'. Periksa statusnya."
    ),
    "financial_below_previous": gettext_noop(
        "Realisasi keuangan lebih rendah dari laporan TW {quarter} ({previous}). Nilai laporan "
        "bersifat kumulatif; periksa kembali."
    ),
    "physical_below_previous": gettext_noop(
        "Realisasi fisik lebih rendah dari laporan TW {quarter} ({previous}). Nilai laporan "
        "bersifat kumulatif; periksa kembali."
    ),
}


def _plain(params: Mapping[str, Any]) -> dict[str, str]:
    return {str(k): "" if v is None else str(v) for k, v in params.items()}


def compose(message_code: str, /, **params: Any) -> dict[str, Any]:
    """`{"message": Indonesian text, "code": message_code, "params": {…}}` for a stored issue."""
    plain = _plain(params)
    return {
        "message": CATALOGUE[message_code].format(**plain),
        "code": message_code,
        "params": plain,
    }


def render(issue: Mapping[str, Any]) -> str:
    """The issue's message in the active language (its stored text when it has no known code)."""
    template = CATALOGUE.get(issue.get("code") or "")
    if template is None:
        return str(issue.get("message") or "")
    try:
        return gettext(template).format(**(issue.get("params") or {}))
    except (KeyError, IndexError, ValueError):  # a translation naming a parameter it lacks
        return str(issue.get("message") or "")
