"""Quantities: numbers with unit, comparator, what they measure and their period."""

from marsad.quantities.engine import extract

__all__ = ["extract"]
