"""Monev pages (thin: parse, call one service or selector, respond)."""
