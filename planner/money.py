"""The roadmap's one currency, and how amounts are written in it everywhere (panels, pack, slides)."""

from __future__ import annotations

DEFAULT_CURRENCY = "GBP"
# ISO 4217 codes offered, with the symbol written before an amount.
SYMBOLS = {
    "GBP": "£", "EUR": "€", "USD": "$", "CHF": "CHF ", "JPY": "¥", "CAD": "C$", "AUD": "A$", "NZD": "NZ$",
    "SEK": "SEK ", "NOK": "NOK ", "DKK": "DKK ", "PLN": "PLN ", "INR": "₹", "CNY": "CN¥", "SGD": "S$", "ZAR": "R ",
}


def symbol(currency: str) -> str:
    return SYMBOLS.get(currency, f"{currency} ")


def compact(amount: float, currency: str) -> str:
    """Three significant figures with k, m or bn: '£6.43m', '€650k', '−$21.5m'."""
    sign = "−" if amount < 0 else ""
    x = abs(amount)
    for size, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if x >= size * 0.9995:
            return f"{sign}{symbol(currency)}{x / size:.3g}{suffix}"
    return f"{sign}{symbol(currency)}{x:.0f}"


def exact(amount: float, currency: str) -> str:
    """'£1,200,000'; negative as '−£5'."""
    sign = "−" if amount < 0 else ""
    return f"{sign}{symbol(currency)}{abs(amount):,.0f}"
