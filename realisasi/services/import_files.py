"""What an upload keeps besides its original: a bounded list of issues and, when it was
rejected with errors in cells, the highlighted copy of the workbook (built once, here)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from dakmonev.spreadsheet.issues import CellIssue, SpreadsheetRejected

from ..exporters.error_workbook import annotate_workbook
from ..importers.report_types import ParseResult
from ..models import ReportUpload

logger = logging.getLogger(__name__)


def capped(issues: list[CellIssue]) -> list[CellIssue]:
    """At most DAK_IMPORT_MAX_ISSUES issues, and then one line saying how many more there are."""
    limit = settings.DAK_IMPORT_MAX_ISSUES
    if len(issues) <= limit:
        return issues
    rest = len(issues) - limit
    kind = "kesalahan" if issues[0].is_error else "peringatan"
    more = CellIssue(
        row=None,
        column="",
        value="",
        severity=issues[0].severity,
        message=(
            f"Masih ada {rest:,} {kind} lain yang tidak ditampilkan. ".replace(",", ".")
            + f"Perbaiki {kind} di atas (biasanya berulang pada kolom yang sama), lalu unggah lagi."
        ),
    )
    return [*issues[:limit], more]


def keep_annotated_workbook(
    upload: ReportUpload, data: bytes, parsed: ParseResult | None = None
) -> None:
    """Build and keep the highlighted copy of a rejected upload with errors in cells; a copy
    that cannot be built is logged and left out (the errors are on the status page anyway).
    `parsed` (what the import read) spares reading a large file a second time."""
    if not upload.has_cell_errors or upload.annotated:
        return
    read = parsed if parsed is not None and parsed.report is not None else None
    try:
        content = annotate_workbook(
            data,
            upload.errors,
            upload.warnings,
            rows=read.rows if read else None,
            sheet_title=read.report.sheet_name if read else None,
        )
    except SpreadsheetRejected:
        return
    except Exception:
        logger.exception("Highlighted copy of upload %s could not be built", upload.pk)
        return
    upload.annotated.save("kesalahan.xlsx", ContentFile(content), save=False)
    with transaction.atomic():
        ReportUpload.objects.filter(pk=upload.pk).update(annotated=upload.annotated.name)


def annotated_workbook_of(*, upload: ReportUpload):
    """The kept highlighted copy of a rejected upload (FieldFile), or None. An upload rejected
    before copies were kept gets its copy built now, once: concurrent requests wait for it."""
    if upload.annotated:
        return upload.annotated
    with transaction.atomic():
        locked = ReportUpload.objects.select_for_update().get(pk=upload.pk)
        if not locked.annotated:
            with locked.original.open("rb") as fh:
                keep_annotated_workbook(locked, fh.read())
    upload.refresh_from_db(fields=["annotated"])
    return upload.annotated or None
