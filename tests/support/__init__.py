"""Shared builders for tests: documents made on the fly by real tools."""
