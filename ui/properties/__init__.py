"""File > Roadmap Properties: title, purpose, horizons, fiscal year and currency."""
