"""Entities: gazetteers, cue patterns and a statistical tagger, resolved per document."""

from marsad.model import DocContext, Entity, Mention


def extract(ctx: DocContext) -> tuple[list[Mention], list[Entity]]:
    """Mentions in ``ctx`` (outside boilerplate) and the document's entities they refer to."""
    return [], []


__all__ = ["extract"]
