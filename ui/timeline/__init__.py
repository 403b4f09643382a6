"""The dual timeline: bands, axes, links and legend (pyqtgraph)."""
