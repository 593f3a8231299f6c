from .reports import QuarterlyReport, ReportLine, ReportUpload

__all__ = ["QuarterlyReport", "ReportLine", "ReportUpload"]
