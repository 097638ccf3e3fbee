"""Finding quantities in a document: numbers with unit, comparator, measured phrase and period.

The extractor walks the tokens of each sentence (``DocContext.tokens``, already outside
boilerplate, each with its folded key). Only tokens that can start a number — digits or a
key in the precomputed candidate set of number words — start the slower parse, so the cost is
a set look-up per token. Rules (documented in docs/QUANTITIES.md):

* numbers: digits of any script with separators (``50,000``, ``1.5``, ``7,16``, the agency
  form ``1ر20`` = 20.1), number words, scale words and compounds joined by و, duals of scale
  words, fractions (``نصف``, ``ثلثي``, ``تسعة أعشاره``), ranges (``بين 11 و46``, ``10-15``);
* unit: percent, currency, measure, duration or counted noun from the lexicons, a partitive
  ``من`` + counted noun, or a nisba noun (a demonym: ``ألف سوري`` → person);
* comparator: a phrase before the number, after it (``تقريبا``, ``على الأقل``) or a verb of
  exceeding separated from it by the measured noun;
* not quantities: numbers inside a time expression (except durations), years, days of a
  month, labels (``رقم 301``, ``الدقيقة 37``), model names (``إف-16``, ``هيرمس 45``),
  numbers glued to Latin words, vague plurals (``آلاف``, ``ملايين``) and bare numbers that
  nothing marks as a count.
"""

from __future__ import annotations

import bisect
import hashlib
import re

from marsad.model import DocContext, Mention, Quantity, Timex
from marsad.quantities.lexicon import (
    DEFINITE_CLITICS,
    NUMBER_CLITICS,
    PRONOUN_SUFFIXES,
    Lexicon,
    NumberWord,
    Unit,
    load,
)
from marsad.text.normalize import ARABIC_DIACRITICS, FORMAT_CONTROLS, TATWEEL
from marsad.text.tokenize import Token

_CLAUSE_PUNCT = frozenset("،,؛;:()[]«»\"“”")
_OPEN_QUOTES = frozenset("«\"“'(")
_CLOSE_QUOTES = frozenset("»\"”')")
_HYPHENS = frozenset("-–—")
_NONBASE = frozenset(ARABIC_DIACRITICS + TATWEEL + FORMAT_CONTROLS)
_DIGITS_RE = re.compile(r"^\d+(?:[.,]\d+)*$")
_AR_WORD = re.compile(r"^[\u0621-\u064a]+$")
_LATIN = re.compile(r"[A-Za-z]")
_OTHERS = frozenset(("اخرين", "اخرون", "اخري", "اخر", "اخريات", "الاخرين", "الاخري"))
_NUMBER_PREFIXES = frozenset(NUMBER_CLITICS)
_DEF_PREFIXES = frozenset(DEFINITE_CLITICS)
_BEFORE_DURATION_TIME = frozenset(("قبل", "منذ", "وقبل", "ومنذ", "فقبل"))
_RATE_DAY = (("يوميا",), ("في", "اليوم"), ("كل", "يوم"))
_RANGE_CUES = frozenset(("بين", "وبين"))
_RANGE_JOIN = frozenset(("و", "الي", "حتي", "-", "–"))
_HALF = "نصف"
_YEAR_CUES = frozenset(
    ("عام", "العام", "سنه", "السنه", "عامي", "اعوام", "في", "وفي", "منذ", "ومنذ", "حتي", "بعام", "لعام", "خلال", "قبل", "بعد", "مواليد", "موديل")
)
_DURATION_PLURALS = frozenset(("اعوام", "سنوات", "سنين", "اشهر", "شهور", "ايام", "اسابيع", "ساعات", "دقائق", "عقود", "قرون", "ليالي", "ثواني"))
_COMPARATIVES = frozenset(("اعلي", "اقل", "اكثر", "ادني", "اكبر", "اصغر"))
_DEMONSTRATIVES = frozenset(("هذه", "هذا", "تلك", "ذلك", "هولاء", "هاته"))


class _Num:
    __slots__ = ("value", "i", "j", "start", "words", "scaled", "definite", "fraction", "pronoun")

    def __init__(self, value: float, i: int, j: int, start: int) -> None:
        self.value = value
        self.i = i  # first token
        self.j = j  # token after the number
        self.start = start  # character offset of the number (after any proclitic)
        self.words = False  # written (at least partly) in words
        self.scaled = False  # had a scale word
        self.definite = False
        self.fraction = False
        self.pronoun = False  # fraction with a pronoun suffix (ثلثها)


def _qid(doc_id: str, start: int, end: int) -> str:
    return "q-" + hashlib.sha1(f"{doc_id}:{start}:{end}".encode()).hexdigest()[:12]


def _skip_letters(text: str, start: int, n: int) -> int:
    """Offset in ``text`` after ``n`` base letters from ``start`` (diacritics and tatweel skipped)."""
    pos = start
    while n > 0 and pos < len(text):
        if text[pos] not in _NONBASE:
            n -= 1
        pos += 1
    while pos < len(text) and text[pos] in _NONBASE:
        pos += 1
    return pos


def _digit_value(key: str) -> float | None:
    if not _DIGITS_RE.match(key):
        return None
    if "," in key and "." in key:
        return float(key.replace(",", ""))
    if "," in key:
        parts = key.split(",")
        if all(len(p) == 3 for p in parts[1:]) and len(parts[0]) <= 3:
            return float("".join(parts))
        if len(parts) == 2:
            return float(parts[0] + "." + parts[1])  # decimal comma (7,16 مليارات)
        return None
    if key.count(".") > 1:
        parts = key.split(".")
        if all(len(p) == 3 for p in parts[1:]):
            return float("".join(parts))
        return None
    return float(key)


class _Doc:
    """Per-document state: tokens, timex spans, mentions."""

    def __init__(self, ctx: DocContext, timexes: list[Timex], mentions: list[Mention], lex: Lexicon) -> None:
        self.ctx = ctx
        self.text = ctx.text
        self.lex = lex
        self.toks: list[Token] = ctx.tokens
        self.keys = [t.key for t in self.toks]
        self.timexes = sorted(timexes, key=lambda t: t.start)
        self.tx_starts = [t.start for t in self.timexes]
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.m_starts = [m.start for m in self.mentions]

    # ---- small helpers -------------------------------------------------------------------
    def key(self, k: int) -> str:
        return self.keys[k] if 0 <= k < len(self.keys) else ""

    def adjacent(self, a: int, b: int) -> bool:
        """Token ``b`` starts where token ``a`` ends."""
        return 0 <= a < len(self.toks) and 0 <= b < len(self.toks) and self.toks[a].end == self.toks[b].start

    def timex_at(self, pos: int) -> Timex | None:
        k = bisect.bisect_right(self.tx_starts, pos) - 1
        while k >= 0:
            t = self.timexes[k]
            if t.start <= pos < t.end:
                return t
            if t.end <= pos and k < len(self.timexes) - 1:
                break
            k -= 1
        return None

    def split_word(self, key: str, table, prefixes) -> tuple[str, str] | None:
        """(prefix, stem) with ``stem`` in ``table`` and ``prefix`` allowed."""
        if key in table and "" in prefixes:
            return "", key
        for p in prefixes:
            if p and key.startswith(p) and key[len(p) :] in table:
                return p, key[len(p) :]
        return None

    def number_word(self, k: int, prefixes=_NUMBER_PREFIXES) -> tuple[str, NumberWord] | None:
        key = self.key(k)
        if key not in self.lex.candidates:
            return None
        sp = self.split_word(key, self.lex.numbers, prefixes)
        if sp is None:
            return None
        return sp[0], self.lex.numbers[sp[1]]

    def start_after(self, k: int, prefix: str) -> int:
        """Start of token ``k`` after its proclitic ``prefix`` (the article stays in the span)."""
        tok = self.toks[k]
        if prefix.endswith("ال") or prefix.endswith("لل"):
            prefix = prefix[:-2]
        return _skip_letters(self.text, tok.start, len(prefix)) if prefix else tok.start

    # ---- units ---------------------------------------------------------------------------
    def match_unit(self, k: int, end: int) -> tuple[Unit, int] | None:
        """The longest unit starting at token ``k`` (accusative -ا and و/ب proclitics allowed on
        the first word only for percent forms that carry them in the lexicon)."""
        if k >= end:
            return None
        key = self.key(k)
        cands = [key]
        if len(key) > 3 and key.endswith("ا"):
            cands.append(key[:-1])  # كيلومترا، عاما; not كما ("as") for كم, an abbreviation
        for first in cands:
            bucket = self.lex.units.get(first)
            if not bucket:
                continue
            for keys, unit in bucket:
                n = len(keys)
                if k + n > end:
                    continue
                ok = True
                for m in range(1, n):
                    kk = self.key(k + m)
                    if kk != keys[m] and not (kk.endswith("ا") and kk[:-1] == keys[m]):
                        ok = False
                        break
                if ok:
                    return unit, k + n
        return None

    def counted_definite(self, k: int) -> tuple[Unit, str] | None:
        """A plural counted noun after a partitive من: definite (من المهاجرين), with a pronoun
        (من جنوده), in a construct (من رجال الشرطة) or after a demonstrative (من هذه المحاولات)."""
        key = self.key(k)
        if key in _DEMONSTRATIVES:
            k += 1
            key = self.key(k)
        r = self._counted_definite(key)
        if r is not None and r[0].plural:
            return r
        u = self._unit1(key)
        if u is not None and u.plural and u.kind == "counted" and _AR_WORD.match(self.key(k + 1) or "-"):
            return u, key
        return None

    def _counted_definite(self, key: str) -> tuple[Unit, str] | None:
        for p in ("ال", "لل"):
            if key.startswith(p):
                stem = key[len(p) :]
                u = self._unit1(stem)
                if u is not None:
                    return u, stem
        for s in PRONOUN_SUFFIXES:
            if key.endswith(s) and len(key) - len(s) >= 3:
                stem = key[: -len(s)]
                u = self._unit1(stem)
                if u is None and stem.endswith("ت"):
                    u = self._unit1(stem[:-1] + "ه")
                if u is None and stem.endswith("ي"):  # منسوبي + ن
                    u = self._unit1(stem + "ن")
                if u is not None:
                    return u, stem
        return None

    def _unit1(self, key: str) -> Unit | None:
        bucket = self.lex.units.get(key)
        if bucket:
            for keys, unit in bucket:
                if len(keys) == 1:
                    return unit
        return None

    # ---- numbers -------------------------------------------------------------------------
    def parse_digits(self, k: int) -> tuple[float, int] | None:
        key = self.keys[k]
        v = _digit_value(key)
        if v is None:
            return None
        j = k + 1
        # Agency decimals written fraction first: 1ر20 = 20.1, and 28.<RLM>20 = 20.28.
        if self.key(j) == "ر" and self.adjacent(k, j) and self.adjacent(j, j + 1) and self.key(j + 1).isdigit():
            return float(self.key(j + 1) + "." + key), j + 2
        if (
            self.key(j) == "."
            and self.adjacent(k, j)
            and j + 2 < len(self.toks)
            and self.toks[j + 1].text in FORMAT_CONTROLS
            and self.adjacent(j, j + 1)
            and self.adjacent(j + 1, j + 2)
            and self.key(j + 2).isdigit()
        ):
            return float(self.key(j + 2) + "." + key), j + 3
        return v, j

    def parse_number(self, i: int, end: int) -> _Num | None:
        """A number (digits and/or words) starting at token ``i``."""
        lex = self.lex
        total = 0.0
        cur: float | None = None
        cur_word_unit = False  # cur is a 1-9 word (may take عشر / مئة)
        last_scale: float | None = None
        k = i
        num: _Num | None = None
        first = True
        prefix0 = ""
        words = False
        scaled = False
        definite = False
        while k < end:
            joined = False
            kk = k
            if not first:  # noqa: SIM102
                # joiner: standalone و before the next element, or و proclitic on it
                if self.key(k) == "و" and k + 1 < end:
                    kk = k + 1
                    joined = True
            key = self.key(kk)
            if key and key[0].isdigit():
                if not first and not joined:
                    break
                pd = self.parse_digits(kk)
                if pd is None:
                    break
                val, nk = pd
                if first or cur is None and last_scale is not None and val < last_scale:
                    cur = val
                else:
                    break
                cur_word_unit = False
                k = nk
                first = False
                continue
            prefixes = (_NUMBER_PREFIXES | _DEF_PREFIXES) if first else (
                {"", "و", "وال"} if definite else {"", "و"}
            )
            nw = self.number_word(kk, prefixes)
            if nw is None and not first and cur is not None and cur_word_unit:
                for suf in PRONOUN_SUFFIXES:
                    if key.endswith(suf) and key[: -len(suf)] in self.lex.numbers:
                        w2 = self.lex.numbers[key[: -len(suf)]]
                        if w2.kind == "fraction_plural":
                            num = _Num(total + cur * w2.value * 100, i, kk + 1, 0)
                            num.fraction = num.pronoun = True
                            return self._finish(num, i, prefix0, True, scaled, definite)
                break
            if nw is None:
                break
            prefix, w = nw
            if prefix.startswith("و") and not first:
                joined = True
            if first:
                prefix0 = prefix
                definite = prefix in _DEF_PREFIXES
            kind, val = w.kind, w.value
            if kind.startswith("fraction"):
                if kind == "fraction_plural" and cur is not None and cur_word_unit and not joined:
                    # تسعة أعشار(ه)
                    cur = cur * val * 100
                    num = _Num(total + cur, i, kk + 1, 0)
                    num.fraction = True
                    return self._finish(num, i, prefix0, True, scaled, definite)
                break
            if first:
                if kind in ("teen_only", "scale_plural", "hundred_plural") and not (
                    kind == "teen_only" and self._teen_tail(kk + 1)
                ):
                    return None
                if kind == "unit" and val == 1 and not (self.key(kk + 1) == "و" or self._teen_tail(kk + 1)):
                    return None  # واحد / واحدة: "a single", not a count
                if kind in ("unit", "teen_only"):
                    cur = val
                    cur_word_unit = True
                elif kind in ("ten", "hundred"):
                    cur = val
                    cur_word_unit = False
                elif kind == "scale":
                    total += val
                    last_scale = val
                    scaled = True
                    cur = None
                elif kind == "dual_scale":
                    total += val
                    last_scale = val / 2
                    scaled = True
                    cur = None
                words = True
                first = False
                k = kk + 1
                continue
            # continuation
            if not joined:
                if kind in ("scale", "scale_plural") and cur is not None and (last_scale is None or val < last_scale):
                    total += cur * val
                    cur = None
                    last_scale = val
                    scaled = True
                    cur_word_unit = False
                    words = True
                    k = kk + 1
                    continue
                if kind == "unit" and val == 10 and cur_word_unit and cur is not None and cur < 10:
                    cur += 10
                    cur_word_unit = False
                    k = kk + 1
                    continue
                if kind == "hundred" and val == 100 and cur_word_unit and cur is not None and cur < 10:
                    cur *= 100
                    cur_word_unit = False
                    k = kk + 1
                    continue
                break
            # joined by و
            if kind == "ten" and cur is not None and cur < 10:
                cur += val
                cur_word_unit = False
                k = kk + 1
                continue
            if cur is None and last_scale is not None and kind in ("unit", "ten", "hundred") and val < last_scale:
                if kind == "unit" and val == 1:
                    break
                cur = val
                cur_word_unit = kind == "unit"
                k = kk + 1
                continue
            if kind == "dual_scale" and cur is None and last_scale is not None and val / 2 < last_scale:
                total += val
                last_scale = val / 2
                k = kk + 1
                continue
            break
        if first:
            return None
        value = total + (cur or 0.0)
        # مليار ونصف: half of the last scale
        if last_scale is not None and cur is None and self.key(k) in ("ونصف",) and k < end:
            value += 0.5 * last_scale
            k += 1
            nxt = self.key(k)
            if nxt.startswith("ال") and self.split_word(nxt, lex.numbers, _DEF_PREFIXES):
                k += 1
        num = _Num(value, i, k, 0)
        return self._finish(num, i, prefix0, words, scaled, definite)

    def _teen_tail(self, k: int) -> bool:
        key = self.key(k)
        return key in ("عشر", "عشره")

    def _finish(self, num: _Num, i: int, prefix0: str, words: bool, scaled: bool, definite: bool) -> _Num:
        num.start = self.start_after(i, prefix0)
        num.words = words
        num.scaled = scaled
        num.definite = definite
        return num

    def parse_fraction(self, i: int, end: int) -> tuple[_Num, Unit | None] | None:
        """نصف / ثلث / ربع / ثلثي … quantifying what follows (or a pronoun: ثلثها)."""
        key = self.key(i)
        lex = self.lex
        sp = self.split_word(key, lex.numbers, _NUMBER_PREFIXES)
        pronoun = False
        if sp is None:
            for s in PRONOUN_SUFFIXES:
                if key.endswith(s):
                    sp = self.split_word(key[: -len(s)], lex.numbers, _NUMBER_PREFIXES)
                    if sp is not None:
                        pronoun = True
                        break
        if sp is None:
            return None
        prefix, stem = sp
        w = lex.numbers[stem]
        if w.kind not in ("fraction", "fraction_dual"):
            return None
        start = self.start_after(i, prefix)
        if pronoun:
            num = _Num(w.value * 100, i, i + 1, start)
            num.fraction = num.pronoun = num.words = True
            return num, None
        nxt = self.key(i + 1)
        if i + 1 >= end or not nxt or not _AR_WORD.match(nxt) or "نهايي" in nxt:
            return None
        if nxt in lex.stops:
            return None
        nw = self.number_word(i + 1, {""})
        if nw is not None and nw[1].kind == "scale":
            num = _Num(w.value * nw[1].value, i, i + 2, start)
            num.words = num.scaled = True
            return num, None
        mu = self.match_unit(i + 1, end)
        if mu is not None and mu[0].kind != "percent" and not self.key(mu[1]).startswith("ال"):
            num = _Num(w.value, i, i + 1, start)
            num.words = True
            return num, None
        num = _Num(w.value * 100, i, i + 1, start)
        num.fraction = num.words = True
        return num, None

    # ---- the quantity around a number ----------------------------------------------------
    def is_candidate(self, k: int) -> bool:
        key = self.keys[k]
        return (key[:1].isdigit()) or key in self.lex.candidates

    def excluded_number(self, num: _Num, a: int, b: int) -> bool:
        """Labels, model names, numbers glued to Latin words."""
        i = num.i
        lex = self.lex
        prev = self.key(i - 1) if i - 1 >= a else ""
        if prev in ("ال", "الـ", "لل") and i - 2 >= a:
            prev = self.key(i - 2)
        if prev and self.split_word(prev, lex.labels, _NUMBER_PREFIXES | _DEF_PREFIXES) is not None:
            return True
        tok = self.toks[i]
        if i - 1 >= a:
            ptok = self.toks[i - 1]
            if ptok.text in _HYPHENS and ptok.end == tok.start and i - 2 >= a and self.toks[i - 2].end == ptok.start:  # noqa: SIM102
                if not self.toks[i - 2].key[:1].isdigit():
                    return True  # إف-16, باك-3, COVID-19
            if _LATIN.search(ptok.text) and not num.words:
                return True
            if ptok.end == tok.start and _LATIN.search(ptok.text):
                return True
        if num.j < b:
            ntok = self.toks[num.j]
            if _LATIN.search(ntok.text) and ntok.start == self.toks[num.j - 1].end:
                return True
        return False

    def date_like(self, num: _Num, b: int) -> bool:
        """A day of a month (12 رمضان), or digits glued into a date or code (2025-08-13, 08)."""
        nxt = self.key(num.j)
        if nxt and num.j < b and self.split_word(nxt, self.lex.date_words, ("", "و")):
            return True
        if not num.words:
            raw = self.keys[num.i]
            if len(raw) > 1 and raw[0] == "0" and raw[1:2].isdigit():
                return True
            i = num.i
            if i >= 2 and self.toks[i - 1].text in _HYPHENS and self.adjacent(i - 2, i - 1) and self.adjacent(i - 1, i):  # noqa: SIM102
                if self.keys[i - 2][:1].isdigit():
                    return True
        return False

    def year_like(self, num: _Num) -> bool:
        return not num.words and not num.scaled and num.value == int(num.value) and 1000 <= num.value <= 2100

    def code_like(self, num: _Num) -> bool:
        """Long digit strings without separators (phone numbers, codes)."""
        raw = self.keys[num.i]
        return not num.words and raw.isdigit() and len(raw) >= 5


def _np_ok(d: _Doc, k: int) -> bool:
    key = d.key(k)
    if not key or not _AR_WORD.match(key):
        return False
    if key in d.lex.stops:
        return False
    return not (key.startswith(("و", "ف")) and key[1:] in d.lex.stops)


def _verb_comparator(d: _Doc, verbs: dict[str, str], a: int, end: int) -> tuple[str, tuple[int, int]] | None:
    """A comparator verb at most three words before token ``end`` with only the measured noun
    phrase between: (comparator, the noun phrase's token span)."""
    for m in range(1, 4):
        kk = end - 1 - m
        if kk < a:
            return None
        vk = d.key(kk)
        comp = verbs.get(vk) or (verbs.get(vk[1:]) if vk[:1] in "وف" else None)
        if comp:
            if all(_np_ok(d, x) for x in range(kk + 1, end)):
                return comp, (kk + 1, end)
            return None
        if not _np_ok(d, kk):
            return None
    return None


def _looks_verb(d: _Doc, key: str) -> bool:
    if key in d.lex.verbs:
        return True
    return any(key.startswith(p) and key[1:] in d.lex.verbs for p in ("و", "ف", "ل"))


def _heuristic_verb(key: str) -> bool:
    k = key[1:] if key[:1] in ("و", "ف") and len(key) > 4 else key
    if k.startswith("ال"):
        return False
    if k.endswith("ت") and not k.endswith("ات") and 3 <= len(k) <= 6:
        return True
    return bool(k.startswith("ي") and len(k) >= 4)


def _counted_after(d: _Doc, k: int, b: int) -> tuple[int, int] | None:
    """A counted noun the unit lists do not know, right after the number, with an adjective
    (15 ألف حصة غذائية): what is counted. Not a definite word, verb, time word or «آخرين»."""
    if k >= b or not _np_ok(d, k):
        return None
    key = d.key(k)
    if (
        key.startswith(("ال", "و", "ف"))
        or key in _OTHERS
        or key.endswith("وا")
        or key in d.lex.count_verbs
        or len(key) < 3
        or _looks_verb(d, key)
        or _heuristic_verb(key)
        or d.timex_at(d.toks[k].start) is not None
        or key in ("يوميا", "سنويا", "شهريا", "اسبوعيا", "فقط", "تقريبا")
    ):
        return None
    end = k + 1
    if end < b and _np_ok(d, end):
        adj = d.key(end)
        if not adj.startswith("ال") and adj.endswith(("يه", "ي", "يين", "يون")) and not _looks_verb(d, adj):
            end += 1  # حصة غذائية
    return k, end


def _measure_after(d: _Doc, k: int, b: int, partitive: bool) -> tuple[int, int] | None:
    """A phrase from token ``k`` (``من`` included when ``partitive``): (first, last+1) tokens."""
    lex = d.lex
    if partitive:
        if d.key(k) != "من" or k + 1 >= b or not _np_ok(d, k + 1):
            return None
        first = k
        k += 1
    else:
        if k >= b or not _np_ok(d, k):
            return None
        first = k
    n = 0
    last = k
    rel = -1
    while k < b and n < 7:
        key = d.key(k)
        if d.timex_at(d.toks[k].start) is not None:
            break
        if key in ("التي", "الذي", "الذين") and n >= 1:
            rel = 2
            k += 1
            n += 1
            continue
        if key == "من" and k + 1 < b and d.key(k + 1).startswith("ال") and _np_ok(d, k + 1) and rel < 0:
            k += 1
            n += 1
            continue
        if not _np_ok(d, k):
            break
        if n > 0 and rel < 0 and (_looks_verb(d, key) or _heuristic_verb(key) or (key.endswith("وا") and len(key) >= 4)):
            break
        last = k
        k += 1
        n += 1
        if rel > 0:
            rel -= 1
            if rel == 0:
                break
    if last < first + (1 if partitive else 0):
        return None
    _ = lex
    return first, last + 1


_PREPOSITIONS = frozenset(("في", "على", "عن", "الي", "من", "مع", "عبر", "لدي", "حول", "ضد", "نحو", "عند", "منذ", "خلال"))
_WEAK_CONNECTORS = frozenset(("الي", "ب", "هو", "هي", "وهو", "وهي", "عند"))


def _is_verbish(d: _Doc, key: str) -> bool:
    if _looks_verb(d, key) or _heuristic_verb(key):
        return True
    return len(key) >= 5 and key[:2] in ("وي", "وت", "فت", "في") and not key.startswith("في") or (
        len(key) >= 5 and key[:2] in ("وي", "وت")
    )


def _adjective(key: str) -> bool:
    return key.endswith(("ي", "يه", "يين", "يون", "يات")) and len(key) > 3


def _measure_before(d: _Doc, p: int, a: int, unit_kind: str | None) -> tuple[int, int] | None:
    """The measured phrase ending at token ``p`` (inclusive), read backwards."""
    lex = d.lex
    connector = None
    key = d.key(p)
    while p >= a and (key in lex.connectors or key == "بـ"):
        connector = key
        p -= 1
        key = d.key(p)
    while p >= a and key in _COMPARATIVES:
        p -= 1
        key = d.key(p)
    if p < a:
        return None
    last = p
    # pass 1: a verb of measuring within reach bounds the phrase (بلغ حجم التجارة بين X وY …)
    q = p
    trigger = -1
    n = 0
    while q >= a and n < 9:
        tok = d.toks[q]
        key = d.key(q)
        tx = d.timex_at(tok.start)
        if tx is not None and q == last:
            while q >= a and d.toks[q].start >= tx.start:
                q -= 1
            while q >= a and d.key(q) in ("خلال", "في", "منذ"):
                q -= 1
            last = q
            continue
        if tok.text == ")" and q == last:
            depth = 0
            while q >= a:
                if d.toks[q].text == ")":
                    depth += 1
                elif d.toks[q].text == "(":
                    depth -= 1
                    if depth == 0:
                        break
                q -= 1
            q -= 1
            last = q
            continue
        if _looks_verb(d, key):
            trigger = q
            break
        if tok.text == "(" or tok.text == ")":
            q -= 1
            n += 1
            continue
        if not _AR_WORD.match(key) or d.is_candidate(q) or (key in lex.stops and key not in ("بين", "من")):
            break
        if _is_verbish(d, key):
            break
        q -= 1
        n += 1
    if trigger >= 0:
        first = trigger + 1
        while first <= last and d.toks[first].text in "()":
            first += 1
        while first <= last and d.key(first) in ("قد", "لقد"):
            first += 1
        if first <= last:
            fk = d.key(first)
            if fk[:1] in ("ب", "ل") and not fk.startswith(("بن", "لب")) and fk not in lex.heads:
                return None
            if any(d.is_candidate(x) for x in range(first, last + 1)):
                return None
            while last >= first and d.key(last) in ("ال", "الـ"):
                last -= 1
            heads = [x for x in range(first, last + 1) if d.key(x) in lex.heads or d.key(x)[2:] in lex.heads]
            if heads:
                first = heads[-1]
            elif unit_kind in ("counted", "duration"):
                return None
            while last >= first and d.key(last) in lex.stops:
                last -= 1
            if first > last:
                return None
            return first, last + 1
        # the verb is right before the number: subject-verb order (سعره تراجع 8%)
        vk = d.key(trigger)
        if vk.startswith("ل"):
            return None
        j = trigger - 1
        while j >= a and d.key(j) in ("قد", "لقد"):
            j -= 1
        end = j
        m = 0
        while j >= a and m < 3 and _np_ok(d, j) and not _is_verbish(d, d.key(j)) and not d.is_candidate(j):
            j -= 1
            m += 1
        if m and not (j >= a and d.is_candidate(j)) and not (j >= a and d.keys[j][:1].isdigit()):
            if unit_kind in ("counted", "duration") and d.key(j + 1) not in lex.heads:
                return None
            return j + 1, end + 1
        return None
    # pass 2: a construct phrase: definite nouns and adjectives back to the indefinite head
    q = last
    if q > a and d.key(q).startswith("لل") and connector is not None:
        q -= 1
        last = q
    first = -1
    seen_min = False
    while q >= a and q > last - 6:
        key = d.key(q)
        if not _np_ok(d, q) or d.is_candidate(q) or _is_verbish(d, key):
            break
        if q != last and key[:1] in ("ب", "ل", "ك") and not key.startswith(("بن", "لب", "كل")):
            break
        first = q
        if (
            not key.startswith("ال")
            and q == last
            and q - 1 >= a
            and d._unit1(d.key(q - 1)) is not None
            and d._unit1(key) is None
            and key not in lex.heads
        ):
            q -= 1
            first = q
            break
        if not key.startswith("ال") and not _adjective(key):
            # the indefinite head of the construct; "أنظمة عسكرية من إسرائيل" continues past من
            if (
                q - 2 >= a
                and d.key(q - 1) == "من"
                and not seen_min
                and q == last
                and _np_ok(d, q - 2)
                and not _is_verbish(d, d.key(q - 2))
            ):
                seen_min = True
                q -= 2
                continue
            break
        q -= 1
    if first < 0:
        return None
    head = d.key(first)
    head_ok = head in lex.heads or (head.startswith("ال") and head[2:] in lex.heads)
    if unit_kind in ("counted", "duration"):
        if not head_ok:
            return None
    elif not head_ok:
        if connector is None:
            return None
        if connector in _WEAK_CONNECTORS:
            return None
        before = d.key(first - 1) if first - 1 >= a else ""
        if before in _PREPOSITIONS:
            return None
    return first, last + 1


def _clause(d: _Doc, k: int, a: int, b: int) -> tuple[int, int]:
    s = k
    while s > a and d.toks[s - 1].text not in _CLAUSE_PUNCT:
        s -= 1
    e = k
    while e < b and d.toks[e].text not in _CLAUSE_PUNCT:
        e += 1
    return d.toks[s].start, d.toks[e - 1].end if e > s else d.toks[s].end


def extract(ctx: DocContext, timexes: list[Timex], mentions: list[Mention]) -> list[Quantity]:
    lex = load()
    d = _Doc(ctx, timexes, mentions, lex)
    toks = d.toks
    if not toks:
        return []
    starts = [t.start for t in toks]
    out: list[Quantity] = []
    for sent in ctx.sentences:
        a = bisect.bisect_left(starts, sent.start)
        b = bisect.bisect_left(starts, sent.end)
        k = a
        while k < b:
            if not d.is_candidate(k):
                k += 1
                continue
            q, nk = _quantity_at(d, k, a, b)
            if q is not None:
                out.append(q)
            k = max(nk, k + 1)
    return out


def _quantity_at(d: _Doc, i: int, a: int, b: int) -> tuple[Quantity | None, int]:
    key = d.keys[i]
    num: _Num | None = None
    if key[:1].isdigit():
        num = d.parse_number(i, b)
    else:
        fr = d.parse_fraction(i, b)
        if fr is not None:
            num = fr[0]
        else:
            num = d.parse_number(i, b)
            if num is None:
                # an indefinite dual unit on its own: شهرين، عامين
                mu = d.match_unit(i, b)
                if mu is not None and mu[0].count is not None and d.key(i) == d.keys[i]:
                    pref = d.key(i - 1) if i > a else ""
                    if d.key(i)[:2] == "ال":
                        return None, i + 1
                    n = _Num(mu[0].count, i, i, d.toks[i].start)
                    n.words = True
                    return _build(d, n, a, b, unit_hint=mu, prev=pref)
    if num is None:
        return None, i + 1
    if d.excluded_number(num, a, b):
        return None, num.j
    return _build(d, num, a, b)


def _build(d: _Doc, num: _Num, a: int, b: int, unit_hint=None, prev: str = "") -> tuple[Quantity | None, int]:
    lex = d.lex
    text = d.text
    i, j = num.i, num.j
    span_start = num.start
    span_end = d.toks[j - 1].end if j > i else d.toks[i].start
    value = num.value
    value_max: float | None = None
    unit: Unit | None = None
    measure: tuple[int, int] | None = None
    comparator = "eq"
    marked = num.scaled or num.fraction  # something says it is a count
    # (3) نسخ: a number in brackets followed by its unit
    if i - 1 >= a and d.toks[i - 1].text == "(" and j < b and d.toks[j].text == ")" and not num.words:  # noqa: SIM102
        if d.match_unit(j + 1, b) is not None:
            span_start = d.toks[i - 1].start
            j += 1
            span_end = d.toks[j - 1].end
    # ---- range: بين X و Y / X-Y / X إلى Y after ما بين
    range_cue = False
    pk = i - 1
    if pk >= a and d.key(pk) in _RANGE_CUES:
        range_cue = True
        if pk - 1 >= a and d.key(pk - 1) == "ما":
            pk -= 1
    second: _Num | None = None
    if d.date_like(num, b) and not num.fraction:
        return None, num.j
    if d.year_like(num) and i > a and d.key(i - 1) in _YEAR_CUES:
        return None, num.j
    if d.year_like(num) and j < b and d.toks[j].text in _HYPHENS and d.is_candidate(j + 1) if j + 1 < b else False:
        return None, j + 2
    if unit_hint is None and not num.fraction:
        uj = d.match_unit(j, b)
        probe = j if uj is None else uj[1]
        if probe < b:
            jk = d.key(probe)
            hyphen = d.toks[probe].text in _HYPHENS
            if (range_cue and jk in _RANGE_JOIN) or (hyphen and not num.words and d.adjacent(probe - 1, probe)):
                if probe + 1 < b and d.is_candidate(probe + 1):
                    sn = d.parse_number(probe + 1, b)
                    if sn is not None and sn.value > value:
                        second = sn
            elif range_cue and jk.startswith("و") and d.is_candidate(probe):
                sn = d.parse_number(probe, b)
                if sn is not None and sn.value > value:
                    second = sn
        if second is not None:
            if uj is not None:
                unit = uj[0]
            if not num.scaled and second.scaled and value < 1000:
                # بين 10 و20 ألف: the scale is shared
                scale = second.value / max(1.0, _leading(second))
                value *= scale
            value_max = second.value
            j = second.j
            span_end = d.toks[j - 1].end
            if range_cue:
                span_start = d.toks[pk].start
            marked = True
    # ---- unit
    if unit_hint is not None:
        unit, j = unit_hint
        span_start = d.toks[num.i].start
        span_end = d.toks[j - 1].end
    elif unit is None and not num.fraction:
        mu = d.match_unit(j, b)
        if mu is not None and not (mu[0].count is not None):
            unit, j = mu
            span_end = d.toks[j - 1].end
    elif num.fraction and not num.pronoun:
        # percent of what follows: the measure is the genitive phrase
        measure = _measure_after(d, j, b, partitive=False)
        unit = Unit("percent", "percent")
    if num.fraction and num.pronoun:
        unit = Unit("percent", "percent")
    if num.fraction and num.j == j and not num.pronoun and measure is None and unit is not None:  # noqa: SIM102
        if unit.kind == "percent":
            unit = Unit("percent", "percent")
    if unit is None and not num.fraction:
        # partitive: 3500 من المهاجرين, اثنين من جنوده
        if d.key(j) == "من" and j + 1 < b:
            cd = d.counted_definite(j + 1)
            if cd is not None:
                unit = cd[0]
                measure = _measure_after(d, j, b, partitive=True)
                marked = True
        # a nisba noun (demonym) after the number counts people: ألف سوري
        if unit is None and j < b:
            nk = d.key(j)
            if (
                _AR_WORD.match(nk or "x")
                and nk.endswith("ي")
                and not nk.startswith("ال")
                and nk not in _COMPARATIVES
                and not d.code_like(num)
                and not d.year_like(num)
                and len(nk) >= 4
                and nk not in lex.stops
                and not _looks_verb(d, nk)
                and d.split_word(nk, lex.date_words, ("",)) is None
            ):
                unit = Unit("person", "counted")
                j += 1
                span_end = d.toks[j - 1].end
    if unit is None and second is None and (d.year_like(num) or d.code_like(num)):
        return None, max(j, num.j)
    # ---- post-nominal number: السنوات الأربع, دول آسيا الوسطى الخمس, الشهور الـ 12
    if unit is None and not num.fraction and (num.words or num.definite or d.key(i - 1) in ("الـ", "ال")):  # noqa: SIM102
        if d.key(j) != "من":
            back = i - 1
            if d.key(back) in ("الـ", "ال"):
                back -= 1
            for m in range(3):
                kk = back - m
                if kk < a:
                    break
                kkey = d.key(kk)
                if kkey in _OTHERS:
                    continue
                if not _AR_WORD.match(kkey) or _looks_verb(d, kkey) or kkey in lex.count_verbs or (
                    kkey[:1] in "وف" and kkey[1:] in lex.count_verbs
                ):
                    break
                u = None
                for cand in (kkey, kkey[2:] if kkey.startswith("ال") else None):
                    if cand:
                        uu = d._unit1(cand)
                        if uu is not None and (uu.plural or (uu.kind == "duration" and cand in _DURATION_PLURALS)) and uu.count is None:
                            u = uu
                            break
                if u is not None and (num.definite or d.key(i - 1) in ("الـ", "ال") or not kkey.startswith("ال")):
                    unit = u
                    marked = True
                    break
    # ---- after the unit: rate, half, trailing comparator
    if unit is not None and unit.kind in ("measure",) and j < b:
        for rate in _RATE_DAY[:2]:
            if tuple(d.key(j + m) for m in range(len(rate))) == rate:
                unit = Unit(unit.unit + "/day", unit.kind)
                j += len(rate)
                span_end = d.toks[j - 1].end
                break
    if unit is not None and j < b and d.key(j) == "ونصف":
        value += 0.5
        j += 1
        span_end = d.toks[j - 1].end
        if j < b and d.key(j).startswith("ال"):
            u2 = d.match_unit(j, b)
            stem_u = d._unit1(d.key(j)[2:])
            if (u2 is not None and u2[0].unit == unit.unit) or (stem_u is not None and stem_u.unit == unit.unit):
                j += 1
                span_end = d.toks[j - 1].end
    after_j = j
    if after_j < b:
        for c in lex.comparators_after.get(d.key(after_j), ()):
            n = len(c.words)
            if tuple(d.key(after_j + m) for m in range(n)) == c.words:
                comparator = c.comparator
                j = after_j + n
                span_end = d.toks[j - 1].end
                marked = True
                break
    # ---- comparator before
    p = i - 1
    while p >= a and d.toks[p].text in _OPEN_QUOTES and d.toks[p].text != "(":
        p -= 1
    comp_start = None
    if second is None or not range_cue:
        best = None
        if p >= a:
            last_key = d.key(p)
            cands = list(lex.comparators_before.get(last_key, ()))
            for c in cands:
                n = len(c.words)
                s = p - n + 1
                if s < a:
                    continue
                ok = all(d.key(s + m) == c.words[m] for m in range(1, n)) if n > 1 else True
                if not ok:
                    continue
                fk = d.key(s)
                pref = None
                if n == 1:
                    pref = ""
                else:
                    for cl in c.clitics:
                        if fk == cl + c.words[0]:
                            pref = cl
                            break
                if pref is None:
                    continue
                best = (c, s, pref)
                break
            if best is None:
                # single-word comparators with a proclitic (بنحو, لأكثر handled above)
                for cl in ("و", "ف", "ب", "ل"):
                    if last_key.startswith(cl):
                        for c in lex.comparators_before.get(last_key[len(cl) :], ()):
                            if len(c.words) == 1 and cl in c.clitics:
                                best = (c, p, cl)
                                break
                    if best:
                        break
        if best is not None:
            c, s, pref = best
            comparator = c.comparator
            comp_start = d.start_after(s, pref)
            span_start = comp_start
            marked = True
            p = s - 1
    # a verb of exceeding separated by the measured noun: تجاوزت مديونياتها 15 مليون; زاد/يزيد only
    # with على/عن before the number: تزيد قيمتها على 1.3 مليار (زادت صادراتها 15% is an increase)
    verb_measure = None
    if comp_start is None and comparator == "eq":
        found = _verb_comparator(d, lex.comparator_verbs, a, i)
        if found is None and i - 1 > a and d.key(i - 1) in ("علي", "عن"):
            found = _verb_comparator(d, lex.comparator_prep_verbs, a, i - 1)
        if found is not None:
            comparator, verb_measure = found
            marked = True
    # ---- exclusions that need the unit
    tx = d.timex_at(d.toks[num.i].start)
    is_duration = unit is not None and unit.kind == "duration"
    if tx is not None and tx.kind != "duration":  # noqa: SIM102
        if not is_duration or tx.kind not in ("relative", "duration"):
            return None, max(j, num.j)
    if is_duration and d.key(p if comp_start is None else p) in _BEFORE_DURATION_TIME:
        return None, max(j, num.j)
    if is_duration and comp_start is None and d.key(num.i - 1) in _BEFORE_DURATION_TIME:
        return None, max(j, num.j)
    if unit is None and not marked:
        # a bare number: only when something marks it as a count or a measured value
        prevk = d.key(p)
        if (
            not num.scaled
            and not (not num.words and "." in d.keys[num.i])
            and d.key(j) not in _OTHERS
            and not (prevk in lex.count_verbs or (prevk[:1] in "وف" and prevk[1:] in lex.count_verbs))
        ):
            mb = _measure_before(d, p, a, None)
            if mb is None:
                return None, max(j, num.j)
    if num.definite and unit is None:
        return None, max(j, num.j)
    # ---- measure
    if measure is None and verb_measure is not None:
        measure = verb_measure
    if measure is None:
        k2 = j
        while k2 < b and d.key(k2) in ("فقط", ")"):
            k2 += 1
        kind = unit.kind if unit is not None else None
        if k2 < b and d.key(k2) == "من":
            if kind in (None, "percent", "distance"):
                measure = _measure_after(d, k2, b, partitive=True)
            elif kind in ("currency", "measure", "duration"):
                nxt = d.key(k2 + 1)
                time_word = nxt.startswith("ال") and (
                    (d._unit1(nxt[2:]) is not None and d._unit1(nxt[2:]).kind == "duration")
                    or nxt in ("الساعه", "اليوم")
                    or d.timex_at(d.toks[k2 + 1].start) is not None
                )
                if nxt.startswith("ال") and not time_word or kind != "duration" and any(nxt.endswith(s) for s in PRONOUN_SUFFIXES[:5]):
                    measure = _measure_after(d, k2, b, partitive=True)
        elif kind == "measure" and k2 == j and k2 < b and unit is not None and unit.unit in ("ton", "barrel", "liter", "m3"):
            measure = _measure_after(d, k2, b, partitive=False)
    if measure is None and unit is None:
        measure = _counted_after(d, j, b)
    if measure is None:
        measure = _measure_before(d, p, a, unit.kind if unit is not None else None)
    # ---- record
    q_start, q_end = span_start, span_end
    m_span = None
    m_text = None
    if measure is not None:
        ms, me = d.toks[measure[0]].start, d.toks[measure[1] - 1].end
        m_span = (ms, me)
        m_text = text[ms:me]
    cs, ce = _clause(d, num.i, a, b)
    period = None
    best_dist = None
    for t in d.timexes:
        if t.start >= ce:
            break
        if t.end <= cs or (t.start <= q_start < t.end):
            continue
        dist = abs(t.start - q_start)
        if best_dist is None or dist < best_dist:
            best_dist, period = dist, t.value
    ents: list[str] = []
    mk = bisect.bisect_left(d.m_starts, cs)
    while mk < len(d.mentions) and d.mentions[mk].start < ce:
        e = d.mentions[mk].entity
        if e not in ents:
            ents.append(e)
        mk += 1
    q = Quantity(
        id=_qid(d.ctx.id, q_start, q_end),
        start=q_start,
        end=q_end,
        text=text[q_start:q_end],
        value=float(value),
        unit=unit.unit if unit is not None else None,
        comparator=comparator,  # type: ignore[arg-type]
        measure=m_text,
        measure_span=m_span,
        period=period,
        entities=ents,
        value_max=float(value_max) if value_max is not None else None,
    )
    return q, max(j, num.j)


def _leading(n: _Num) -> float:
    """The leading number of a scaled number (20 of 20 ألف) — the value over its scale."""
    v = n.value
    for s in (1e12, 1e9, 1e6, 1e3):
        if v >= s:
            return v / s
    return v
