"""A share as a percentage for people: whole percents, but never 100% for what is not all, nor 0% for what
is not none (239 of 240 classes logged read "100%"): those get one decimal, or >99.9% / <0.1%."""

from __future__ import annotations


def percent(share: float | None) -> str:
    """0.4 → "40%", 239/240 → "99.6%", 1/2000 → "<0.1%", 1 → "100%"; None (nothing to divide) → "—"."""
    if share is None:
        return "—"
    share = round(share, 9)  # a sum of floats that is all, or none, reads as all or none
    text = f"{share * 100:.0f}"
    if (text == "100" and share < 1) or (text == "0" and share > 0):
        text = f"{share * 100:.1f}"
        if text == "100.0":
            return ">99.9%"
        if text == "0.0":
            return "<0.1%"
    return f"{text}%"
