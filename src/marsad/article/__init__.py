"""Reading the article itself: title, dateline, byline, credited source, boilerplate.

See :mod:`marsad.article.layout` for the rules.
"""

from marsad.article.layout import parse

__all__ = ["parse"]
