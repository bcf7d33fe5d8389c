"""The graph model, the stores and the analysis."""
