"""Command-line options shared by the main CLI and the stages' commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="Database file (default: $MARSAD_DB, else $XDG_DATA_HOME/marsad/marsad.db or "
        "~/.local/share/marsad/marsad.db).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table or text.")]

__all__ = ["DbOption", "JsonOption"]
