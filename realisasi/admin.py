"""Admin of realisasi: one module per area."""

from . import admin_alerts, admin_reports  # noqa: F401
