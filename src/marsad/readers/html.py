"""Web pages: main text and metadata with trafilatura.

trafilatura gives the main text (boilerplate such as menus and footers left out), the
title, author, site name (stored as the outlet) and date. Its date comes from htmldate,
which is told not to search the page text at large (``extensive_search=False``: a
copyright year must not become ``YYYY-01-01``), and which fills a missing day or month
with today's; so a date is kept only when the page writes its year, month and day
(see :func:`_date_is_written`). Otherwise the date stays unknown and the article parser
may still find a dateline in the text.
"""

from __future__ import annotations

import re

from marsad.readers.decode import clean_text, is_blank
from marsad.readers.errors import InputError

__all__ = ["looks_like_html", "extract_html"]

_HTML_START_RE = re.compile(
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_DIGITS_RE = re.compile(r"\d+")


def looks_like_html(head: bytes) -> bool:
    """Whether the first bytes of a file (after any BOM) open an HTML document."""
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return _HTML_START_RE.match(head[:4096]) is not None


def _date_is_written(html: str, iso: str) -> bool:
    """True when year, month and day of ``iso`` are all written in the page, close together.

    Accepts the numeric forms (2023-04-19, 2023/4/19, 19.04.2023, 20230419) and a day
    number written within a few characters of the year (``19 أبريل 2023``, ``April 19, 2023``).
    """
    year, month, day = iso.split("-")
    m, d = int(month), int(day)
    if year + month + day in html:
        return True
    for ym in re.finditer(re.escape(year), html):
        window = html[max(0, ym.start() - 25) : ym.end() + 25]
        numbers = [int(x) for x in _DIGITS_RE.findall(window) if len(x) <= 2]
        if d in numbers and (m in numbers or d > 12 or not _numeric_month_only(window)):
            return True
    return False


def _numeric_month_only(window: str) -> bool:
    # A window such as "2021-03" holds no month name; a day there would be the month.
    return not re.search(r"[^\W\d_]{3,}", window)


def extract_html(html: str) -> dict[str, str | None]:
    """Text and metadata of a page; InputError when trafilatura finds no article text."""
    import trafilatura
    from trafilatura.settings import set_date_params

    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params=set_date_params(False),
        )
    except Exception as e:  # lxml/trafilatura failures on broken markup
        raise InputError(f"broken HTML: trafilatura could not parse it ({type(e).__name__}: {e})") from None
    text = clean_text(doc.text or "") if doc is not None else ""
    if is_blank(text):
        raise InputError("HTML page without article text (trafilatura found no main text in it)")
    published = None
    if doc.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.date) and _date_is_written(html, doc.date):
        published = doc.date

    def meta(value: str | None) -> str | None:
        return value.strip() or None if isinstance(value, str) else None

    return {
        "text": text,
        "title": meta(doc.title),
        "author": meta(doc.author),
        "outlet": meta(doc.sitename),
        "url": meta(doc.url),
        "published": published,
    }
