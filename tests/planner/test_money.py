"""Amounts in the roadmap's currency: compact for panels and charts, exact for tooltips, a format for Excel."""

import pytest

from planner import money


def test_compact_amounts_read_as_a_board_pack_would_print_them():
    assert [money.compact(x, "GBP") for x in (6_430_000, 650_000, 21_500_000, 1_200_000_000, 950, 999_999, -5_000)] == [
        "£6.43m", "£650k", "£21.5m", "£1.2bn", "£950", "£1m", "−£5k",
    ]


@pytest.mark.parametrize("currency, text", [("EUR", "€1,200,000"), ("USD", "$1,200,000"), ("CHF", "CHF 1,200,000")])
def test_exact_amounts_carry_the_symbol(currency, text):
    assert money.exact(1_200_000, currency) == text
