"""Help > About and Help > Copy Diagnostics: what this app is, which versions, where its files live."""
