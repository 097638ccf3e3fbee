"""Marsad (مرصد): an Arabic-first news intelligence engine."""

__version__ = "0.3.0"
