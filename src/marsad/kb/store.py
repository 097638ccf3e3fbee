"""The knowledge base: one SQLite file, written one document per transaction."""

from __future__ import annotations

import dataclasses
import json
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


def _dumps(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"))


def _loads(v: Any) -> Any:
    if v is None:
        return None
    if v == "{}":
        return {}
    if v == "[]":
        return []
    return json.loads(v)


_SPAN_FIELDS = {"trigger", "measure_span", "title_span", "published_span"}


class _Codec:
    """Dataclass <-> row of a table, planned once: the hot path of writing and loading.

    Fields with a column of the same name (or the one ``rename`` gives) go there; the
    others to the row's ``extra`` JSON; ``fixed`` columns (document_id, …) are given
    per row. Rows are plain tuples for the DB-API driver (executemany with ``?``).
    """

    def __init__(
        self,
        cls: type,
        table: Table,
        fixed: tuple[str, ...] = ("document_id",),
        rename: dict[str, str] | None = None,
        skip: tuple[str, ...] = (),
        defaults: dict[str, Any] | None = None,
    ):
        rename = rename or {}
        self.cls = cls
        self.table = table
        self.fixed = fixed
        self.skip = set(skip)
        self.defaults = defaults or {}
        names = {c.name for c in table.c}
        self.has_extra = "extra" in names
        self.json_cols = {c.name for c in table.c if c.type.__class__.__name__ == "JSON"}
        self.bool_cols = {c.name for c in table.c if c.type.__class__.__name__ == "Boolean"}
        self.fields = [f.name for f in dataclasses.fields(cls) if f.name not in self.skip]
        self.mapped = [(f, rename.get(f, f)) for f in self.fields if rename.get(f, f) in names - {"extra"}]
        mapped_fields = {f for f, _ in self.mapped}
        self.unmapped = [f for f in self.fields if f not in mapped_fields]
        self.columns = (
            list(fixed)
            + [c for _, c in self.mapped]
            + [c for c in self.defaults if c not in fixed]
            + (["extra"] if self.has_extra else [])
        )
        cols = ", ".join(f'"{c}"' for c in self.columns)
        self.insert_sql = f"INSERT INTO {table.name} ({cols}) VALUES ({', '.join('?' * len(self.columns))})"
        self.select_cols = [c for _, c in self.mapped] + (["extra"] if self.has_extra else [])
        self.select_sql = f"SELECT {', '.join(f'{chr(34)}{c}{chr(34)}' for c in self.select_cols)}, document_id"

        self.mapped_fields = [f for f, _ in self.mapped]
        self.n_mapped = len(self.mapped)
        self.field_set = set(self.fields)
        convs: list[Any] = []
        for f, c in self.mapped:
            if f in _SPAN_FIELDS:
                convs.append(_load_span)
            elif c in self.json_cols:
                convs.append(_loads)
            elif c in self.bool_cols:
                convs.append(_load_bool)
            else:
                convs.append(None)
        self.convs = convs
        self.plain = all(c is None for c in convs)

    def encode(self, obj: Any, *fixed: Any) -> tuple:
        row: list[Any] = list(fixed)
        jc = self.json_cols
        for f, c in self.mapped:
            v = getattr(obj, f)
            row.append(_dumps(_jsonable(v)) if c in jc and v is not None else v)
        row.extend(v for c, v in self.defaults.items() if c not in self.fixed)
        if self.has_extra:
            unmapped = self.unmapped
            if type(obj) is not self.cls:  # a subclass with fields of its own: keep them too
                mapped = set(self.mapped_fields) | self.skip
                unmapped = [f.name for f in dataclasses.fields(obj) if f.name not in mapped]
            extra = {f: _jsonable(getattr(obj, f)) for f in unmapped}
            row.append(_dumps(extra) if extra else "{}")
        return tuple(row)

    def decode(self, row: tuple, **given: Any) -> Any:
        n = self.n_mapped
        if self.plain:
            kwargs = dict(zip(self.mapped_fields, row[:n], strict=True))
        else:
            kwargs = {
                f: (conv(v) if conv is not None else v)
                for f, conv, v in zip(self.mapped_fields, self.convs, row[:n], strict=True)
            }
        if self.has_extra:
            raw = row[n]
            if raw and raw != "{}":
                for k, v in json.loads(raw).items():
                    if k in self.field_set and k not in kwargs:
                        kwargs[k] = _load_span(v) if k in _SPAN_FIELDS else v
        if given:
            kwargs.update(given)
        return self.cls(**kwargs)


def _load_bool(v: Any) -> bool | None:
    return None if v is None else bool(v)


def _load_span(v: Any) -> tuple[int, int] | None:
    if v is None:
        return None
    if isinstance(v, str):
        v = json.loads(v)
        if v is None:
            return None
    return (int(v[0]), int(v[1]))


def _article_from_json(d: dict) -> ArticleInfo:
    known = {f.name for f in dataclasses.fields(ArticleInfo)}
    kwargs = {k: v for k, v in (d or {}).items() if k in known}
    for k in ("title_span", "published_span"):
        if kwargs.get(k) is not None:
            kwargs[k] = (int(kwargs[k][0]), int(kwargs[k][1]))
    if "boilerplate" in kwargs:
        kwargs["boilerplate"] = [(int(s), int(e)) for s, e in kwargs["boilerplate"] or []]
    return ArticleInfo(**kwargs)


C_DENT = _Codec(Entity, T_DENT, rename={"id": "entity_id"}, skip=("roles",), fixed=("document_id",))
C_ROLE = _Codec(Role, T_ROLE, fixed=("document_id", "entity_id"))
C_MEN = _Codec(Mention, T_MEN, rename={"entity": "entity_id"})
C_TIM = _Codec(Timex, T_TIM)
C_QUA = _Codec(Quantity, T_QUA)
C_EVT = _Codec(Event, T_EVT, rename={"cluster": "cluster_in_analysis"})


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
        dents: dict[str, Entity] = {}
        roles: list[tuple] = []
        for e in a.entities:
            if e.id in dents:  # the same id twice in one document: unite aliases
                prev = dents[e.id]
                dents[e.id] = dataclasses.replace(prev, aliases=list(dict.fromkeys([*prev.aliases, *e.aliases])))
            else:
                dents[e.id] = e
            roles.extend(C_ROLE.encode(r, did, e.id) for r in e.roles)
        cur = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            if dents:
                cur.executemany(C_DENT.insert_sql, [C_DENT.encode(e, did) for e in dents.values()])
            if roles:
                cur.executemany(C_ROLE.insert_sql, roles)
            if a.mentions:
                cur.executemany(C_MEN.insert_sql, [C_MEN.encode(m, did) for m in a.mentions])
            if a.timexes:
                cur.executemany(C_TIM.insert_sql, [C_TIM.encode(t, did) for t in a.timexes])
            if a.quantities:
                cur.executemany(C_QUA.insert_sql, [C_QUA.encode(q, did) for q in a.quantities])
            if a.events:
                cur.executemany(C_EVT.insert_sql, [C_EVT.encode(ev, did) for ev in a.events])
        finally:
            cur.close()

    # -- reading analyses back
    def document_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.scalars(select(T_DOC.c.id).order_by(ROWID)))

    def load_analyses(self, document_ids: Iterable[str] | None = None, *, light: bool = False) -> list[Analysis]:
        """The stored analyses, as the pipeline returned them (minus records dropped at the boundary).

        ``light`` (for the cross-document step) leaves out time expressions and keeps only
        the first mention of each entity a document has no entity record for: enough for
        the same export of entities' ids, quantities and events, in a fraction of the memory.
        """
        ids = None if document_ids is None else list(dict.fromkeys(document_ids))
        wanted = set(ids or ())
        doc_cols = ("id", "source", "outlet", "title", "published", "published_from", "author", "url",
                    "language", "text", "boilerplate", "article", "raw", "warnings")
        with self.engine.connect() as conn:
            cur = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]

            def fetch(sql: str, key: str) -> list[tuple]:
                if ids is None:
                    return cur.execute(f"{sql} ORDER BY rowid").fetchall()
                out: list[tuple] = []
                for i in range(0, len(ids), 500):
                    chunk = ids[i : i + 500]
                    marks = ",".join("?" * len(chunk))
                    out.extend(cur.execute(f"{sql} WHERE {key} IN ({marks}) ORDER BY rowid", chunk).fetchall())
                return out

            def grouped(codec: _Codec) -> dict[str, list[tuple]]:
                out: dict[str, list[tuple]] = defaultdict(list)
                for r in fetch(f"{codec.select_sql} FROM {codec.table.name}", "document_id"):
                    out[r[-1]].append(r)
                return out

            docs = fetch(f"SELECT {', '.join(doc_cols)} FROM documents", "id")
            dents = grouped(C_DENT)
            roles = defaultdict(list)
            for r in fetch(f"{C_ROLE.select_sql}, entity_id FROM roles", "document_id"):
                roles[(r[-2], r[-1])].append(C_ROLE.decode(r))
            if light:
                mentions: dict[str, list[tuple]] = defaultdict(list)
                sql = (
                    f"{C_MEN.select_sql} FROM mentions WHERE rowid IN (SELECT min(m.rowid) FROM mentions m "
                    "WHERE NOT EXISTS (SELECT 1 FROM document_entities d WHERE d.document_id = m.document_id "
                    "AND d.entity_id = m.entity_id) GROUP BY m.document_id, m.entity_id)"
                )
                for r in cur.execute(f"{sql} ORDER BY rowid").fetchall():
                    if ids is None or r[-1] in wanted:
                        mentions[r[-1]].append(r)
                timexes: dict[str, list[tuple]] = {}
            else:
                mentions = grouped(C_MEN)
                timexes = grouped(C_TIM)
            quants = grouped(C_QUA)
            events = grouped(C_EVT)
            cur.close()
        if ids is not None:
            order = {d: i for i, d in enumerate(ids)}
            docs.sort(key=lambda r: order[r[0]])
        out = []
        for (did, source, outlet, title, published, published_from, author, url, language, text, bp, article,
             rawj, warnings) in docs:
            rawf = _loads(rawj) or {}
            raw = RawDocument(
                text=text,
                source=source,
                title=title,
                published=rawf.get("published"),
                published_from=rawf.get("published_from"),
                outlet=outlet,
                author=author,
                url=url,
                language=language,
            )
            ents = []
            for r in dents.get(did, []):
                e = C_DENT.decode(r)
                e.roles = roles.get((did, e.id), [])
                ents.append(e)
            out.append(
                Analysis(
                    document=raw,
                    article=_article_from_json(_loads(article)),
                    boilerplate=[(int(s), int(e)) for s, e in _loads(bp) or []],
                    mentions=[C_MEN.decode(r) for r in mentions.get(did, [])],
                    entities=ents,
                    timexes=[C_TIM.decode(r) for r in timexes.get(did, [])],
                    quantities=[C_QUA.decode(r) for r in quants.get(did, [])],
                    events=[C_EVT.decode(r) for r in events.get(did, [])],
                    published=published,
                    published_from=published_from,
                    warnings=list(_loads(warnings) or []),
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

        analyses = self.load_analyses(light=True)
        all_entities = [e for a in analyses for e in a.entities]
        merges = entities_stage.merge_across(all_entities) or {}
        merges = {k: v for k, v in merges.items() if k != v}
        del all_entities
        data = analyses_to_export(analyses, merges=merges)
        del analyses  # the export records share the strings; free the rest before consolidating
        data["mentions"], data["timexes"] = [], []
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
