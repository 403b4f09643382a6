"""Desktop integration: registering the app, its icon and its file type with the desktop (no Qt)."""
