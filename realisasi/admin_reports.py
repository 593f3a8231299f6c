"""Admin for reports and uploads (reports issue)."""
