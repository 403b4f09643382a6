"""The Investment Mix dock: budget by business goal and by tech lane."""
