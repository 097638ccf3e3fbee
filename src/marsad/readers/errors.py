"""What a reader reports when an input cannot be read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ReadError:
    """One input (a file, a JSON Lines line, a JSON list item) that was not read, and why.

    ``source`` names the input as the user gave it (``path``, or ``path#<index>`` for an
    item of a JSON list); ``line`` is the 1-based line of a JSON Lines file, else None.
    """

    source: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.reason}"


class InputError(Exception):
    """Raised inside the readers; turned into a :class:`ReadError` by :func:`read_paths`."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
