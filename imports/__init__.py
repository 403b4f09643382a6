"""Readers of other tools' plan files: a file becomes an `ImportedPlan`, then one edit. No Qt."""
