"""Presenting: the board slides full screen over the open roadmap (View > Present)."""
