"""The Alignment Findings dock: the score, its parts and the findings tree."""
