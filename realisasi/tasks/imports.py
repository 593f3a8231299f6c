"""Tasks (filled by their issue)."""
