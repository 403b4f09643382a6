"""Shared vocabulary of the rooms: row-sync models, roles, formatting, colours. Imports no room."""
