"""The History dock: the undo steps."""
