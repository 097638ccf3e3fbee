"""Writers for the export-schema object: JSON, JSON Lines and CSV, and their checks.

* **json** — the object of spec/export-schema.md, as is.
* **jsonl** — a header line ``{"kind": "header", "schema_version": 1, "generator": …,
  "counts": {…}}``, then one line per record, each with a ``kind`` field first
  (``document``, ``entity``, ``mention``, ``timex``, ``quantity``, ``event``, ``finding``)
  followed by the record's fields exactly as in the JSON export. Records come in
  that order, so a reader meets every document and entity before what refers to it.
* **csv** — a directory with one UTF-8 table per kind (``documents.csv``,
  ``entities.csv``, ``roles.csv``, ``mentions.csv``, ``timexes.csv``, ``quantities.csv``,
  ``events.csv``, ``findings.csv``). List-valued cells are JSON arrays; null is an
  empty cell; booleans are ``true``/``false``; ``roles.csv`` has one row per role
  (``entity`` first) and ``events.csv`` spreads ``plover`` over ``plover_event_type``,
  ``plover_mode`` and ``plover_context``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

KINDS: tuple[tuple[str, str], ...] = (
    ("documents", "document"),
    ("entities", "entity"),
    ("mentions", "mention"),
    ("timexes", "timex"),
    ("quantities", "quantity"),
    ("events", "event"),
    ("findings", "finding"),
)
KIND_OF_LIST = dict(KINDS)
LIST_OF_KIND = {v: k for k, v in KINDS}

CSV_COLUMNS: dict[str, list[str]] = {
    "documents": ["id", "source", "outlet", "title", "published", "published_from", "language", "boilerplate", "text"],
    "entities": ["id", "type", "name_ar", "name_en", "aliases", "country"],
    "roles": ["entity", "role", "of", "document"],
    "mentions": ["document", "start", "end", "text", "entity", "how"],
    "timexes": ["document", "start", "end", "text", "value", "anchored"],
    "quantities": [
        "id", "document", "start", "end", "text", "value", "unit", "comparator", "measure", "period",
        "entities", "attribution", "certainty",
    ],
    "events": [
        "id", "type", "status", "source", "target", "participants", "location", "date", "date_text", "document",
        "start", "end", "text", "attribution", "certainty", "plover_event_type", "plover_mode", "plover_context",
        "cameo", "cluster",
    ],
    "findings": ["id", "kind", "topic", "items", "values", "explanation"],
}


# ------------------------------------------------------------------ schema and integrity


@cache
def load_schema() -> dict:
    return json.loads(resources.files("marsad.export").joinpath("schema.json").read_text(encoding="utf-8"))


def schema_errors(data: dict, limit: int = 20) -> list[str]:
    """Where ``data`` breaks schema.json (at most ``limit`` messages, empty when valid)."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(load_schema())
    out = []
    for err in validator.iter_errors(data):
        path = "/".join(str(p) for p in err.absolute_path)
        out.append(f"{path or '(root)'}: {err.message}")
        if len(out) >= limit:
            break
    return out


def record_schema_errors(kind: str, record: dict) -> list[str]:
    """Schema errors of one record of ``kind`` (``document``, ``entity``, … as in JSON Lines)."""
    from jsonschema import Draft202012Validator

    schema = load_schema()
    sub = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{kind}"}
    return [e.message for e in Draft202012Validator(sub).iter_errors(record)]


@cache
def _record_validator(kind: str):
    """A validator for one record kind with the $refs inlined (several times faster per record)."""
    from jsonschema import Draft202012Validator

    defs = load_schema()["$defs"]

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            if set(node) == {"$ref"}:
                return inline(defs[node["$ref"].rsplit("/", 1)[-1]])
            return {k: inline(v) for k, v in node.items()}
        if isinstance(node, list):
            return [inline(x) for x in node]
        return node

    return Draft202012Validator(inline(defs[kind]))


def validate_export(data: dict, full: bool = True, sample: int = 2000, limit: int = 20) -> list[str]:
    """Schema errors and broken cross-record rules of ``data`` (empty when it is valid).

    With ``full=False`` a list longer than ``sample`` records is checked against the
    schema on ``sample`` records spread evenly over it (validating millions of records
    with jsonschema takes minutes); the cross-record rules (:func:`check_integrity`) are
    always checked on everything.
    """
    from jsonschema import Draft202012Validator

    problems: list[str] = []
    top = {k: ([] if isinstance(v, list) else v) for k, v in data.items()}
    for err in Draft202012Validator(load_schema()).iter_errors(top):
        problems.append(f"{'/'.join(str(p) for p in err.absolute_path) or '(root)'}: {err.message}")
    for name, kind in KINDS:
        recs = data.get(name)
        if not isinstance(recs, list):
            continue
        idx: Iterable[int] = range(len(recs))
        if not full and len(recs) > sample:
            step = len(recs) / sample
            idx = sorted({int(i * step) for i in range(sample)} | {len(recs) - 1})
        v = _record_validator(kind)
        for i in idx:
            for err in v.iter_errors(recs[i]):
                path = "/".join(str(p) for p in err.absolute_path)
                problems.append(f"{name}/{i}{'/' + path if path else ''}: {err.message}")
                if len(problems) >= limit:
                    return problems
    return (problems + check_integrity(data, limit))[:limit]


def check_integrity(data: dict, limit: int = 50) -> list[str]:
    """The rules schema.json cannot express (spec/export-schema.md, "Rules that a reader may rely on").

    Unique ids; every referenced id exists; ``text[start:end] == text`` for every span;
    no mention, timex, quantity or event inside boilerplate; findings name items from
    at least two documents.
    """
    problems: list[str] = []

    def bad(msg: str) -> None:
        if len(problems) < limit:
            problems.append(msg)

    docs: dict[str, dict] = {}
    for d in data.get("documents", []):
        if d["id"] in docs:
            bad(f"document {d['id']} twice")
        docs[d["id"]] = d
        n = len(d["text"])
        for s, e in d.get("boilerplate", []):
            if not 0 <= s <= e <= n:
                bad(f"document {d['id']}: boilerplate {s}:{e} outside the text")
    ents: set[str] = set()
    for e in data.get("entities", []):
        if e["id"] in ents:
            bad(f"entity {e['id']} twice")
        ents.add(e["id"])
    for e in data.get("entities", []):
        for r in e.get("roles", []):
            if r.get("of") is not None and r["of"] not in ents:
                bad(f"entity {e['id']}: role of unknown entity {r['of']}")
            if r.get("document") not in docs:
                bad(f"entity {e['id']}: role in unknown document {r.get('document')}")

    def span(kind: str, rec: dict) -> None:
        d = docs.get(rec.get("document"))
        if d is None:
            bad(f"{kind} {rec.get('id', '')} in unknown document {rec.get('document')}")
            return
        s, e = rec["start"], rec["end"]
        if not (0 <= s <= e <= len(d["text"])) or d["text"][s:e] != rec["text"]:
            bad(f"{kind} {rec.get('id', '')} {s}:{e} {rec['text']!r} != document text")
        if any(bs < e and s < be for bs, be in d.get("boilerplate", [])):
            bad(f"{kind} {rec.get('id', '')} {s}:{e} {rec['text']!r} inside boilerplate of {d['id']}")

    def entity_refs(kind: str, rec: dict, keys: tuple[str, ...]) -> None:
        for k in keys:
            v = rec.get(k)
            for x in v if isinstance(v, list) else [v]:
                if x is None or (k == "attribution" and x == "outlet"):
                    continue
                if x not in ents:
                    bad(f"{kind} {rec.get('id', '')}: {k} refers to unknown entity {x}")

    for m in data.get("mentions", []):
        span("mention", m)
        entity_refs("mention", m, ("entity",))
    for t in data.get("timexes", []):
        span("timex", t)
    items: dict[str, str] = {}
    for q in data.get("quantities", []):
        span("quantity", q)
        entity_refs("quantity", q, ("entities", "attribution"))
        if q["id"] in items:
            bad(f"quantity {q['id']} twice")
        items[q["id"]] = q["document"]
    for ev in data.get("events", []):
        span("event", ev)
        entity_refs("event", ev, ("source", "target", "participants", "location", "attribution"))
        if ev["id"] in items:
            bad(f"event {ev['id']} twice")
        items[ev["id"]] = ev["document"]
    fids: set[str] = set()
    for f in data.get("findings", []):
        if f["id"] in fids:
            bad(f"finding {f['id']} twice")
        fids.add(f["id"])
        missing = [i for i in f.get("items", []) if i not in items]
        if missing:
            bad(f"finding {f['id']}: unknown items {missing}")
        elif len({items[i] for i in f.get("items", [])}) < 2:
            bad(f"finding {f['id']}: items from fewer than two documents")
    return problems


# ------------------------------------------------------------------ writers


def write_json(data: dict, out: TextIO, indent: int | None = 1) -> None:
    json.dump(data, out, ensure_ascii=False, indent=indent)
    out.write("\n")


def jsonl_records(data: dict) -> Iterator[dict[str, Any]]:
    yield {
        "kind": "header",
        "schema_version": data["schema_version"],
        "generator": data["generator"],
        "counts": {name: len(data.get(name, [])) for name, _ in KINDS},
    }
    for name, kind in KINDS:
        for rec in data.get(name, []):
            yield {"kind": kind, **rec}


def write_jsonl(data: dict, out: TextIO) -> None:
    for rec in jsonl_records(data):
        out.write(json.dumps(rec, ensure_ascii=False))
        out.write("\n")


def read_jsonl(lines: TextIO) -> dict:
    """The export object back from JSON Lines written by :func:`write_jsonl`."""
    data: dict[str, Any] = {}
    for line in lines:
        if not line.strip():
            continue
        rec = json.loads(line)
        kind = rec.pop("kind")
        if kind == "header":
            data = {"schema_version": rec["schema_version"], "generator": rec["generator"]}
            data.update({name: [] for name, _ in KINDS})
        else:
            data[LIST_OF_KIND[kind]].append(rec)
    return data


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list | dict):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def csv_tables(data: dict) -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in CSV_COLUMNS}
    tables["documents"] = list(data.get("documents", []))
    for e in data.get("entities", []):
        tables["entities"].append(e)
        for r in e.get("roles", []):
            tables["roles"].append({"entity": e["id"], **r})
    for name in ("mentions", "timexes", "quantities", "findings"):
        tables[name] = list(data.get(name, []))
    for ev in data.get("events", []):
        p = ev.get("plover") or {}
        row = dict(ev)
        row["plover_event_type"] = p.get("event_type")
        row["plover_mode"] = p.get("mode")
        row["plover_context"] = p.get("context") if ev.get("plover") is not None else None
        tables["events"].append(row)
    return tables


def write_csv(data: dict, out_dir: Path) -> list[Path]:
    """One CSV file per kind in ``out_dir`` (created); returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in csv_tables(data).items():
        path = out_dir / f"{name}.csv"
        cols = CSV_COLUMNS[name]
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(cols)
            for r in rows:
                w.writerow([_cell(r.get(c)) for c in cols])
        written.append(path)
    return written
