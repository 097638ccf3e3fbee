"""Events: who did what to whom, when, according to whom."""

from marsad.model import DocContext, Entity, Event, Mention, Quantity, Timex


def extract(
    ctx: DocContext,
    mentions: list[Mention],
    entities: list[Entity],
    timexes: list[Timex],
    quantities: list[Quantity],
) -> list[Event]:
    return []


__all__ = ["extract"]
