"""Inspections, findings, follow-ups and outcome surveys (built in the monev issue)."""
