"""JSON Lines and JSON files: one article per object.

Each object needs ``text`` (a non-blank string) and may have ``title``, ``published``
(ISO date), ``outlet``, ``author``, ``url`` and ``language``; other keys are ignored
(corpora carry their own ids and fields). A record's ``published`` gives
``published_from="metadata"``. Sources: ``path#L<line>`` (1-based) for JSON Lines,
``path#<index>`` (0-based) for an item of a JSON list, ``path`` for a single object.

JSON Lines files are streamed line by line, so their size is not limited; ``max_bytes``
limits each line. A ``.json`` file is parsed whole and ``max_bytes`` limits the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from marsad.model import RawDocument
from marsad.readers.decode import clean_text, is_blank
from marsad.readers.errors import InputError, ReadError

__all__ = ["record_to_document", "iter_jsonl", "read_json"]

_CHUNK = 1 << 20


def record_to_document(obj: Any, source: str, defaults: dict[str, str | None] | None = None) -> RawDocument:
    """A RawDocument from one JSON object; ``defaults`` (a sidecar) fill what the record leaves empty."""
    from marsad.readers.metadata import clean_fields

    if not isinstance(obj, dict):
        raise InputError(f"expected a JSON object with a 'text' field, found {type(obj).__name__}")
    if "text" not in obj:
        keys = ", ".join(map(repr, list(obj)[:8])) or "none"
        raise InputError(f"JSON object without a 'text' field (its keys: {keys})")
    text = obj["text"]
    if not isinstance(text, str):
        raise InputError(f"'text' must be a string, not {type(text).__name__}")
    text = clean_text(text)
    if is_blank(text):
        raise InputError("'text' is empty")
    fields = clean_fields(obj)
    merged = {k: v for k, v in (defaults or {}).items() if v is not None}
    merged.update({k: v for k, v in fields.items() if v is not None})
    published = merged.get("published")
    return RawDocument(
        text=text,
        source=source,
        title=merged.get("title"),
        published=published,
        published_from="metadata" if published else None,
        outlet=merged.get("outlet"),
        author=merged.get("author"),
        url=merged.get("url"),
        language=merged.get("language") or "ar",
    )


def _skip_rest_of_line(f) -> None:
    while True:
        chunk = f.readline(_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def iter_jsonl(
    path: str, max_bytes: int, defaults: dict[str, str | None] | None = None
) -> Iterator[RawDocument | ReadError]:
    """Documents of a JSON Lines file, one per non-blank line; a bad line is a ReadError with its number."""
    records = 0
    with open(path, "rb") as f:
        head = f.read(8192)
        if not head:
            raise InputError("empty file (0 bytes)")
        if b"\x00" in head:
            raise InputError("binary file, not JSON Lines (contains NUL bytes)")
        f.seek(0)
        lineno = 0
        while True:
            raw = f.readline(max_bytes + 1)
            if not raw:
                break
            lineno += 1
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                _skip_rest_of_line(f)
                records += 1
                yield ReadError(path, lineno, f"line is over the limit of {max_bytes:,} bytes (max_bytes); not read")
                continue
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            records += 1
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                yield ReadError(
                    path, lineno, f"not valid UTF-8 (byte 0x{raw[e.start]:02X} at offset {e.start} of the line)"
                )
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                yield ReadError(path, lineno, f"malformed JSON: {e.msg} (column {e.colno})")
                continue
            try:
                yield record_to_document(obj, f"{path}#L{lineno}", defaults)
            except InputError as e:
                yield ReadError(path, lineno, e.reason)
    if records == 0:
        raise InputError("no records: the file holds only blank lines")


def read_json(data: bytes, path: str, defaults: dict[str, str | None] | None = None) -> Iterator[RawDocument | ReadError]:
    """Documents of a JSON file holding one object or a list of objects."""
    if not data.strip():
        raise InputError("empty file" if not data else "only whitespace, no JSON")
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as e:
        raise InputError(f"not valid UTF-8 (byte 0x{data[e.start]:02X} at offset {e.start}); JSON must be UTF-8") from None
    except json.JSONDecodeError as e:
        raise InputError(f"malformed JSON: {e.msg} (line {e.lineno}, column {e.colno})") from None
    if isinstance(obj, dict):
        yield record_to_document(obj, path, defaults)
        return
    if not isinstance(obj, list):
        raise InputError(f"expected a JSON object or a list of objects, found {type(obj).__name__}")
    if not obj:
        raise InputError("empty JSON list: no records")
    for i, item in enumerate(obj):
        source = f"{path}#{i}"
        try:
            yield record_to_document(item, source, defaults)
        except InputError as e:
            yield ReadError(source, None, e.reason)
