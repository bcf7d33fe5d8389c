"""orggraph: planning documents in, a graph of the organisation out."""

__version__ = "0.1.0"
