"""Monev models: inspections, findings, follow-ups, attachments, outcome surveys."""

from .findings import Attachment, Finding, FollowUp, attachment_path
from .inspections import Inspection
from .outcomes import OutcomeSurvey
from .photos import FieldPhoto

__all__ = [
    "Attachment",
    "FieldPhoto",
    "Finding",
    "FollowUp",
    "Inspection",
    "OutcomeSurvey",
    "attachment_path",
]
