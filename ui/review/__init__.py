"""Quarterly reviews: the review dialog and the Review Drift dock."""
