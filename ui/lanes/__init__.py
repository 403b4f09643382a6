"""The Lanes dialog: add, rename, recolour, reorder and delete lanes."""
