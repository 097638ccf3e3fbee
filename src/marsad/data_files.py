"""Reading Marsad's data files (``marsad/data/<area>/<name>``): one place for the TSV conventions."""

from __future__ import annotations

from importlib import resources

__all__ = ["data_text", "data_rows"]


def data_text(area: str, name: str) -> str:
    """The text of ``marsad/data/<area>/<name>`` (UTF-8), from the installed package."""
    return resources.files("marsad").joinpath("data", area, name).read_text(encoding="utf-8")


def data_rows(area: str, name: str, strip: bool = False) -> list[list[str]]:
    """Tab-separated rows of a data file; blank lines and ``#`` comment lines skipped.

    ``strip`` trims the whitespace around every cell.
    """
    rows = []
    for line in data_text(area, name).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        rows.append([c.strip() for c in cells] if strip else cells)
    return rows
