"""The knowledge base: one SQLite file, written one document per transaction."""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, bindparam, delete, func, insert, literal_column, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from marsad.export.build import analyses_to_export, check_analysis
from marsad.kb import db as _db
from marsad.kb.models import (
    Document,
    DocumentEntity,
    EntityMerge,
    EntityRow,
    EventCluster,
    EventRow,
    Finding,
    MentionRow,
    QuantityRow,
    RoleRow,
    TimexRow,
)
from marsad.model import (
    Analysis,
    ArticleInfo,
    Entity,
    Event,
    Mention,
    Quantity,
    RawDocument,
    Role,
    Timex,
    content_hash,
)

T_DOC: Table = Document.__table__  # type: ignore[assignment]
T_ENT: Table = EntityRow.__table__  # type: ignore[assignment]
T_DENT: Table = DocumentEntity.__table__  # type: ignore[assignment]
T_ROLE: Table = RoleRow.__table__  # type: ignore[assignment]
T_MEN: Table = MentionRow.__table__  # type: ignore[assignment]
T_TIM: Table = TimexRow.__table__  # type: ignore[assignment]
T_QUA: Table = QuantityRow.__table__  # type: ignore[assignment]
T_EVT: Table = EventRow.__table__  # type: ignore[assignment]
T_CLU: Table = EventCluster.__table__  # type: ignore[assignment]
T_FIN: Table = Finding.__table__  # type: ignore[assignment]
T_MRG: Table = EntityMerge.__table__  # type: ignore[assignment]

ROWID = literal_column("rowid")  # insertion order (every table here has one)
RAW_FIELDS = ("title", "published", "published_from", "outlet", "author", "url")


class DocumentNotFound(KeyError):
    pass


class AmbiguousDocument(ValueError):
    def __init__(self, prefix: str, candidates: list[str]):
        super().__init__(f"{prefix!r} matches {len(candidates)} documents: {', '.join(candidates[:10])}")
        self.candidates = candidates


@dataclass
class CrossDocResult:
    merges: int = 0
    clusters: int = 0
    clustered_events: int = 0
    findings: int = 0
    kinds: dict[str, int] = field(default_factory=dict)


# ---------------------------------------------------------------- dataclass <-> row


def _jsonable(v: Any) -> Any:
    if dataclasses.is_dataclass(v) and not isinstance(v, type):
        return {f.name: _jsonable(getattr(v, f.name)) for f in dataclasses.fields(v)}
    if isinstance(v, list | tuple):
        return [_jsonable(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    return v


def _split(obj: Any, table: Table, rename: dict[str, str] | None = None, skip: Iterable[str] = ()) -> dict:
    """Columns of ``table`` from the dataclass ``obj``; other fields go to ``extra``."""
    rename = rename or {}
    cols = table.c
    row: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    skip = set(skip)
    for f in dataclasses.fields(obj):
        if f.name in skip:
            continue
        v = getattr(obj, f.name)
        col = rename.get(f.name, f.name)
        if col in cols and col != "extra":
            row[col] = _jsonable(v) if isinstance(v, list | tuple | dict) else v
        else:
            extra[f.name] = _jsonable(v)
    if "extra" in cols:
        row["extra"] = extra
    return row


_SPAN_FIELDS = {"trigger", "measure_span", "title_span", "published_span"}


def _build(cls: type, row: Any, rename: dict[str, str] | None = None, **fixed: Any) -> Any:
    """Instance of the dataclass ``cls`` from a row (columns, then ``extra``), ignoring unknown keys."""
    rename = rename or {}
    m = row._mapping if hasattr(row, "_mapping") else row
    extra = m.get("extra") or {}
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name in fixed:
            kwargs[f.name] = fixed[f.name]
            continue
        col = rename.get(f.name, f.name)
        if col in m and col != "extra":
            v = m[col]
        elif f.name in extra:
            v = extra[f.name]
        else:
            continue
        if f.name in _SPAN_FIELDS and v is not None:
            v = (int(v[0]), int(v[1]))
        elif f.name == "boilerplate" and v is not None:
            v = [(int(s), int(e)) for s, e in v]
        kwargs[f.name] = v
    return cls(**kwargs)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------- the store


class KB:
    """A Marsad knowledge base (see :func:`marsad.kb.open_kb`)."""

    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.engine = _db.make_engine(path)
        _db.upgrade(self.engine)

    # -- lifecycle
    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> KB:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"KB({str(self.path)!r})"

    # -- writing
    def known_hashes(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(conn.scalars(select(T_DOC.c.content_hash)))

    def has_text(self, text: str) -> bool:
        with self.engine.connect() as conn:
            h = content_hash(text)
            return conn.scalar(select(T_DOC.c.id).where(T_DOC.c.content_hash == h)) is not None

    def add_analysis(self, analysis: Analysis, raw_fields: dict[str, Any] | None = None) -> list[str]:
        """Store one analysed document and all its annotations in one transaction.

        Records that break the span rules are dropped (see
        :func:`marsad.export.build.check_analysis`) and listed in the document's
        ``warnings``, which are returned. ``raw_fields`` are the RawDocument's metadata
        as read, before the analysis filled in title/outlet/author.
        """
        analysis, problems = check_analysis(analysis)
        with self.engine.begin() as conn:
            self._write(conn, analysis, raw_fields)
        return problems

    def _write(self, conn: Connection, a: Analysis, raw_fields: dict[str, Any] | None) -> None:
        raw = a.document
        did = raw.id
        if raw_fields is None:
            raw_fields = {k: getattr(raw, k) for k in RAW_FIELDS}
        conn.execute(
            insert(T_DOC),
            {
                "id": did,
                "content_hash": content_hash(raw.text),
                "source": raw.source,
                "outlet": raw.outlet,
                "title": raw.title,
                "published": a.published,
                "published_from": a.published_from if a.published is not None else None,
                "author": raw.author,
                "url": raw.url,
                "language": raw.language,
                "text": raw.text,
                "boilerplate": [[int(s), int(e)] for s, e in a.boilerplate],
                "article": _jsonable(a.article),
                "raw": _jsonable(raw_fields),
                "warnings": list(a.warnings),
                "ingested_at": _now(),
            },
        )
        # entity registry: every id this document refers to through an entity record or a mention
        ents: dict[str, dict] = {}
        for e in a.entities:
            ents.setdefault(e.id, {"id": e.id, "type": e.type, "name_ar": e.name_ar, "name_en": e.name_en,
                                   "country": e.country})
        for m in a.mentions:
            ents.setdefault(m.entity, {"id": m.entity, "type": m.type, "name_ar": m.text, "name_en": None,
                                       "country": None})
        if ents:
            conn.execute(sqlite_insert(T_ENT).on_conflict_do_nothing(), list(ents.values()))
        dents: dict[str, dict] = {}
        roles: list[dict] = []
        for e in a.entities:
            if e.id in dents:  # the same id twice in one document: unite aliases
                prev = dents[e.id]
                prev["aliases"] = list(dict.fromkeys(prev["aliases"] + list(e.aliases)))
            else:
                row = _split(e, T_DENT, rename={"id": "entity_id"}, skip=("roles",))
                row["document_id"] = did
                dents[e.id] = row
            for r in e.roles:
                rr = _split(r, T_ROLE)
                rr.update(document_id=did, entity_id=e.id)
                roles.append(rr)
        if dents:
            conn.execute(insert(T_DENT), list(dents.values()))
        if roles:
            conn.execute(insert(T_ROLE), roles)
        if a.mentions:
            rows = []
            for m in a.mentions:
                r = _split(m, T_MEN, rename={"entity": "entity_id"})
                r["document_id"] = did
                rows.append(r)
            conn.execute(insert(T_MEN), rows)
        if a.timexes:
            rows = []
            for t in a.timexes:
                r = _split(t, T_TIM)
                r["document_id"] = did
                rows.append(r)
            conn.execute(insert(T_TIM), rows)
        if a.quantities:
            rows = []
            for q in a.quantities:
                r = _split(q, T_QUA)
                r["document_id"] = did
                rows.append(r)
            conn.execute(insert(T_QUA), rows)
        if a.events:
            rows = []
            for ev in a.events:
                r = _split(ev, T_EVT, rename={"cluster": "cluster_in_analysis"})
                r["document_id"] = did
                r["cluster"] = None
                rows.append(r)
            conn.execute(insert(T_EVT), rows)

    # -- reading analyses back
    def document_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.scalars(select(T_DOC.c.id).order_by(ROWID)))

    def load_analyses(self, document_ids: Iterable[str] | None = None) -> list[Analysis]:
        """The stored analyses, as the pipeline returned them (minus records dropped at the boundary)."""
        ids = None if document_ids is None else list(dict.fromkeys(document_ids))
        with self.engine.connect() as conn:

            def rows(table: Table) -> dict[str, list]:
                q = select(table)
                if ids is not None:
                    q = q.where(table.c.document_id.in_(ids))
                out: dict[str, list] = defaultdict(list)
                for r in conn.execute(q.order_by(ROWID)):
                    out[r.document_id].append(r)
                return out

            q = select(T_DOC).order_by(ROWID)
            if ids is not None:
                q = q.where(T_DOC.c.id.in_(ids))
            docs = list(conn.execute(q))
            dents = rows(T_DENT)
            roles = rows(T_ROLE)
            mentions = rows(T_MEN)
            timexes = rows(T_TIM)
            quants = rows(T_QUA)
            events = rows(T_EVT)
        if ids is not None:
            order = {d: i for i, d in enumerate(ids)}
            docs.sort(key=lambda r: order[r.id])
        out = []
        for d in docs:
            rawf = d.raw or {}
            raw = RawDocument(
                text=d.text,
                source=d.source,
                title=d.title,
                published=rawf.get("published"),
                published_from=rawf.get("published_from"),
                outlet=d.outlet,
                author=d.author,
                url=d.url,
                language=d.language,
            )
            role_by_ent: dict[str, list[Role]] = defaultdict(list)
            for r in roles.get(d.id, []):
                role_by_ent[r.entity_id].append(_build(Role, r))
            ents = [
                _build(Entity, r, rename={"id": "entity_id"}, roles=role_by_ent.get(r.entity_id, []))
                for r in dents.get(d.id, [])
            ]
            out.append(
                Analysis(
                    document=raw,
                    article=_build(ArticleInfo, d.article or {}),
                    boilerplate=[(int(s), int(e)) for s, e in d.boilerplate],
                    mentions=[_build(Mention, r, rename={"entity": "entity_id"}) for r in mentions.get(d.id, [])],
                    entities=ents,
                    timexes=[_build(Timex, r) for r in timexes.get(d.id, [])],
                    quantities=[_build(Quantity, r) for r in quants.get(d.id, [])],
                    events=[
                        _build(Event, r, rename={"cluster": "cluster_in_analysis"}) for r in events.get(d.id, [])
                    ],
                    published=d.published,
                    published_from=d.published_from,
                    warnings=list(d.warnings or []),
                )
            )
        return out

    # -- cross-document step
    def merges(self) -> dict[str, str]:
        with self.engine.connect() as conn:
            return {r.from_id: r.to_id for r in conn.execute(select(T_MRG))}

    def clusters(self) -> dict[str, str]:
        with self.engine.connect() as conn:
            return {
                r.id: r.cluster
                for r in conn.execute(select(T_EVT.c.id, T_EVT.c.cluster).where(T_EVT.c.cluster.is_not(None)))
            }

    def findings(self) -> list[dict]:
        with self.engine.connect() as conn:
            out = []
            for r in conn.execute(select(T_FIN).order_by(T_FIN.c.id)):
                f = {k: r._mapping[k] for k in ("id", "kind", "topic", "items", "values", "explanation")}
                f.update(r.extra or {})
                out.append(f)
            return out

    def run_crossdoc(self) -> CrossDocResult:
        """Entity merges, event clusters and findings over the whole knowledge base (replacing the last ones)."""
        from marsad import entities as entities_stage
        from marsad import events as events_stage

        analyses = self.load_analyses()
        all_entities = [e for a in analyses for e in a.entities]
        merges = entities_stage.merge_across(all_entities) or {}
        merges = {k: v for k, v in merges.items() if k != v}
        data = analyses_to_export(analyses, merges=merges)
        clusters, findings = events_stage.consolidate(data["documents"], data["events"], data["quantities"])
        clusters = {e: c for e, c in (clusters or {}).items() if c}
        event_ids = {e["id"] for e in data["events"]}
        doc_of = {e["id"]: e["document"] for e in data["events"]}
        clusters = {e: c for e, c in clusters.items() if e in event_ids}
        members: dict[str, list[str]] = defaultdict(list)
        for e, c in clusters.items():
            members[c].append(e)
        known_items = event_ids | {q["id"] for q in data["quantities"]}
        fins = []
        seen_f: set[str] = set()
        for f in findings or []:
            if f.get("id") in seen_f or not all(i in known_items for i in f.get("items", [])):
                continue
            seen_f.add(f["id"])
            core = {k: f.get(k) for k in ("id", "kind", "topic", "items", "values", "explanation")}
            core["topic"] = core["topic"] or ""
            core["explanation"] = core["explanation"] or ""
            core["items"] = list(core["items"] or [])
            core["values"] = list(core["values"] or [])
            core["extra"] = {k: _jsonable(v) for k, v in f.items() if k not in core}
            fins.append(core)
        with self.engine.begin() as conn:
            conn.execute(delete(T_MRG))
            if merges:
                conn.execute(insert(T_MRG), [{"from_id": k, "to_id": v} for k, v in merges.items()])
            conn.execute(update(T_EVT).values(cluster=None))
            conn.execute(delete(T_CLU))
            if members:
                conn.execute(
                    insert(T_CLU),
                    [{"id": c, "size": len(m), "documents": len({doc_of[e] for e in m})} for c, m in members.items()],
                )
                by_cluster = [{"eid": e, "cid": c} for e, c in clusters.items()]
                conn.execute(
                    update(T_EVT).where(T_EVT.c.id == bindparam("eid")).values(cluster=bindparam("cid")),
                    by_cluster,
                )
            conn.execute(delete(T_FIN))
            if fins:
                conn.execute(insert(T_FIN), fins)
        return CrossDocResult(
            merges=len(merges),
            clusters=len(members),
            clustered_events=len(clusters),
            findings=len(fins),
            kinds=dict(Counter(f["kind"] for f in fins)),
        )

    # -- export
    def export_data(self, document_ids: Iterable[str] | None = None) -> dict:
        """The export-schema object (spec/export-schema.md) of the whole knowledge base or of some documents."""
        analyses = self.load_analyses(document_ids)
        return analyses_to_export(
            analyses, merges=self.merges(), clusters=self.clusters(), findings=self.findings()
        )

    # -- queries for the commands
    def resolve_document(self, ref: str) -> str:
        """A document id from an id or a unique prefix of one (``d-`` may be left out)."""
        ref = ref.strip()
        if not ref.startswith("d-"):
            ref = "d-" + ref
        with self.engine.connect() as conn:
            if conn.scalar(select(T_DOC.c.id).where(T_DOC.c.id == ref)):
                return ref
            cands = list(
                conn.scalars(select(T_DOC.c.id).where(T_DOC.c.id.like(ref.replace("%", "") + "%")).limit(50))
            )
        if not cands:
            raise DocumentNotFound(ref)
        if len(cands) > 1:
            raise AmbiguousDocument(ref, cands)
        return cands[0]

    def document_info(self, document_id: str) -> dict[str, Any]:
        """The stored metadata of one document (no text): source, title, dates, raw fields, warnings."""
        with self.engine.connect() as conn:
            cols = [c for c in T_DOC.c if c.name != "text"]
            r = conn.execute(select(*cols).where(T_DOC.c.id == document_id)).first()
        if r is None:
            raise DocumentNotFound(document_id)
        return dict(r._mapping)

    def documents(self) -> list[dict]:
        """One summary per document: id, title, published, outlet, source, counts of annotations."""
        with self.engine.connect() as conn:
            counts: dict[str, dict[str, int]] = defaultdict(dict)
            for name, t in (("mentions", T_MEN), ("timexes", T_TIM), ("quantities", T_QUA), ("events", T_EVT)):
                for did, n in conn.execute(select(t.c.document_id, func.count()).group_by(t.c.document_id)):
                    counts[did][name] = n
            out = []
            for r in conn.execute(
                select(
                    T_DOC.c.id,
                    T_DOC.c.title,
                    T_DOC.c.published,
                    T_DOC.c.published_from,
                    T_DOC.c.outlet,
                    T_DOC.c.source,
                    T_DOC.c.ingested_at,
                    func.length(T_DOC.c.text).label("chars"),
                ).order_by(ROWID)
            ):
                d = dict(r._mapping)
                for k in ("mentions", "timexes", "quantities", "events"):
                    d[k] = counts[r.id].get(k, 0)
                out.append(d)
            return out

    def stats(self) -> dict[str, Any]:
        with self.engine.connect() as conn:

            def count(t: Table) -> int:
                return int(conn.scalar(select(func.count()).select_from(t)) or 0)

            out: dict[str, Any] = {
                "path": str(self.path),
                "schema_revision": _db.current_revision(self.engine),
                "documents": count(T_DOC),
                "entities": count(T_ENT) - count(T_MRG),
                "entity_ids": count(T_ENT),
                "entity_merges": count(T_MRG),
                "mentions": count(T_MEN),
                "timexes": count(T_TIM),
                "quantities": count(T_QUA),
                "events": count(T_EVT),
                "event_clusters": count(T_CLU),
                "findings": count(T_FIN),
                "characters": int(conn.scalar(select(func.coalesce(func.sum(func.length(T_DOC.c.text)), 0))) or 0),
            }
            out["entities_by_type"] = dict(
                conn.execute(select(T_ENT.c.type, func.count()).group_by(T_ENT.c.type).order_by(T_ENT.c.type)).all()
            )
            out["events_by_type"] = dict(
                conn.execute(
                    select(T_EVT.c.type, func.count()).group_by(T_EVT.c.type).order_by(func.count().desc())
                ).all()
            )
            out["findings_by_kind"] = dict(conn.execute(select(T_FIN.c.kind, func.count()).group_by(T_FIN.c.kind)).all())
            out["documents_by_outlet"] = dict(
                conn.execute(
                    select(func.coalesce(T_DOC.c.outlet, "(unknown)"), func.count())
                    .group_by(T_DOC.c.outlet)
                    .order_by(func.count().desc())
                ).all()
            )
            dates = conn.execute(select(func.min(T_DOC.c.published), func.max(T_DOC.c.published))).one()
            out["published_range"] = [dates[0], dates[1]]
            out["documents_with_warnings"] = int(
                conn.scalar(select(func.count()).select_from(T_DOC).where(T_DOC.c.warnings != "[]")) or 0
            )
            size = self.path.stat().st_size if self.path.exists() else 0
            wal = self.path.with_name(self.path.name + "-wal")
            out["bytes"] = size + (wal.stat().st_size if wal.exists() else 0)
            return out


def open_kb(db_path: str | Path | None = None) -> KB:
    """Open (creating or upgrading it as needed) the knowledge base at ``db_path``.

    ``None`` means ``$MARSAD_DB`` or the per-user default
    (``$XDG_DATA_HOME/marsad/marsad.db``, else ``~/.local/share/marsad/marsad.db``).
    """
    return KB(_db.resolve_db_path(db_path))
