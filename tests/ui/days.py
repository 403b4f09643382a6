"""The day every UI test lives on: documents and windows get a fixed clock, never the real date."""

from datetime import date

TODAY = date(2026, 11, 28)
