"""Time expressions normalised to TIMEX3-style values."""

from marsad.model import DocContext, Timex


def extract(ctx: DocContext) -> list[Timex]:
    """Time expressions in ``ctx``, resolved against ``ctx.published`` when it is known."""
    return []


def infer_published(timexes: list[Timex]) -> str | None:
    """What can honestly be said of an undated document's date from what it mentions."""
    return None


__all__ = ["extract", "infer_published"]
