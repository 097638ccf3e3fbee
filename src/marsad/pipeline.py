"""The per-document pipeline: a pure function from a RawDocument to its Analysis.

``analyze`` reads nothing but its argument and writes nothing, so that it can run
in worker processes (``marsad ingest --workers N``) or on a distributed engine
unchanged. Cross-document work (entity merging, event clusters, findings) is done
by the knowledge base after the documents are stored.
"""

from __future__ import annotations

from marsad import article, entities, events, quantities, timex
from marsad.model import Analysis, DocContext, RawDocument


def analyze(raw: RawDocument) -> Analysis:
    info = article.parse(raw)
    published, published_from = raw.published, raw.published_from
    if published is None and info.published is not None:
        published, published_from = info.published, info.published_from
    if raw.title is None and info.title is not None:
        raw.title = info.title
    if raw.outlet is None and info.outlet is not None:
        raw.outlet = info.outlet
    if raw.author is None and info.author is not None:
        raw.author = info.author

    ctx = DocContext.build(
        raw.text,
        published=published,
        boilerplate=info.boilerplate,
        title_span=info.title_span,
        published_span=info.published_span,
    )
    mentions, ents = entities.extract(ctx)
    times = timex.extract(ctx)
    if published is None:
        inferred = timex.infer_published(times)
        if inferred is not None:
            published, published_from = inferred, "inferred"
    quants = quantities.extract(ctx, times, mentions)
    evs = events.extract(ctx, mentions, ents, times, quants)
    return Analysis(
        document=raw,
        article=info,
        boilerplate=ctx.boilerplate,
        mentions=mentions,
        entities=ents,
        timexes=times,
        quantities=quants,
        events=evs,
        published=published,
        published_from=published_from,
    )
