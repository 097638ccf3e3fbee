"""Quantities: numbers with unit, comparator, what they measure and their period."""

from marsad.model import DocContext, Mention, Quantity, Timex


def extract(ctx: DocContext, timexes: list[Timex], mentions: list[Mention]) -> list[Quantity]:
    return []


__all__ = ["extract"]
