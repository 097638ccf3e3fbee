"""Entities: gazetteers, cue patterns and a statistical tagger, resolved per document.

See docs/ENTITIES.md for the rules (spans, metonymy, precedence, resolution).
"""

from marsad.model import DocContext, Entity, Mention


def extract(ctx: DocContext) -> tuple[list[Mention], list[Entity]]:
    """Mentions in ``ctx`` (outside boilerplate) and the document's entities they refer to."""
    from marsad.entities.extractor import extract as _extract

    return _extract(ctx)


__all__ = ["extract"]


def merge_across(entities: list[Entity]) -> dict[str, str]:
    """Cross-document resolution: map entity ids that name the same real entity to one id.

    ``entities`` are the per-document records of the whole knowledge base; the
    result maps an id to its canonical id (ids absent from it stay as they are).
    """
    from marsad.entities.resolve import merge_across as _merge

    return _merge(entities)


__all__ += ["merge_across"]
