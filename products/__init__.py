"""Products domain (being built)."""
