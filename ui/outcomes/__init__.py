"""The Shared Outcomes dock: metrics, their measurements and the plot."""
