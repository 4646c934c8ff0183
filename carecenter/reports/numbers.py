"""Figures as the reports write them, on paper and on the 月度报表 page alike."""

from __future__ import annotations


def money(fen: int) -> str:
    """Fen as 元 with two decimals and thousands separated: 123456 → "1,234.56", -5 → "-0.05"."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole:,}.{cents:02d}"


def hours(minutes: int | None) -> str:
    """Minutes as hours with one decimal; "—" for a service that has no hours (助餐)."""
    return "—" if minutes is None else f"{minutes / 60:,.1f}"


def percent(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}%" if whole else "—"
