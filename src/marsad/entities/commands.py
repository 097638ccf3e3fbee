"""Commands of the entity stage: ``marsad entities``, ``marsad entity NAME``, ``marsad eval entities``.

``entities`` and ``entity`` read ``marsad.kb.open_kb(db).export_data()`` (the export-schema
object, spec/export-schema.md); the pure functions :func:`entity_rows`, :func:`find_entities`
and :func:`entity_report` work on such a dict, so they can be tested without a database.
``eval entities`` scores the entity stage on the hand-annotated seed fixture.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from marsad.cli_options import DbOption, JsonOption

__all__ = ["register", "entity_rows", "find_entities", "entity_report", "score_fixture"]

console = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)

DEFAULT_FIXTURE = Path("tests/fixtures/entities/seed_entities.json")


# ---------------------------------------------------------------------------------------
# Pure functions over an export dict


def _role_text(r: dict) -> str:
    s = r.get("role") or "?"
    if r.get("of"):
        s += " of " + str(r["of"]).split(":", 1)[-1]
    if r.get("current") is False:
        s += " (past)"
    return s


def entity_rows(data: dict, type_: str | None = None) -> list[dict[str, Any]]:
    """One row per entity: id, type, names, aliases, roles, mention and document counts."""
    n_mentions: Counter[str] = Counter()
    docs: dict[str, set[str]] = defaultdict(set)
    for m in data.get("mentions", []):
        n_mentions[m["entity"]] += 1
        docs[m["entity"]].add(m["document"])
    rows = []
    for e in data.get("entities", []):
        if type_ and e.get("type") != type_.upper():
            continue
        roles = []
        for r in e.get("roles") or []:
            t = _role_text(r)
            if t not in roles:
                roles.append(t)
        rows.append(
            {
                "id": e["id"],
                "type": e.get("type"),
                "name_ar": e.get("name_ar"),
                "name_en": e.get("name_en"),
                "aliases": list(e.get("aliases") or []),
                "roles": roles,
                "mentions": n_mentions[e["id"]],
                "documents": len(docs[e["id"]]),
            }
        )
    rows.sort(key=lambda r: (-r["mentions"], r["id"]))
    return rows


def find_entities(data: dict, name: str) -> list[dict]:
    """Entities whose id, Arabic or English name or an alias is ``name`` (folded, case-insensitive);
    else those where it is part of one of them."""
    from marsad.text.normalize import fold

    q = fold(name).lower()
    exact, partial = [], []
    for e in data.get("entities", []):
        keys = {e["id"].lower(), e["id"].split(":", 1)[-1].lower()}
        for s in [e.get("name_ar"), e.get("name_en"), *(e.get("aliases") or [])]:
            if s:
                keys.add(fold(s).lower())
        if q in keys:
            exact.append(e)
        elif any(q and q in k for k in keys):
            partial.append(e)
    return exact or partial


def entity_report(data: dict, entity_id: str, max_sentences: int = 50) -> dict[str, Any]:
    """Aliases, roles (with their documents), documents and the sentences that mention the entity."""
    from marsad.text.tokenize import sentences

    ent = next((e for e in data.get("entities", []) if e["id"] == entity_id), None)
    if ent is None:
        raise KeyError(entity_id)
    docs = {d["id"]: d for d in data.get("documents", [])}
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for m in data.get("mentions", []):
        if m["entity"] == entity_id:
            by_doc[m["document"]].append(m)
    out_docs, out_sents = [], []
    for did, ms in by_doc.items():
        d = docs.get(did, {})
        out_docs.append({"id": did, "title": d.get("title"), "source": d.get("source"), "mentions": len(ms)})
        text = d.get("text") or ""
        sents = sentences(text) if text else []
        seen = set()
        for m in sorted(ms, key=lambda m: m["start"]):
            s = next((s for s in sents if s.start <= m["start"] < s.end), None)
            if s is None or (did, s.start) in seen:
                continue
            seen.add((did, s.start))
            if len(out_sents) < max_sentences:
                out_sents.append(
                    {"document": did, "start": s.start, "end": s.end, "text": s.text, "mention": m["text"]}
                )
    return {
        "id": ent["id"],
        "type": ent.get("type"),
        "name_ar": ent.get("name_ar"),
        "name_en": ent.get("name_en"),
        "country": ent.get("country"),
        "aliases": list(ent.get("aliases") or []),
        "roles": list(ent.get("roles") or []),
        "documents": out_docs,
        "sentences": out_sents,
    }


def score_fixture(fixture: Path) -> dict[str, Any]:
    """Precision/recall/F1 (exact span + type) of the entity stage on an annotated fixture."""
    from marsad.entities import extract
    from marsad.model import DocContext, RawDocument

    data = json.loads(fixture.read_text(encoding="utf-8"))
    base = fixture.parent / "seeds"
    per: dict[str, Counter] = defaultdict(Counter)
    for d in data["documents"]:
        text = (base / d["file"]).read_text(encoding="utf-8")
        bp = {tuple(s) for s in d.get("boilerplate", [])}
        try:
            from marsad.article import parse

            bp |= {tuple(s) for s in parse(RawDocument(text, d["file"])).boilerplate}
        except Exception:  # noqa: BLE001 - the article stage may be missing
            pass
        ctx = DocContext.build(text, boilerplate=sorted(bp))
        gold = {(m["start"], m["end"], m["type"]) for m in d["mentions"] if not ctx.in_boilerplate(m["start"], m["end"])}
        got = {(m.start, m.end, m.type) for m in extract(ctx)[0]}
        for t in {x[2] for x in gold | got} | {"ALL"}:
            g = {x for x in gold if t in ("ALL", x[2])}
            s = {x for x in got if t in ("ALL", x[2])}
            per[t]["tp"] += len(g & s)
            per[t]["gold"] += len(g)
            per[t]["system"] += len(s)
    out = {}
    for t, c in sorted(per.items()):
        p = c["tp"] / c["system"] if c["system"] else 0.0
        r = c["tp"] / c["gold"] if c["gold"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[t] = {"precision": p, "recall": r, "f1": f, **c}
    return out


# ---------------------------------------------------------------------------------------
# Commands


def _export(db: Path | None) -> dict:
    from marsad.kb import open_kb, resolve_db_path

    try:
        kb = open_kb(db)
    except Exception as exc:
        err.print(f"[red]error:[/] cannot open the database {escape(str(resolve_db_path(db)))}: {escape(str(exc))}")
        raise typer.Exit(2) from exc
    try:
        return kb.export_data()
    finally:
        kb.close()


def register(app: typer.Typer, eval_app: typer.Typer, train_app: typer.Typer) -> None:  # noqa: ARG001
    @app.command("entities")
    def entities_cmd(
        db: DbOption = None,
        type_: Annotated[
            str | None, typer.Option("--type", help="Only this type (PERSON, COUNTRY, ORG, LOCATION…).")
        ] = None,
        limit: Annotated[int, typer.Option("--limit", help="At most this many rows (0: all).")] = 50,
        as_json: JsonOption = False,
    ) -> None:
        """Table of the knowledge base's entities: names, aliases, roles, mention counts."""
        rows = entity_rows(_export(db), type_)
        if limit:
            rows = rows[:limit]
        if as_json:
            console.print_json(json.dumps(rows, ensure_ascii=False))
            return
        if not rows:
            console.print("No entities (ingest some documents first: marsad ingest PATH).")
            return
        table = Table(title=f"Entities ({len(rows)} shown)")
        for col in ("id", "type", "name", "aliases", "roles", "mentions", "docs"):
            table.add_column(col, overflow="fold")
        for r in rows:
            name = r["name_ar"] or ""
            if r["name_en"]:
                name += f" ({r['name_en']})"
            aliases = "، ".join(r["aliases"][:6]) + (" …" if len(r["aliases"]) > 6 else "")
            table.add_row(
                escape(r["id"]),
                r["type"] or "",
                escape(name),
                escape(aliases),
                escape("; ".join(r["roles"][:3])),
                str(r["mentions"]),
                str(r["documents"]),
            )
        console.print(table)

    @app.command("entity")
    def entity_cmd(
        name: Annotated[str, typer.Argument(help="An entity id, or an Arabic or English name or alias.")],
        db: DbOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """One entity: aliases, roles, the documents and sentences that mention it."""
        data = _export(db)
        found = find_entities(data, name)
        if not found:
            err.print(f"[red]error:[/] no entity named {escape(name)!r}")
            raise typer.Exit(1)
        if len(found) > 1:
            err.print(f"{len(found)} entities match {escape(name)!r}; give one of these ids:")
            for e in found[:30]:
                err.print(f"  {escape(e['id'])}  {escape(e.get('name_ar') or '')}  {escape(e.get('name_en') or '')}")
            raise typer.Exit(1)
        rep = entity_report(data, found[0]["id"])
        if as_json:
            console.print_json(json.dumps(rep, ensure_ascii=False))
            return
        console.print(f"[bold]{escape(rep['name_ar'] or '')}[/] ({escape(rep['name_en'] or '')}) — {rep['id']}, {rep['type']}")
        if rep["country"]:
            console.print(f"country: {rep['country']}")
        console.print("aliases: " + escape("، ".join(rep["aliases"])))
        if rep["roles"]:
            console.print("roles:")
            for r in rep["roles"]:
                console.print(f"  {escape(_role_text(r))}" + (f"  [dim]{r['document']}[/]" if r.get("document") else ""))
        console.print(f"documents ({len(rep['documents'])}):")
        for d in rep["documents"]:
            console.print(f"  {d['id']}  {escape(d.get('title') or d.get('source') or '')}  [dim]{d['mentions']} mentions[/]")
        console.print("sentences:")
        for s in rep["sentences"]:
            console.print(f"  [dim]{s['document']}[/] {escape(s['text'])}")

    @eval_app.command("entities")
    def eval_entities_cmd(
        fixture: Annotated[
            Path, typer.Option("--fixture", help="Annotated fixture (JSON) with a seeds/ folder beside it.")
        ] = DEFAULT_FIXTURE,
        as_json: JsonOption = False,
    ) -> None:
        """Score the entity stage (exact span + type) on the annotated seed articles."""
        if not fixture.exists():
            err.print(f"[red]error:[/] fixture not found: {escape(str(fixture))} (run from the source tree)")
            raise typer.Exit(2)
        scores = score_fixture(fixture)
        if as_json:
            console.print_json(json.dumps(scores))
            return
        table = Table(title="Entity mentions, exact span and type")
        for col in ("type", "gold", "system", "correct", "precision", "recall", "F1"):
            table.add_column(col, justify="right")
        for t, s in scores.items():
            table.add_row(
                t, str(s["gold"]), str(s["system"]), str(s["tp"]),
                f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}",
            )
        console.print(table)
