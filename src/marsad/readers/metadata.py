"""Metadata the user supplies: JSON records and ``NAME.meta.json`` sidecar files.

Sidecar rule: the metadata of ``dir/article.txt`` is in ``dir/article.txt.meta.json`` —
the article's full file name (extension included) followed by ``.meta.json``, so that
``article.txt`` and ``article.html`` side by side each have their own. A sidecar is a JSON
object with any of ``title``, ``published``, ``outlet``, ``author``, ``url``, ``language``;
other keys are refused (a misspelt key must not be lost silently). What it says wins over
anything found in the article itself; a sidecar ``published`` gives
``published_from="metadata"``. Sidecars are never read as articles.

``published`` must be an ISO 8601 date, ``YYYY-MM-DD``, optionally followed by a time
(``T`` or a space, then ``hh:mm[:ss[.fff]]`` and an optional zone): the date part is kept
as written (no time-zone conversion). Anything else is refused with the reason.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from pathlib import Path
from typing import Any

from marsad.readers.errors import InputError
from marsad.text import normalize_text

__all__ = ["SIDECAR_SUFFIX", "META_FIELDS", "sidecar_path", "is_sidecar", "read_sidecar", "validate_published"]

SIDECAR_SUFFIX = ".meta.json"
META_FIELDS: tuple[str, ...] = ("title", "published", "outlet", "author", "url", "language")

_ISO_RE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?"
)


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def is_sidecar(name: str) -> bool:
    return name.lower().endswith(SIDECAR_SUFFIX)


def validate_published(value: Any) -> str | None:
    """The ISO date (``YYYY-MM-DD``) in ``value``; None for null/empty; InputError otherwise."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"'published' must be an ISO date string such as \"2025-08-13\", not {value!r}")
    written = value.strip()
    if not written:
        return None
    m = _ISO_RE.fullmatch(normalize_text(written))
    if m is None:
        raise InputError(
            f"'published' is {value!r}, which is not an ISO date (expected YYYY-MM-DD, "
            f"optionally with a time, e.g. \"2025-08-13\" or \"2025-08-13T10:30:00+03:00\")"
        )
    year, month, day = (int(g) for g in m.groups())
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError as e:
        raise InputError(f"'published' is {value!r}, which is not a real date ({e})") from None


def clean_fields(obj: dict[str, Any], fields: tuple[str, ...] = META_FIELDS) -> dict[str, str | None]:
    """Validated metadata fields of a JSON object: strings (blank → None), ``published`` as ISO date."""
    out: dict[str, str | None] = {}
    for key in fields:
        if key not in obj:
            continue
        value = obj[key]
        if key == "published":
            out[key] = validate_published(value)
            continue
        if value is None:
            out[key] = None
            continue
        if not isinstance(value, str):
            raise InputError(f"'{key}' must be a string, not {type(value).__name__} ({value!r:.60})")
        out[key] = value.strip() or None
    return out


def read_sidecar(path: Path) -> dict[str, str | None]:
    """Validated metadata of the sidecar at ``path`` (which exists); InputError when it is invalid."""
    try:
        size = path.stat().st_size
        if size > 1_000_000:
            raise InputError(f"metadata file {path.name} is {size:,} bytes, too large for metadata")
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read its metadata file {path.name}: {e.strerror or e}") from None
    try:
        obj = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(f"its metadata file {path.name} is not UTF-8") from None
    except json.JSONDecodeError as e:
        raise InputError(
            f"its metadata file {path.name} is not valid JSON ({e.msg} at line {e.lineno} column {e.colno})"
        ) from None
    if not isinstance(obj, dict):
        raise InputError(f"its metadata file {path.name} must hold a JSON object, not {type(obj).__name__}")
    unknown = sorted(set(obj) - set(META_FIELDS))
    if unknown:
        raise InputError(
            f"its metadata file {path.name} has unknown field(s) {', '.join(map(repr, unknown))} "
            f"(allowed: {', '.join(META_FIELDS)})"
        )
    try:
        return clean_fields(obj)
    except InputError as e:
        raise InputError(f"its metadata file {path.name}: {e.reason}") from None
