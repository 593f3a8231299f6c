"""(filled by the absorption & alerts work)."""

__all__: list[str] = []
