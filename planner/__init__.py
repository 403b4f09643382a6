"""Roadmap Planner's domain: model, rules, edits and the SQLite store (no Qt)."""

__version__ = "0.1.0"
