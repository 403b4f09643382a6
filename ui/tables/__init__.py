"""The Tables dock: each band as a sortable, filterable, editable table."""
