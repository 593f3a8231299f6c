"""Admin for snapshots, alerts and notifications (absorption & alerts issue)."""
