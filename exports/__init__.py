"""Exporters from the domain model to files (no Qt, except picture modules)."""
