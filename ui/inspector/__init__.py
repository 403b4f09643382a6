"""The Inspector dock: every field of the selected item."""
