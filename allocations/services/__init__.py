"""Writes of the allocations app. Import from the submodules (reference, ...)."""
