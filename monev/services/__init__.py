"""Monev writes. Every function: keyword-only, `actor` first, atomic, raises DomainError subclasses."""

from .attachments import attachment_add
from .findings import finding_close, finding_create, finding_update
from .followups import followup_assess, followup_submit
from .inspections import inspection_create, inspection_update
from .outcomes import survey_record

__all__ = [
    "attachment_add",
    "finding_close",
    "finding_create",
    "finding_update",
    "followup_assess",
    "followup_submit",
    "inspection_create",
    "inspection_update",
    "survey_record",
]
