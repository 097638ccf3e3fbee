"""Reading a JSON Lines benchmark corpus (one article per line with a ``text`` field)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from marsad.model import DocContext


def iter_records(path: Path, limit: int) -> Iterator[dict]:
    """The first ``limit`` records of the corpus."""
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f):
            if n >= limit:
                return
            yield json.loads(line)


def load_contexts(path: Path, limit: int, with_published: bool = False) -> list[DocContext]:
    """DocContexts of the first ``limit`` articles; with ``with_published``, anchored on the
    record's ``date_extracted`` (SaudiNewsNet's crawl date, close to the publication date)."""
    ctxs = []
    for rec in iter_records(path, limit):
        pub = (rec.get("date_extracted") or "")[:10] or None if with_published else None
        ctxs.append(DocContext.build(rec.get("text") or "", published=pub))
    return ctxs
