"""Everything Qt: the main window, views, panels and undo commands."""
