"""Reading the article itself: title, dateline, byline, credited source, boilerplate."""

from marsad.model import ArticleInfo, RawDocument


def parse(raw: RawDocument) -> ArticleInfo:
    """Find title, publication date, byline and boilerplate written in ``raw.text``."""
    return ArticleInfo()


__all__ = ["parse"]
