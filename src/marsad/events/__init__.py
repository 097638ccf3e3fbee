"""Events: who did what to whom, when, according to whom.

``extract`` is the per-document stage (marsad.events.extractor: triggers, arguments, dates,
status/attribution, numbers, CAMEO/PLOVER); ``consolidate`` the cross-document step
(marsad.events.crossdoc).
"""

from marsad.model import DocContext, Entity, Event, Mention, Quantity, Timex


def extract(
    ctx: DocContext,
    mentions: list[Mention],
    entities: list[Entity],
    timexes: list[Timex],
    quantities: list[Quantity],
) -> list[Event]:
    """Events stated in ``ctx``; also fills ``attribution``/``certainty``/``entities`` of ``quantities``."""
    from marsad.events.extractor import extract as _extract

    return _extract(ctx, mentions, entities, timexes, quantities)


__all__ = ["extract"]


def consolidate(
    documents: list[dict], events: list[dict], quantities: list[dict]
) -> tuple[dict[str, str], list[dict]]:
    """Cross-document step over export-schema records (see spec/export-schema.md).

    Returns the cluster id of every event id (reports of the same real-world event share
    one) and the findings (conflicts and corroborations) as export-schema dicts.
    """
    from marsad.events.crossdoc import consolidate as _consolidate

    return _consolidate(documents, events, quantities)


__all__ += ["consolidate"]
