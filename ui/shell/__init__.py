"""The main window: its actions, menus, status bar and the lazily made dock panels."""
