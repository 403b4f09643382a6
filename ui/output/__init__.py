"""Pictures, printing and the board-pack dialog."""
