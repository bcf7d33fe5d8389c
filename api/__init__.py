"""The HTTP API over the query registry."""
