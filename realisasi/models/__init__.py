from .absorption import *  # noqa: F401,F403 — absorption snapshots (issue: absorption & alerts)
from .alerts import *  # noqa: F401,F403 — alerts
from .photos import ActivityPhoto, PhotoEvidence
from .reports import QuarterlyReport, ReportLine, ReportUpload

__all__ = ["ActivityPhoto", "PhotoEvidence", "QuarterlyReport", "ReportLine", "ReportUpload"]
