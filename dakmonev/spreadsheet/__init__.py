"""Spreadsheet plumbing shared by every import and export: safe opening, Indonesian numbers,
cell issues, one-header-row tables, and formula-safe exports. Pure: no database."""
