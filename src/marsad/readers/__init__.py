"""Readers: files and directories to :class:`~marsad.model.RawDocument` records.

    from marsad.readers import read_paths, ReadError
    for item in read_paths(paths, include=None, max_bytes=20_000_000):
        ...  # a RawDocument, or a ReadError(source, line, reason) for an input not read

Nothing stops the stream: an input that cannot be read is reported as a
:class:`ReadError` and the others are still read.

Formats, chosen by the file's extension (case-insensitive):

* ``.jsonl`` — JSON Lines, one article object per line (see :mod:`marsad.readers.records`);
* ``.json`` — one article object, or a list of them;
* ``.html`` / ``.htm`` — a web page, read with trafilatura (``published_from="html"``,
  the site name as outlet; see :mod:`marsad.readers.html`);
* anything else — plain text, unless its first bytes open an HTML document, which is
  then read as a web page. Encodings: UTF-8 (with or without BOM), UTF-16 with BOM, and
  Windows-1256 when the result is plausibly Arabic; otherwise a ReadError (see
  :mod:`marsad.readers.decode`). The stored text has CRLF/CR turned into LF and no BOM;
  every offset refers to it. Plain text carries no metadata: the article parser looks
  for title, dateline and byline in the text itself.

Paths: files named explicitly are read whatever their extension. Directories are read
recursively, depth first, entries in code-point order of their names, keeping files
whose name matches one of the ``include`` glob patterns (case-insensitive; a pattern
with ``/`` is matched against the path relative to the directory), by default
:data:`DEFAULT_INCLUDE`. Hidden entries (names starting with ``.``) are skipped, and
``*.meta.json`` files are never read as articles. Symbolic links are followed (a
directory loop is reported, not followed twice). Entries that cannot be read (broken
links, FIFOs, sockets, permission denied) are reported and the rest is read.

Sidecar metadata: ``NAME.meta.json`` next to a file named ``NAME`` (e.g.
``article.txt.meta.json``) gives title/published/outlet/author/url/language the user
knows, which win over anything found in the file (see :mod:`marsad.readers.metadata`).
For JSON and JSON Lines files a sidecar fills the fields a record leaves empty. A
sidecar that is invalid is reported and its article is not read (rather than stored
without the metadata the user meant to give it).

Sources are the paths as the user gave them (relative stays relative), joined with
the path inside a directory, plus ``#L<line>`` or ``#<index>`` for JSON records.

Size: ``max_bytes`` limits each file (checked with ``stat`` before anything is read, and
never more than ``max_bytes + 1`` bytes are read); JSON Lines files are streamed and
the limit applies to each line.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from fnmatch import fnmatchcase
from pathlib import Path

from marsad.model import RawDocument
from marsad.readers.decode import clean_text, decode_bytes, is_blank
from marsad.readers.errors import InputError, ReadError
from marsad.readers.html import extract_html, looks_like_html
from marsad.readers.metadata import SIDECAR_SUFFIX, is_sidecar, read_sidecar, sidecar_path, validate_published
from marsad.readers.records import iter_jsonl, read_json, record_to_document

__all__ = [
    "DEFAULT_INCLUDE",
    "DEFAULT_MAX_BYTES",
    "RawDocument",
    "ReadError",
    "SIDECAR_SUFFIX",
    "read_file",
    "read_paths",
    "record_to_document",
    "validate_published",
]

DEFAULT_INCLUDE: tuple[str, ...] = ("*.txt", "*.html", "*.htm", "*.json", "*.jsonl")
DEFAULT_MAX_BYTES = 20_000_000

_HTML_SUFFIXES = (".html", ".htm")


def read_paths(
    paths: Iterable[Path | str], include: list[str] | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument | ReadError]:
    """RawDocuments from files and directories; a ReadError for each input that cannot be read."""
    patterns = tuple(p.lower() for p in (include if include else DEFAULT_INCLUDE))
    for given in paths:
        name = os.fspath(given)
        if os.path.isdir(name):
            yield from _read_directory(name, patterns, max_bytes)
        else:
            yield from read_file(name, max_bytes)


def read_file(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument | ReadError]:
    """The documents of one file (several for JSON/JSONL), or ReadErrors; never raises for bad input."""
    source = os.fspath(path)
    try:
        yield from _read_file(source, max_bytes)
    except InputError as e:
        yield ReadError(source, None, e.reason)
    except OSError as e:
        yield ReadError(source, None, _os_reason(source, e))


def _read_file(source: str, max_bytes: int) -> Iterator[RawDocument | ReadError]:
    name = os.path.basename(source)
    lower = name.lower()
    if is_sidecar(lower):
        article = source[: -len(SIDECAR_SUFFIX)]
        raise InputError(f"a metadata sidecar (for {os.path.basename(article)}), not an article; name the article")
    st = _stat_regular(source)
    sidecar = _sidecar(source)
    if lower.endswith(".jsonl"):
        yield from iter_jsonl(source, max_bytes, sidecar)
        return
    data = _read_limited(source, st.st_size, max_bytes)
    if lower.endswith(".json"):
        yield from read_json(data, source, sidecar)
        return
    if not data:
        raise InputError("empty file (0 bytes)")
    html = lower.endswith(_HTML_SUFFIXES) or looks_like_html(data)
    text = clean_text(decode_bytes(data, html=html))
    if is_blank(text):
        raise InputError("only whitespace, no text")
    if html:
        fields = extract_html(text)
        published = fields["published"]
        doc = RawDocument(
            text=fields["text"],
            source=source,
            title=fields["title"],
            published=published,
            published_from="html" if published else None,
            outlet=fields["outlet"],
            author=fields["author"],
            url=fields["url"],
        )
    else:
        doc = RawDocument(text=text, source=source)
    if sidecar:
        _apply_sidecar(doc, sidecar)
    yield doc


def _apply_sidecar(doc: RawDocument, meta: dict[str, str | None]) -> None:
    for key, value in meta.items():
        if value is None:
            continue
        setattr(doc, key, value)
        if key == "published":
            doc.published_from = "metadata"


def _sidecar(source: str) -> dict[str, str | None] | None:
    side = sidecar_path(Path(source))
    if not (side.exists() or side.is_symlink()):
        return None
    return read_sidecar(side)


def _stat_regular(source: str) -> os.stat_result:
    st = os.stat(source)
    mode = st.st_mode
    if stat.S_ISREG(mode):
        return st
    if stat.S_ISDIR(mode):
        kind = "a directory"
    elif stat.S_ISFIFO(mode):
        kind = "a named pipe, FIFO"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "a device"
    else:
        kind = "a special file"
    raise InputError(f"not a regular file ({kind})")


def _too_large(size: int, max_bytes: int) -> InputError:
    return InputError(f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes (max_bytes); not read")


def _read_limited(source: str, size: int, max_bytes: int) -> bytes:
    if size > max_bytes:
        raise _too_large(size, max_bytes)
    with open(source, "rb") as f:
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:  # the file grew since stat
        raise _too_large(len(data), max_bytes)
    return data


def _os_reason(source: str, e: OSError) -> str:
    if isinstance(e, FileNotFoundError):
        if os.path.islink(source):
            return f"broken symbolic link (its target {os.readlink(source)!r} does not exist)"
        return "no such file or directory"
    if isinstance(e, PermissionError):
        return "cannot read: permission denied"
    if isinstance(e, IsADirectoryError):
        return "is a directory"
    return f"cannot read: {e.strerror or e}"


def _matches(name: str, rel: str, patterns: tuple[str, ...]) -> bool:
    name, rel = name.lower(), rel.lower()
    return any(fnmatchcase(rel if "/" in p else name, p) for p in patterns)


def _read_directory(root: str, patterns: tuple[str, ...], max_bytes: int) -> Iterator[RawDocument | ReadError]:
    seen: set[tuple[int, int]] = set()

    def walk(directory: str, rel: str) -> Iterator[RawDocument | ReadError]:
        try:
            st = os.stat(directory)
            key = (st.st_dev, st.st_ino)
            if key in seen:
                yield ReadError(directory, None, "directory loop (a symbolic link back to a directory being read)")
                return
            seen.add(key)
            with os.scandir(directory) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:
            reason = _os_reason(directory, e)
            yield ReadError(directory, None, reason.replace("cannot read", "cannot list the directory"))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = os.path.join(directory, entry.name)
            sub = f"{rel}/{entry.name}" if rel else entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                yield from walk(path, sub)
            elif not is_sidecar(entry.name) and _matches(entry.name, sub, patterns):
                yield from read_file(path, max_bytes)

    yield from walk(root, "")
