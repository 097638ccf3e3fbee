"""Bytes to text: encoding detection that never guesses silently, and text clean-up.

Rules (in this order):

1. A byte-order mark decides: UTF-8 BOM → strict UTF-8; UTF-16 BOM → strict UTF-16.
2. NUL bytes (or a known binary signature such as ``%PDF`` or a ZIP header) → not text.
3. Strict UTF-8.
4. Windows-1256 (the Arabic Windows code page), accepted only when the result is plausibly
   Arabic text: at least half of its letters Arabic, words of ordinary length, no control
   characters. Windows-1256 maps every byte to some character, so without this check any
   file would "decode".
5. Otherwise the encoding could not be determined: an :class:`InputError` says why (with
   charset-normalizer's guess as a hint for the user, never used to decode).

For HTML, a charset declared in a ``<meta>`` tag is tried first (strictly), and the
plausibility test of rule 4 looks at the page's text, not at its Latin-letter markup.

:func:`clean_text` gives the text that is stored and that every offset refers to: a
leading BOM removed, CRLF and lone CR turned into LF. Nothing else is changed.
"""

from __future__ import annotations

import codecs
import re

from marsad.readers.errors import InputError

__all__ = ["decode_bytes", "clean_text", "is_blank", "arabic_share"]

_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a DOCX/ODT/XLSX document)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"SQLite format 3", "an SQLite database"),
)

# Letters of the Arabic script (Arabic, Arabic Supplement, presentation forms).
_ARABIC_LETTER_RE = re.compile("[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]")
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BLANK_RE = re.compile("[\\s\u200b-\u200f\u2060\ufeff\u00ad]*")
_TAG_RE = re.compile(r"(?is)<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>|&[#\w]+;")
_META_CHARSET_RE = re.compile(rb"""(?i)<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""")

# Plausibility thresholds for a Windows-1256 reading.
MIN_ARABIC_SHARE = 0.5  # of all letters
MAX_MEAN_WORD = 20.0  # characters per white-space separated word
MAX_CONTROL_SHARE = 0.001


def clean_text(text: str) -> str:
    """The stored form of ``text``: a leading BOM removed, CRLF/CR normalised to LF."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def is_blank(text: str) -> bool:
    """True when ``text`` holds nothing but white space and invisible format characters."""
    return _BLANK_RE.fullmatch(text) is not None


def arabic_share(text: str) -> tuple[float, int]:
    """(share of Arabic letters among all letters, number of letters) in ``text``."""
    letters = sum(1 for c in text if c.isalpha())
    if not letters:
        return 0.0, 0
    return len(_ARABIC_LETTER_RE.findall(text)) / letters, letters


def _binary_kind(data: bytes) -> str | None:
    for sig, kind in _BINARY_SIGNATURES:
        if data.startswith(sig):
            return kind
    return None


def _check_not_binary(data: bytes) -> None:
    kind = _binary_kind(data)
    if kind is not None:
        raise InputError(f"binary file, not text (looks like {kind})")
    if b"\x00" in data:
        raise InputError("binary file, not text (contains NUL bytes)")


def _check_controls(text: str) -> None:
    n = len(_CONTROL_RE.findall(text))
    if n and n > max(2, MAX_CONTROL_SHARE * len(text)):
        raise InputError(f"binary file, not text ({n} control characters)")


def _strict(data: bytes, encoding: str, label: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError(
            f"not valid {label} although it says so (invalid byte 0x{data[e.start]:02X} at offset {e.start})"
        ) from None


def _visible_text(text: str, html: bool) -> str:
    return _TAG_RE.sub(" ", text) if html else text


def _plausible_arabic(text: str) -> tuple[bool, str]:
    share, letters = arabic_share(text)
    if letters == 0:
        return False, "it has no letters"
    if share < MIN_ARABIC_SHARE:
        return False, f"only {share:.0%} of its letters would be Arabic"
    words = text.split()
    mean = sum(len(w) for w in words) / len(words)
    if len(text) >= 50 and mean > MAX_MEAN_WORD:
        return False, f"its 'words' would be {mean:.0f} characters long on average"
    return True, ""


def _hint(data: bytes) -> str:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:65536]).best()
    except Exception:  # a hint only; never let it hide the real reason
        return ""
    if best is None:
        return ""
    lang = f", {best.language}" if best.language and best.language != "Unknown" else ""
    return f"; charset-normalizer's guess: {best.encoding}{lang} — convert the file to UTF-8"


def _declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET_RE.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, html: bool = False) -> str:
    """Decode ``data`` by the rules of the module docstring (the text is not yet cleaned)."""
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data[3:], "utf-8", "UTF-8")
        _check_controls(text)
        return text
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(data, "utf-16", "UTF-16")
        _check_controls(text)
        return text
    _check_not_binary(data)
    if html:
        declared = _declared_charset(data)
        if declared is not None and declared not in ("utf-8", "ascii"):
            try:
                text = data.decode(declared)
            except UnicodeDecodeError:
                pass  # a wrong declaration is common; fall back to detection
            else:
                _check_controls(text)
                return text
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        first_bad = f"invalid byte 0x{data[e.start]:02X} at offset {e.start}"
    else:
        _check_controls(text)
        return text
    text = data.decode("cp1256")  # total: every byte maps to a character
    ok, why = _plausible_arabic(_visible_text(text, html))
    if ok:
        n = len(_CONTROL_RE.findall(text))
        if not n or n <= max(2, MAX_CONTROL_SHARE * len(text)):
            return text
        ok, why = False, f"it would contain {n} control characters"
    raise InputError(
        f"could not determine the text encoding: not UTF-8 ({first_bad}), and read as Windows-1256 "
        f"it is not plausible Arabic text ({why}){_hint(data)}"
    )
