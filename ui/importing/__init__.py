"""File > Import…: the dialog over imports/ (reading and mapping stay Qt-free)."""
