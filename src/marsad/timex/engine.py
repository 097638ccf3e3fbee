"""Finding and normalising time expressions.

Every pattern runs over the folded view of the document (``normalize(text, fold=True)``:
digits of any script are ASCII, hamza/alef variants, taa marbuta and alef maqsura are
folded, diacritics and tatweel are gone), and every match maps back to the original
text through the view's offset map. Each pattern proposes candidates; the longest
candidate wins where they overlap. Relative expressions are then resolved in text
order against the publication date (``ctx.published``) or, for آنذاك and the like,
against the closest preceding time expression. The rules are documented in
docs/TIME.md.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from hijridate import Gregorian, Hijri

from marsad.model import DocContext, Timex
from marsad.text import normalize
from marsad.text.normalize import ARABIC_DIACRITICS, TATWEEL
from marsad.timex.lexicon import Lexicon, alt, lexicon, with_lam

# A four-digit year, not part of a longer number, a decimal or a percentage.
Y = r"(?<![\d.,/:%\-])\d{4}(?![\d%]|[.,]\d)"
Y2 = r"\d{4}(?![\d%]|[.,]\d)"  # a year right after a dash or slash (second of a range)
ERA = r"(?:\s*(?:م|ه|ميلادي|ميلاديه|ميلاديا|هجري|هجريه|هجريا|للهجره)(?!\w))"
TIME = r"(?:\s+(?:الساعه\s+)?(?P<hh>[012]?\d):(?P<mi>[0-5]\d)(?!\d)(?:\s*(?P<ap>ص|م|صباحا|مساء|am|pm)(?!\w))?)"
UPCOMING_DAYS = 60
_DROPPED = frozenset(TATWEEL + ARABIC_DIACRITICS)
SENT_END = re.compile(r"[.!?؟\n]")
WORD = re.compile(r"\w+")
AFTER2 = re.compile(r"(?:[ \t]+\w+){1,2}")
CLAUSE_BREAK = re.compile(r"(?<!\w)(?:منذ|عندما|بعدما|حين|حينما)(?!\w)|\s[-–—]|[-–—]\s")


@dataclass
class Cand:
    s: int  # span in the folded view
    e: int
    value: str
    kind: str
    anchored: bool = True
    mod: str | None = None
    hijri: str | None = None
    rule: str | None = None
    prio: int = 0
    ref: str | None = None  # for context references: granularity taken from the antecedent
    month: int | None = None  # for "October of that same year": month (and day) waiting for a year
    day: int | None = None
    future: bool = False
    cal: str = "gregorian"  # calendar of month/day waiting for a year (hijri for شهر محرم من نفس العام)


def _stems(words: dict[str, str] | set[str]) -> set[str]:
    return {w[2:] if w.startswith("ال") else w for w in words}


class Patterns:
    def __init__(self, lex: Lexicon):
        self.lex = lex
        c = lex.cat
        mods = alt(c("decade_mod"))
        shift = alt(c("shift"))
        wd = alt(lex.weekdays)
        dp = alt(c("daypart"))
        preps = alt({k for k, v in c("year_signal").items() if v not in ("early", "mid", "late")})
        ords = alt(c("ordinal"))
        mon_g = alt(lex.months)
        mon_h = alt(lex.hijri_months)
        yr_rel = (
            r"(?:(?:هذا|هذه)\s+(?:العام|السنه)|(?:العام|السنه)\s+(?:" + shift[3:-1]
            + r"|نفسه|نفسها|ذاته|ذاتها)|(?:نفس|ذات)\s+(?:العام|السنه))(?!\w)"
        )

        def date_re(mon: str) -> re.Pattern:
            return re.compile(
                rf"""
                (?<!\w)(?:[وف]?(?P<sig>في|منذ|حتي|خلال|قبل|بعد)\s+)?[وف]?[بل]?
                (?P<core>
                  (?:(?P<mod>{mods})\s+)?
                  (?:(?:{dp}\s+)?(?:(?P<dw>اليوم|امس|غدا)\s+)?(?:يوم\s+)?(?P<wd>{wd})\s*[،,]?\s*(?:الموافق\s+)?)?
                  (?:(?:(?:ال)?فتره\s+)?(?:من|بين)\s+(?P<d0>[0-3]?\d)\s*(?:الي|حتي|و|-|–)\s*(?=\d))?
                  (?:(?:يوم\s+)?(?:(?<![\d.,/:%\-])(?P<d>[0-3]?\d)(?!\d)\s*(?:من\s+)?|(?P<od>{ords})\s+من\s+))?
                  (?P<shahr>شهر\s+)?
                  (?P<m>{mon})(?!\w)
                  (?:\s*(?:(?P<po>\()\s*|[/\-–]\s*|\s)(?P<m2>{mon})(?!\w)(?(po)\s*\)))?
                  (?:
                     \s*[،,]?\s*(?:من\s+)?(?:(?:عام|العام|سنه)\s+)?(?P<y>{Y})(?P<era>{ERA})?
                   | \s+(?P<sh>{shift})(?!\w)
                   | \s+من\s+(?P<yr>{yr_rel})
                  )?
                  {TIME}?
                )
                """,
                re.X,
            )

        self.date_g = date_re(mon_g)
        self.date_h = date_re(mon_h)
        self.numeric = re.compile(
            rf"""
            (?<![\w.,/:\-])
            (?P<core>
              (?:(?:(?P<dw>اليوم|امس|غدا)\s+)?(?:يوم\s+)?(?P<wd>{wd})\s*[،,]?\s*(?:الموافق\s+)?)?
              (?:(?P<y1>\d{{4}})(?P<s1>[-/.])(?P<m1>\d{{1,2}})(?P=s1)(?P<d1>\d{{1,2}})
                |(?P<d2>\d{{1,2}})(?P<s2>\s?[-/.]\s?)(?P<m2>\d{{1,2}})(?P=s2)(?P<y2>\d{{4}}))
              (?P<era>{ERA})?
            )
            (?![\w%]|[.,/\-]\d)
            """,
            re.X,
        )
        year_nouns = alt(with_lam(set(c("year_noun"))))
        self.year_noun = re.compile(
            rf"""
            (?<!\w)(?:[وف]?(?P<sig>{preps})\s+)?[وف]?[بلك]?
            (?P<core>
              (?:(?P<mod>{mods})\s+)?
              (?:(?P<approx>حوالي|نحو|قرابه|زهاء)\s+)?
              (?P<noun>{year_nouns})(?:\s+(?P<adj>الدراسي|الجامعي|المالي|الهجري|الميلادي))?(?:\s+(?P<ysh>{shift}))?\s+
              (?P<ys>{Y}{ERA}?(?:\s*(?:[-–—/]|[،,]?\s*و|[،,])\s*(?:(?:عام|العام|سنه)\s+)?{Y2}{ERA}?)*)
            )
            (?!\w)
            """,
            re.X,
        )
        self.year_sig = re.compile(
            rf"""
            (?<!\w)(?:[وف]?(?P<sig>{preps})\s+)?
            (?P<core>
              (?:(?P<mod>{mods})\s+)?
              (?P<y1>{Y})(?P<era1>{ERA})?(?:\s*[-–—]\s*(?P<y2>{Y2})(?P<era2>{ERA})?)?
            )
            (?!\w)
            """,
            re.X,
        )
        self.range = re.compile(
            rf"""
            (?<!\w)[وف]?(?:(?:في|خلال)\s+)?
            (?P<core>
              (?:(?:ال)?فتره\s+)?
              (?P<from>من|بين|ما\s+بين)\s+
              (?:(?:عام|العام|عامي|العامين|سنه|سنتي|الاعوام|اعوام|السنوات|سنوات)\s+)?
              (?P<y1>{Y})(?P<era1>{ERA})?
              \s*(?P<to>(?:و\s*)?(?:الي|حتي|لغايه)\s+|و\s*|[-–—]\s*)
              (?:(?:عام|العام|سنه)\s+)?
              (?P<y2>{Y2})(?P<era2>{ERA})?
            )(?!\w)
            """,
            re.X,
        )
        dec_stems = alt(_stems(c("decade")))
        mill = alt(c("millennium_decade"))
        self.decade = re.compile(
            rf"""
            (?<!\w)[وف]?(?:[بك]|ل(?=ل))?
            (?P<core>
              (?:(?P<mod>{mods})\s+)?
              (?:
                (?:(?:عقد|حقبه)\s+)?(?:ال|ل)?(?P<dw>{dec_stems})
                (?:\s+(?:من\s+)?(?P<cent>القرن\s+(?:الماضي|المنصرم|العشرين|الحالي|الحادي\s+والعشرين|التاسع\s+عشر)))?
               |(?:(?:عقد|حقبه)\s+)?ال\s?(?P<dd>\d{{4}}|\d{{2}})\s?(?:ينيات|ينات|يات|ات)
               |(?P<md>{mill})
              )
            )(?!\w)
            """,
            re.X,
        )
        unit_stems = alt(_stems(c("unit")))
        self.rel_unit = re.compile(
            rf"""
            (?<!\w)[وف]?(?:[بك]|ل(?=ل))?
            (?P<core>
              (?:(?P<mod>{mods})\s+)?
              (?:(?P<this>هذا|هذه)\s+(?:ال|ل)(?P<u1>{unit_stems})(?!\w)(?:\s+(?:الجاري|الجاريه|الحالي|الحاليه))?
                |(?:ال|ل)(?P<u2>{unit_stems})(?:\s+(?P<adj>الدراسي|الجامعي|المالي|الهجري|الميلادي))?\s+(?P<sh>{shift}))
            )(?!\w)
            """,
            re.X,
        )
        self.day = re.compile(
            rf"""
            (?<!\w)[وف]?[بكل]?
            (?P<core>
              (?:(?P<dp>{dp})\s+)?
              (?:(?P<this>هذا)\s+)?
              (?P<day>{alt(c("day"))})(?!\w)
              (?:\s*(?P<wdp>\(\s*)?(?P<wd>{wd})(?!\w)(?(wdp)\s*\)))?
            )
            """,
            re.X,
        )
        self.weekday = re.compile(
            rf"""
            (?<!\w)[وف]?[بل]?
            (?P<core>
              (?:(?:الساعه\s+)?[012]?\d[:.][0-5]\d\s+(?={dp}\s))?
              (?:(?P<dp>{dp})\s+(?:يوم\s+)?)?
              (?P<wd>{wd})(?!\w)
              (?:\s+(?P<sh>{shift})(?!\w))?
            )
            """,
            re.X,
        )
        numw = alt(c("number"))
        cu = alt(c("count_unit"))
        self.ago = re.compile(
            rf"""
            (?<!\w)[وف]?
            (?P<core>
              (?P<ago>قبل|منذ)\s+
              (?:(?P<approx>نحو|حوالي|زهاء|قرابه|اكثر\s+من|اقل\s+من)\s+)?
              (?:(?P<n>\d{{1,4}}|{numw})\s+)?
              (?P<cu>{cu})(?!\w)
              (?:\s+(?:ماضيه|مضت|خلت))?
              (?:\s+(?P<approx2>تقريبا))?
            )(?!\w)
            """,
            re.X,
        )
        past_shift = r"(?:السابقه|السابقين|السابق|الماضي|الماضيه|الماضيين|الماضيتين|الاخيره|الاخير|الاخيرين|الاخيرتين|المنصرمه|المقبله|المقبلين|المقبلتين|القادمه|القادمين|القادمتين)"
        self.past_n = re.compile(
            rf"""
            (?<!\w)[وف]?(?:[بك]|ل(?=ل))?
            (?P<core>
              (?:(?:ال|ل)(?P<cu>{cu})\s+(?:(?:ال)?(?P<n>{numw})\s+)?
                |(?:ال)?(?P<n2>{numw})\s+(?P<cu2>{cu})\s+)
              (?P<sh>{past_shift})
            )(?!\w)
            """,
            re.X,
        )
        self.ord_rel = re.compile(
            rf"""
            (?<!\w)[وف]?
            (?P<core>
              (?:يوم\s+)?(?:(?<![\d.,/:%\-])(?P<d>[0-3]?\d)(?!\d)|(?P<od>{ords}))\s+من\s+
              (?:(?:هذا)\s+(?P<this>الشهر)|الشهر\s+(?P<sh>{shift}))
            )(?!\w)
            """,
            re.X,
        )
        self.part = re.compile(
            rf"""
            (?<!\w)[وف]?[بل]?
            (?P<core>
              (?:(?P<mod>{mods})\s+)?
              (?P<part>النصف|الربع)\s+(?P<ord>الاول|الثاني|الثالث|الرابع)(?!\w)
              (?:\s+(?:من\s+)?(?:
                  (?P<yr>(?:هذا|هذه)\s+(?:العام|السنه)|(?:العام|السنه)(?:\s+(?:المالي|الميلادي))?\s+{shift})
                | (?:(?:عام|العام|سنه)\s+)?(?P<y>{Y})(?P<era>{ERA})?
              ))?
            )(?!\w)
            """,
            re.X,
        )
        self.line_year = re.compile(rf"(?m)^[ \t]*(?P<core>(?P<y>{Y}))[ \t]*[-–—:][ \t]")
        self.name_heads = set(c("name_head"))
        self.weekday_heads = set(c("weekday_head"))
        self.day_name_heads = set(c("day_name_head"))
        self.al_function = set(c("al_function"))
        self.year_era = re.compile(
            rf"""
            (?<!\w)[وف]?[بلك]?
            (?P<core>
              (?:(?P<approx>حوالي|نحو|قرابه|زهاء)\s+)?
              (?:عام|العام|سنه)\s+(?P<y>\d{{1,4}})(?P<era>{ERA})
            )
            """,
            re.X,
        )
        ctx_words = alt(c("context_ref"))
        self.context = re.compile(
            rf"""
            (?<!\w)[وف]?[بلك]?
            (?P<core>
              (?:ال|ل)(?P<u1>عام|سنه|شهر|يوم|اسبوع)\s+(?:نفسه|نفسها|ذاته|ذاتها)
             |(?:نفس|ذات)\s+(?:ال|ل)(?P<u2>عام|سنه|شهر|يوم|اسبوع)
             |(?:ذلك|تلك)\s+(?:ال|ل)(?P<u3>عام|سنه|شهر|يوم|اسبوع)
             |{ctx_words}
            )(?!\w)
            """,
            re.X,
        )
        # Triggers: cheap searches that say where each pattern can match, so that the full
        # patterns only run in windows around them (see _candidates).
        self.triggers = {
            "date_g": (re.compile(mon_g), 100, 80),
            "date_h": (re.compile(mon_h), 100, 80),
            "year": (re.compile(r"\d{3,4}"), 70, 90),
            "numeric": (re.compile(r"\d\s?[-/.]\s?\d"), 60, 40),
            "decade": (re.compile(dec_stems + r"|\d\s?(?:ي?ات|ينات|ينيات)|العقد"), 60, 80),
            "unit": (re.compile(unit_stems), 45, 40),
            "day": (re.compile(alt(c("day"))), 30, 40),
            "weekday": (re.compile(wd), 40, 30),
            "ago": (re.compile("قبل|منذ"), 5, 70),
            "past_n": (re.compile(past_shift), 70, 10),
            "context": (re.compile(ctx_words + "|نفسه|نفسها|ذاته|ذاتها|نفس|ذات|ذلك|تلك"), 20, 20),
            "ord_rel": (re.compile(r"من\s+(?:هذا\s+)?الشهر"), 40, 20),
            "part": (re.compile("النصف|الربع"), 30, 60),
        }
        self.future_re = re.compile(r"(?<!\w)[وف]?[لب]?" + alt(c("future")) + r"(?!\w)")
        self.not_future = set(c("not_future"))
        self.year_followers = set(c("year_follower"))
        self.target_re = re.compile(r"(?<!\w)[وفلب]?" + alt(c("target")) + r"(?!\w)")


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    return Patterns(lexicon())


# ----------------------------------------------------------------------------- helpers


def _valid(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def parse_published(published: str | None) -> dt.date | None:
    if not published:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", published)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _hijri_to_greg(y: int, m: int, d: int) -> dt.date | None:
    try:
        g = Hijri(y, m, d).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return dt.date(g.year, g.month, g.day)


def _hijri_month_range(y: int, m: int) -> tuple[dt.date, dt.date] | None:
    try:
        h = Hijri(y, m, 1)
        first = h.to_gregorian()
        last = Hijri(y, m, h.month_length()).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return dt.date(first.year, first.month, first.day), dt.date(last.year, last.month, last.day)


def _hijri_year_range(y: int) -> tuple[dt.date, dt.date] | None:
    a = _hijri_month_range(y, 1)
    b = _hijri_month_range(y, 12)
    if a is None or b is None:
        return None
    return a[0], b[1]


def _is_hijri_era(era: str | None) -> bool:
    return bool(era) and era.strip().startswith(("ه", "للهجر"))


class _Doc:
    """One document's folded view and what the resolvers need from it."""

    def __init__(self, ctx: DocContext):
        self.ctx = ctx
        self.view = normalize(ctx.text, fold=True)
        self.v = self.view.text
        self.pub = parse_published(ctx.published)
        self.P = patterns()
        self.lex = self.P.lex
        self.day_shift: tuple[int, int] | None = None  # (position, days) when the text corrects "today"

    def sentence_start(self, pos: int) -> int:
        """Start of the sentence that holds ``pos`` (a full stop between digits, 1.34, ends none)."""
        v = self.v
        best = -1
        for ch in ".!?؟\n":
            i = v.rfind(ch, 0, pos)
            while ch == "." and 0 < i < len(v) - 1 and v[i - 1].isdigit() and v[i + 1].isdigit():
                i = v.rfind(ch, 0, i)
            if i > best:
                best = i
        return best + 1

    def is_future(self, s: int, e: int) -> bool:
        """Is the clause that holds ``[s, e)`` about the future (سوف، من المقرر، سيلتقي …)?

        The clause runs from the sentence start, or from the last منذ/عندما/بعدما/حين or
        dash before the expression, to the expression's end.
        """
        start = self.sentence_start(s)
        b = CLAUSE_BREAK.search(self.v, start, s)
        while b:
            start = b.end()
            b = CLAUSE_BREAK.search(self.v, start, s)
        # ... and the two words after it (في سبتمبر أيلول سيكون …), within the clause.
        after = AFTER2.match(self.v, e)
        clause = self.v[start : after.end() if after else e]
        if self.P.future_re.search(clause):
            return True
        for w in WORD.findall(clause):
            if len(w) < 4:
                continue
            core = w[1:] if w[0] in "وف" and w[1:2] == "س" else w
            if core[:1] == "س" and core[1:2] in "يتن" and len(core) >= 5 and core not in self.P.not_future:
                return True
        return False

    def is_target(self, s: int) -> bool:
        """Is the year at ``s`` a named target (رؤية 2030، رؤية الكويت لعام 2020، بحلول عام 2025):
        a target word among the four words before it?"""
        words = list(WORD.finditer(self.v, max(0, s - 60), s))[-4:]
        if not words:
            return False
        return bool(self.P.target_re.search(self.v, words[0].start(), s))

    def next_word(self, pos: int) -> str | None:
        """The word right after ``pos``, or None when punctuation or the end comes first."""
        v = self.v
        i = pos
        while i < len(v) and v[i] in " \t":
            i += 1
        if i >= len(v):
            return None
        m = WORD.match(v, i)
        return m.group() if m else None


# ----------------------------------------------------------------------------- pattern handlers


def _pick_year(c: Cand, py: int, key_p: tuple[int, int], key: tuple[int, int], shift: int | None) -> int:
    """The year of a (month, day) without one: by the shift word, else by the tense of the clause."""
    if shift == 0:
        c.rule = "publication-year"
        return py
    if shift == -1:
        c.rule = "latest-before-publication"
        return py if key < key_p else py - 1
    if shift == 1:
        c.rule = "next-after-publication"
        return py if key > key_p else py + 1
    if c.future:
        c.rule = "future-clause:next-on-or-after-publication"
        return py if key >= key_p else py + 1
    c.rule = "past:latest-on-or-before-publication"
    return py if key <= key_p else py - 1


def _month_day_relative(doc: _Doc, c: Cand, m: int, d: int | None, shift: int | None) -> Cand | None:
    """Resolve a Gregorian month (and day) without a year against the publication date."""
    c.kind = "relative"
    p = doc.pub
    if p is None:
        c.value = f"XXXX-{m:02d}" + (f"-{d:02d}" if d else "")
        c.anchored, c.rule = False, "unanchored"
        return c
    y = _pick_year(c, p.year, (p.month, p.day if d else 0), (m, d or 0), shift)
    if d and shift is None and not c.future and _valid(y + 1, m, d):
        # في 12 أغسطس in a paper of 23 July: news give exact days for coming events too, so a
        # day that falls within the coming UPCOMING_DAYS is read as the coming one.
        ahead = dt.date(y + 1, m, d) - p
        if dt.timedelta(0) < ahead <= dt.timedelta(days=UPCOMING_DAYS):
            y += 1
            c.rule = f"day-within-{UPCOMING_DAYS}-days-after-publication"
    if d and not _valid(y, m, d):
        return None
    c.value = _ym(y, m) + (f"-{d:02d}" if d else "")
    return c


def _hijri_relative(doc: _Doc, c: Cand, m: int, d: int | None, shift: int | None) -> Cand | None:
    """Resolve a Hijri month (and day) without a year against the publication date."""
    c.kind = "relative"
    p = doc.pub
    if p is None:
        c.value, c.anchored, c.rule = "XXXX-XX-XX" if d else "XXXX-XX", False, "unanchored"
        c.hijri = f"XXXX-{m:02d}" + (f"-{d:02d}" if d else "")
        return c
    h = Gregorian(p.year, p.month, p.day).to_hijri()
    hy = _pick_year(c, h.year, (h.month, h.day if d else 0), (m, d or 0), shift)
    c.rule = "hijri:" + (c.rule or "")
    if d:
        g = _hijri_to_greg(hy, m, d)
        if g is None:
            return None
        c.value, c.hijri = _iso(g), f"{hy:04d}-{m:02d}-{d:02d}"
        return c
    r = _hijri_month_range(hy, m)
    if r is None:
        return None
    c.value, c.hijri = f"{_iso(r[0])}/{_iso(r[1])}", f"{hy:04d}-{m:02d}"
    return c


def _key(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


def _prev_word(v: str, pos: int) -> str:
    m = re.search(r"(\w+)\W*$", v[max(0, pos - 40) : pos])
    return m.group(1) if m else ""


def _date(doc: _Doc, mt: re.Match, hijri: bool) -> Cand | None:
    """A date with a month name; من 15 إلى 26 شوال gives the range of the two days."""
    c = _date_one(doc, mt, hijri)
    if c is None or not mt["d0"] or "/" in c.value or c.value.startswith("X"):
        return c
    d0 = int(mt["d0"])
    if c.hijri:
        hy, hm = int(c.hijri[:4]), int(c.hijri[5:7])
        g0 = _hijri_to_greg(hy, hm, d0)
        if g0 is None:
            return None
        first = _iso(g0)
        c.hijri = f"{c.hijri[:8]}{d0:02d}/{c.hijri}"
    else:
        first = c.value[:-2] + f"{d0:02d}"
    c.value, c.kind = f"{first}/{c.value}", "range" if c.kind == "date" else c.kind
    return c


def _date_one(doc: _Doc, mt: re.Match, hijri: bool) -> Cand | None:
    lex = doc.lex
    table = lex.hijri_months if hijri else lex.months
    mk = _key(mt["m"])
    month = table.get(mk)
    if month is None:
        return None
    if mt["od"]:
        d: int | None = int(lex.cat("ordinal")[_key(mt["od"])])
    else:
        d = int(mt["d"]) if mt["d"] else None
    y = int(mt["y"]) if mt["y"] else None
    d0 = int(mt["d0"]) if mt["d0"] else None
    if d0 is not None and (d is None or not 1 <= d0 < d):
        return None
    s, e = mt.span("core")
    if mt["m2"]:
        m2 = table.get(_key(mt["m2"]))
        if m2 != month:
            # Two different months side by side: keep the first one only.
            e = mt.end("m")
            y = None
            if d is None:
                return None
    if mt["hh"] and d is None:
        e = mt.start("hh")
    era = mt["era"]
    if not hijri and _is_hijri_era(era):
        return None  # a Gregorian month with a Hijri era marker: not a date we can trust
    if hijri and era and not _is_hijri_era(era):
        return None
    cue = bool(mt["sh"] or mt["yr"] or mt["shahr"] or mt["m2"])
    if (hijri or mk in lex.months_need_number) and d is None and y is None and not cue:
        return None
    if y is None and d is None and not (cue or mt["sig"] or mt["mod"]):
        return None
    if doc.v.startswith(" من كل", e):
        return None  # شهر سبتمبر من كل عام: a recurring time, not a date
    if y is None and d is not None and _prev_word(doc.v, mt.start("core")) in doc.P.name_heads:
        return None  # ثورة 23 يوليو: the name of an event
    mod = lex.cat("decade_mod").get(_key(mt["mod"])) if mt["mod"] else None
    c = Cand(s, e, "", "date", mod=mod)
    if y is not None:
        if hijri:
            if d is not None:
                g = _hijri_to_greg(y, month, d)
                if g is None:
                    return None
                c.value, c.hijri = _iso(g), f"{y:04d}-{month:02d}-{d:02d}"
                return c
            r = _hijri_month_range(y, month)
            if r is None:
                return None
            c.value, c.kind, c.hijri = f"{_iso(r[0])}/{_iso(r[1])}", "range", f"{y:04d}-{month:02d}"
            return c
        if not 1000 <= y <= 2100:
            return None
        if d is not None:
            if not _valid(y, month, d):
                return None
            c.value = f"{y:04d}-{month:02d}-{d:02d}"
        else:
            c.value = _ym(y, month)
        return c
    if d is not None and not 1 <= d <= 31:
        return None
    c.future = doc.is_future(s, e)
    if mt["yr"]:
        yr = _key(mt["yr"])
        if any(w in yr for w in ("نفس", "ذات")):
            c.kind, c.ref, c.month, c.day = "relative", "year", month, d
            c.cal = "hijri" if hijri else "gregorian"
            return c
        k = 0
        for w, val in lex.cat("shift").items():
            if yr.endswith(w):
                k = int(val)
        c.kind = "relative"
        if doc.pub is None:
            c.value = f"XXXX-{month:02d}" + (f"-{d:02d}" if d else "")
            c.anchored, c.rule = False, "unanchored"
            return c
        if hijri:
            return _hijri_relative(doc, c, month, d, 0)  # (the Hijri year of publication)
        yy = doc.pub.year + k
        if d and not _valid(yy, month, d):
            return None
        c.value = _ym(yy, month) + (f"-{d:02d}" if d else "")
        c.rule = "publication-year" + (f"{k:+d}" if k else "")
        return c
    shift = int(lex.cat("shift")[_key(mt["sh"])]) if mt["sh"] else None
    if hijri:
        return _hijri_relative(doc, c, month, d, shift)
    return _month_day_relative(doc, c, month, d, shift)


def _ord_rel(doc: _Doc, mt: re.Match) -> Cand | None:
    """الرابع عشر من الشهر الماضي: a day of a month named relative to publication."""
    lex = doc.lex
    d = int(lex.cat("ordinal")[_key(mt["od"])]) if mt["od"] else int(mt["d"])
    if not 1 <= d <= 31:
        return None
    k = 0 if mt["this"] else int(lex.cat("shift")[_key(mt["sh"])])
    s, e = mt.span("core")
    c = Cand(s, e, "", "relative")
    p = doc.pub
    if p is None:
        c.value, c.anchored, c.rule = f"XXXX-XX-{d:02d}", False, "unanchored"
        return c
    y, m = _add_months(p.year, p.month, k)
    if not _valid(y, m, d):
        return None
    c.value, c.rule = f"{y:04d}-{m:02d}-{d:02d}", f"publication{k:+d} month" if k else "publication month"
    return c


PART_ORD = {"الاول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4}


def _part(doc: _Doc, mt: re.Match) -> Cand | None:
    """النصف الأول / الربع الثالث (من العام الجاري | من عام 2015): halves and quarters of a year."""
    n = PART_ORD[mt["ord"]]
    half = mt["part"] == "النصف"
    if half and n > 2:
        return None
    suffix = f"H{n}" if half else f"Q{n}"
    s, e = mt.span("core")
    mod = doc.lex.cat("decade_mod").get(_key(mt["mod"])) if mt["mod"] else None
    if mt["y"]:
        if _is_hijri_era(mt["era"]):
            return None
        y = int(mt["y"])
        if not 1000 <= y <= 2100:
            return None
        return Cand(s, e, f"{y:04d}-{suffix}", "date", mod=mod)
    if not mt["yr"] and doc.next_word(e) == "من":
        return None  # النصف الأول من المباراة
    if not mt["yr"] and half:
        return None  # a bare "first half" is rarely about the calendar
    k = 0
    if mt["yr"]:
        for w, val in doc.lex.cat("shift").items():
            if _key(mt["yr"]).endswith(w):
                k = int(val)
    c = Cand(s, e, "", "relative", mod=mod)
    if doc.pub is None:
        c.value, c.anchored, c.rule = f"XXXX-{suffix}", False, "unanchored"
        return c
    c.value, c.rule = f"{doc.pub.year + k:04d}-{suffix}", "publication-year" + (f"{k:+d}" if k else "")
    return c


def _year_era(doc: _Doc, mt: re.Match) -> Cand | None:
    """عام 600 ميلادي: years before 1000 need the era word."""
    y = int(mt["y"])
    s, e = mt.span("core")
    mod = "approx" if mt["approx"] else None
    if _is_hijri_era(mt["era"]):
        r = _hijri_year_range(y)
        if r is None:
            return None
        return Cand(s, e, f"{_iso(r[0])}/{_iso(r[1])}", "range", mod=mod, hijri=f"{y:04d}")
    if not 1 <= y <= 2100:
        return None
    return Cand(s, e, f"{y:04d}", "year", mod=mod)


def _line_year(doc: _Doc, mt: re.Match) -> Cand | None:
    """A year that opens a line (2005 - …), as in "this day in history" columns."""
    y = int(mt["y"])
    if not 1000 <= y <= 2100:
        return None
    s, e = mt.span("core")
    return Cand(s, e, f"{y:04d}", "year")


def _numeric(doc: _Doc, mt: re.Match) -> Cand | None:
    if mt["y1"]:
        y, m, d = int(mt["y1"]), int(mt["m1"]), int(mt["d1"])
    else:
        y, m, d = int(mt["y2"]), int(mt["m2"]), int(mt["d2"])
    era = mt["era"]
    s, e = mt.span("core")
    hijri = _is_hijri_era(era) or (1300 <= y <= 1500 and not era)
    if hijri:
        if not 1 <= m <= 12 or not 1 <= d <= 30:
            return None
        g = _hijri_to_greg(y, m, d)
        if g is None:
            return None
        return Cand(s, e, _iso(g), "date", hijri=f"{y:04d}-{m:02d}-{d:02d}")
    if not 1800 <= y <= 2100 or not _valid(y, m, d):
        return None
    return Cand(s, e, f"{y:04d}-{m:02d}-{d:02d}", "date")


def _year_value(y: int, era: str | None, hijri_hint: bool = False) -> tuple[str, str, str | None] | None:
    """(value, kind, hijri) of a year number."""
    if _is_hijri_era(era) or (hijri_hint and not era and 1300 <= y <= 1500):
        r = _hijri_year_range(y)
        if r is None:
            return None
        return f"{_iso(r[0])}/{_iso(r[1])}", "range", f"{y:04d}"
    if not 1000 <= y <= 2100:
        return None
    return f"{y:04d}", "year", None


YEAR_IN_LIST = re.compile(rf"(?P<y>{Y2})(?P<era>{ERA})?")


def _year_noun(doc: _Doc, mt: re.Match) -> list[Cand]:
    lex = doc.lex
    mod = lex.cat("decade_mod").get(" ".join(mt["mod"].split())) if mt["mod"] else None
    sig = lex.cat("year_signal").get(mt["sig"]) if mt["sig"] else None
    mod = mod or sig or ("approx" if mt["approx"] else None)
    # العام الدراسي/المالي 1436: Saudi academic and fiscal years are Hijri.
    hint = mt["adj"] in ("الدراسي", "الجامعي", "المالي", "الهجري")
    ys_start = mt.start("ys")
    items = [(int(x["y"]), x["era"], x.start() + ys_start, x.end() + ys_start) for x in YEAR_IN_LIST.finditer(mt["ys"])]
    out: list[Cand] = []
    i = 0
    first = True
    while i < len(items):
        y, era, s, e = items[i]
        if first:
            s = mt.start("core")
        # A dash or slash between two years makes a range.
        if i + 1 < len(items):
            gap = doc.v[e : items[i + 1][2]]
            if re.fullmatch(r"\s*[-–—/]\s*", gap):
                y2, era2, _, e2 = items[i + 1]
                if gap.strip() == "/" and y2 == y + 1:
                    pass
                if y < y2 <= y + 200:
                    hij = _is_hijri_era(era) or _is_hijri_era(era2) or (hint and 1300 <= y <= 1500)
                    if hij:
                        a, b = _hijri_year_range(y), _hijri_year_range(y2)
                        if a and b:
                            out.append(Cand(s, e2, f"{_iso(a[0])}/{_iso(b[1])}", "range", mod=mod, hijri=f"{y}/{y2}"))
                    elif 1000 <= y <= 2100 and 1000 <= y2 <= 2100:
                        out.append(Cand(s, e2, f"{y:04d}/{y2:04d}", "range", mod=mod))
                    i += 2
                    first = False
                    continue
        yv = _year_value(y, era, hint)
        if yv is not None:
            out.append(Cand(s, e, yv[0], yv[1], mod=mod, hijri=yv[2]))
        i += 1
        first = False
    return out


def _year_sig(doc: _Doc, mt: re.Match) -> Cand | None:
    lex = doc.lex
    y1 = int(mt["y1"])
    y2 = int(mt["y2"]) if mt["y2"] else None
    era = mt["era2"] or mt["era1"]
    mod = lex.cat("decade_mod").get(" ".join(mt["mod"].split())) if mt["mod"] else None
    sig = lex.cat("year_signal").get(mt["sig"]) if mt["sig"] else None
    s, e = mt.span("core")
    if not (mt["sig"] or mod or era or y2):
        return None
    if y2 is None and not mod and not era:
        # A bare number after a preposition is a year only when no counted noun follows it.
        if not 1900 <= y1 <= 2100:
            return None
        nw = doc.next_word(e)
        if nw is not None and nw not in doc.P.year_followers and mt["sig"] not in ("منذ", "بحلول"):
            return None
    if y2 is not None:
        if not y1 < y2 <= y1 + 200:
            return None
        if _is_hijri_era(era):
            a, b = _hijri_year_range(y1), _hijri_year_range(y2)
            if not (a and b):
                return None
            return Cand(s, e, f"{_iso(a[0])}/{_iso(b[1])}", "range", mod=mod or sig or None, hijri=f"{y1}/{y2}")
        if not (1000 <= y1 <= 2100 and 1000 <= y2 <= 2100):
            return None
        if not (mt["sig"] or mod or era):
            nw = doc.next_word(e)
            if y2 - y1 > 150 or (nw is not None and nw not in doc.P.year_followers):
                return None
        return Cand(s, e, f"{y1:04d}/{y2:04d}", "range", mod=mod or sig or None)
    yv = _year_value(y1, era)
    if yv is None:
        return None
    return Cand(s, e, yv[0], yv[1], mod=mod or sig or None, hijri=yv[2])


def _range(doc: _Doc, mt: re.Match) -> Cand | None:
    y1, y2 = int(mt["y1"]), int(mt["y2"])
    frm = " ".join(mt["from"].split())
    to = mt["to"].strip()
    if frm == "من" and to == "و":
        return None
    if frm != "من" and to not in ("و",) and not to.startswith("و"):
        return None
    if not y1 < y2 <= y1 + 200:
        return None
    s, e = mt.span("core")
    era = mt["era2"] or mt["era1"]
    if _is_hijri_era(era):
        a, b = _hijri_year_range(y1), _hijri_year_range(y2)
        if not (a and b):
            return None
        return Cand(s, e, f"{_iso(a[0])}/{_iso(b[1])}", "range", hijri=f"{y1}/{y2}", prio=1)
    if not (1000 <= y1 <= 2100 and 1000 <= y2 <= 2100):
        return None
    return Cand(s, e, f"{y1:04d}/{y2:04d}", "range", prio=1)


def _decade(doc: _Doc, mt: re.Match) -> Cand | None:
    lex = doc.lex
    mod = lex.cat("decade_mod").get(" ".join(mt["mod"].split())) if mt["mod"] else None
    s, e = mt.span("core")
    if mt["md"]:
        start = int(lex.cat("millennium_decade")[" ".join(mt["md"].split())])
        return Cand(s, e, f"{start // 10:03d}X", "decade", mod=mod)
    if mt["dd"]:
        dd = mt["dd"]
        if len(dd) == 4:
            if not dd.endswith("0"):
                return None
            return Cand(s, e, f"{dd[:3]}X", "decade", mod=mod)
        if not dd.endswith("0"):
            return None
        century = "19"
        return Cand(s, e, f"{century}{dd[0]}X", "decade", mod=mod)
    digit = None
    for w, v in lex.cat("decade").items():
        if w[2:] == mt["dw"] or w == mt["dw"]:
            digit = v
            break
    if digit is None:
        return None
    cent = " ".join(mt["cent"].split()) if mt["cent"] else ""
    century = "20" if ("الحالي" in cent or "الحادي" in cent) else ("18" if "التاسع" in cent else "19")
    return Cand(s, e, f"{century}{digit}X", "decade", mod=mod)


def _shift_of(lex: Lexicon, word: str) -> int:
    return int(lex.cat("shift")[" ".join(word.split())])


def _rel_unit(doc: _Doc, mt: re.Match) -> Cand | None:
    lex = doc.lex
    unit = lex.cat("unit").get("ال" + (mt["u1"] or mt["u2"]))
    if unit is None:
        return None
    k = 0 if mt["this"] else _shift_of(lex, mt["sh"])
    mod = lex.cat("decade_mod").get(" ".join(mt["mod"].split())) if mt["mod"] else None
    s, e = mt.span("core")
    c = Cand(s, e, "", "relative", mod=mod)
    if mt["adj"] in ("الدراسي", "الجامعي", "المالي", "الهجري") and unit == "year":
        c.rule = "approximate: academic/fiscal year"
    p = doc.pub
    if p is None:
        c.value = {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX"}[unit]
        c.anchored, c.rule = False, "unanchored"
        return c
    c.rule = (f"publication{k:+d} {unit}" if k else f"publication {unit}") + (f"; {c.rule}" if c.rule else "")
    if unit == "year":
        c.value = f"{p.year + k:04d}"
    elif unit == "month":
        c.value = _ym(*_add_months(p.year, p.month, k))
    else:
        c.value = _week(p + dt.timedelta(weeks=k))
    return c


def _day(doc: _Doc, mt: re.Match) -> Cand | None:
    lex = doc.lex
    word = " ".join(mt["day"].split())
    s, e = mt.span("core")
    if word in ("اليوم", "غدا", "الغد", "امس") and not mt["wd"]:
        nw = doc.next_word(e)
        # اليوم الوطني، غدا الأمر (the verb "became"), أمس الحاجة ("most in need"): not a day.
        if nw and nw.startswith("ال") and nw not in lex.weekdays and nw not in doc.P.al_function:
            return None
    if mt["this"] and word != "اليوم":
        return None
    if word == "اليوم" and not mt["dp"] and not mt["this"]:
        before = doc.v[max(0, s - 2) : s]
        if _prev_word(doc.v, s) in doc.P.day_name_heads or "«" in before or '"' in before:
            return None  # روسيا اليوم، صحيفة «اليوم»: a name
    k = int(lex.cat("day")[word])
    c = Cand(s, e, "", "relative")
    p = doc.pub
    if p is None:
        c.value, c.anchored, c.rule = "XXXX-XX-XX", False, "unanchored"
        return c
    target = p + dt.timedelta(days=k)
    c.rule = f"publication{k:+d} day" if k else "publication day"
    w = lex.weekdays.get(mt["wd"]) if mt["wd"] else None
    if w is not None and w != target.isoweekday():
        # أمس الأحد when yesterday was a Saturday: the named weekday wins (nearest one), and the
        # article's "today" moves with it for the day words that follow.
        delta = (w - target.isoweekday()) % 7
        delta = delta if delta <= 3 else delta - 7
        target += dt.timedelta(days=delta)
        doc.day_shift = (s, delta)
        c.rule += "; weekday named in the text"
    elif w is None and doc.day_shift is not None and doc.day_shift[0] < s:
        target += dt.timedelta(days=doc.day_shift[1])
        c.rule += "; today as the text named it earlier"
    c.value = _iso(target)
    return c


def _weekday(doc: _Doc, mt: re.Match) -> Cand | None:
    lex = doc.lex
    wk = mt["wd"]
    w = lex.weekdays.get(wk)
    if w is None:
        return None
    if wk in lex.weekdays_need_cue and not (mt["dp"] or mt["sh"]):
        return None
    s, e = mt.span("core")
    if not mt["dp"] and _prev_word(doc.v, s) in doc.P.weekday_heads:
        return None  # منبر الجمعة، صلاة الجمعة: the weekday in general
    c = Cand(s, e, "", "relative")
    c.future = doc.is_future(s, e)
    shift = _shift_of(lex, mt["sh"]) if mt["sh"] else None
    p = doc.pub
    if p is None:
        c.value, c.anchored, c.rule = f"XXXX-WXX-{w}", False, "unanchored"
        return c
    pw = p.isoweekday()
    if shift == -1:
        back = (pw - w - 1) % 7 + 1
        c.value, c.rule = _iso(p - dt.timedelta(days=back)), "latest-before-publication"
    elif shift == 1 or (shift is None and c.future):
        fwd = (w - pw) % 7
        if shift == 1 and fwd == 0:
            fwd = 7
        c.value = _iso(p + dt.timedelta(days=fwd))
        c.rule = "next-after-publication" if shift == 1 else "future-clause:next-on-or-after-publication"
    else:
        back = (pw - w) % 7
        c.value, c.rule = _iso(p - dt.timedelta(days=back)), "past:latest-on-or-before-publication"
    return c


def _count(lex: Lexicon, n_text: str | None, cu_text: str) -> tuple[str, int | None]:
    unit_spec = lex.cat("count_unit")[" ".join(cu_text.split())]
    unit, _, implied = unit_spec.partition(":")
    if n_text:
        n = int(n_text) if n_text.isdigit() else int(lex.cat("number")[" ".join(n_text.split())])
    elif implied:
        n = int(implied)
    else:
        n = None
    return unit, n


PLURAL_UNITS = {"اعوام", "سنوات", "سنين", "اشهر", "شهور", "اسابيع", "ايام", "عقود"}


def _ago(doc: _Doc, mt: re.Match) -> Cand | None:
    lex = doc.lex
    cu = " ".join(mt["cu"].split())
    unit, n = _count(lex, mt["n"], cu)
    if n is None:
        if cu in PLURAL_UNITS:
            return None
        n = 1
    s, e = mt.span("core")
    if doc.next_word(e) == "من":
        return None  # قبل أسبوعين من الانتخابات: counted from another event, not from publication
    since = mt["ago"] == "منذ"
    c = Cand(s, e, "", "relative", mod="since" if since else ("approx" if mt["approx"] or mt["approx2"] else None))
    p = doc.pub
    if unit == "decade":
        unit, n = "year", n * 10
    if p is None:
        c.value = {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX", "day": "XXXX-XX-XX"}[unit]
        c.anchored, c.rule = False, "unanchored"
        return c
    c.rule = f"publication-{n} {unit}"
    if unit == "year":
        c.value = f"{p.year - n:04d}"
    elif unit == "month":
        c.value = _ym(*_add_months(p.year, p.month, -n))
    elif unit == "week":
        c.value = _week(p - dt.timedelta(weeks=n))
    else:
        c.value = _iso(p - dt.timedelta(days=n))
    return c


def _past_n(doc: _Doc, mt: re.Match) -> Cand | None:
    lex = doc.lex
    cu = _key(mt["cu"] or mt["cu2"])
    unit, n = _count(lex, mt["n"] or mt["n2"], cu)
    s, e = mt.span("core")
    future = "مقبل" in mt["sh"] or "قادم" in mt["sh"]
    letter = {"year": "Y", "month": "M", "week": "W", "day": "D", "decade": "Y"}[unit]
    if n is None:
        # العام الماضي is a relative unit; السنوات الماضية (no count) is too vague to place.
        return None
    if unit == "decade":
        unit, n = "year", n * 10
    c = Cand(s, e, "", "relative")
    p = doc.pub
    if p is None:
        c.value, c.anchored, c.rule = f"P{n}{letter if letter != 'Y' else 'Y'}", False, "unanchored"
        return c
    sign = 1 if future else -1
    if unit == "year":
        a, b = p.year, p.year + sign * n
        c.value = f"{min(a, b):04d}/{max(a, b):04d}"
    elif unit == "month":
        a2 = _ym(p.year, p.month)
        b2 = _ym(*_add_months(p.year, p.month, sign * n))
        c.value = f"{min(a2, b2)}/{max(a2, b2)}"
    elif unit == "week":
        a3, b3 = _week(p), _week(p + dt.timedelta(weeks=sign * n))
        c.value = f"{min(a3, b3)}/{max(a3, b3)}"
    else:
        a4, b4 = _iso(p), _iso(p + dt.timedelta(days=sign * n))
        c.value = f"{min(a4, b4)}/{max(a4, b4)}"
    c.rule = f"publication{sign * n:+d} {unit} range"
    return c


def _context(doc: _Doc, mt: re.Match) -> Cand | None:
    s, e = mt.span("core")
    u = mt["u1"] or mt["u2"] or mt["u3"]
    gran = {"عام": "year", "سنه": "year", "شهر": "month", "يوم": "day", "اسبوع": "week"}.get(u or "", "any")
    return Cand(s, e, "", "relative", ref=gran)


# ----------------------------------------------------------------------------- driver


def _candidates(doc: _Doc) -> list[Cand]:
    P = doc.P
    v = doc.v
    out: list[Cand] = []

    n = len(v)
    windows_cache: dict[str, list[tuple[int, int]]] = {}

    def windows(name: str) -> list[tuple[int, int]]:
        """Merged text windows around the trigger of ``name``."""
        if name not in windows_cache:
            trig, before, after = P.triggers[name]
            out_w: list[tuple[int, int]] = []
            for m in trig.finditer(v):
                a, b = max(0, m.start() - before), min(n, m.end() + after)
                if out_w and a <= out_w[-1][1]:
                    out_w[-1] = (out_w[-1][0], max(out_w[-1][1], b))
                else:
                    out_w.append((a, b))
            windows_cache[name] = out_w
        return windows_cache[name]

    def run(rx: re.Pattern, trigger: str, fn, prio: int) -> None:
        for a, b in windows(trigger):
            for mt in rx.finditer(v, a, b):
                if mt.end() == b < n:
                    continue  # the window cut the match (or faked a word boundary)
                r = fn(doc, mt)
                if r is None:
                    continue
                for c in r if isinstance(r, list) else [r]:
                    c.prio = max(c.prio, prio)
                    out.append(c)

    run(P.date_g, "date_g", lambda d, m: _date(d, m, False), 3)
    run(P.date_h, "date_h", lambda d, m: _date(d, m, True), 3)
    run(P.numeric, "numeric", _numeric, 4)
    run(P.range, "year", _range, 3)
    run(P.year_noun, "year", _year_noun, 2)
    run(P.year_sig, "year", _year_sig, 1)
    run(P.line_year, "year", _line_year, 0)
    run(P.year_era, "year", _year_era, 1)
    run(P.decade, "decade", _decade, 2)
    run(P.ord_rel, "ord_rel", _ord_rel, 3)
    run(P.part, "part", _part, 3)
    run(P.rel_unit, "unit", _rel_unit, 2)
    run(P.day, "day", _day, 2)
    run(P.weekday, "weekday", _weekday, 1)
    run(P.ago, "ago", _ago, 2)
    run(P.past_n, "past_n", _past_n, 2)
    run(P.context, "context", _context, 1)
    return out


def _select(cands: list[Cand]) -> list[Cand]:
    chosen: list[Cand] = []
    for c in sorted(cands, key=lambda c: (-(c.e - c.s), -c.prio, c.s)):
        if c.e <= c.s:
            continue
        if any(c.s < o.e and o.s < c.e for o in chosen):
            continue
        chosen.append(c)
    chosen.sort(key=lambda c: c.s)
    return chosen


def _truncate(value: str, gran: str) -> str:
    if gran == "year":
        return value[:4]
    if gran == "month":
        return value[:7] if len(value) >= 7 and value[4] == "-" and "W" not in value else value
    return value


def _resolve_context(chosen: list[Cand]) -> None:
    last: Cand | None = None
    for c in chosen:
        if c.ref is not None:
            if last is None:
                c.value, c.anchored, c.rule = "XXXX", False, "no-antecedent"
            elif c.month is not None and c.cal == "hijri":
                hy = last.hijri[:4] if last.hijri else ""
                r = _hijri_month_range(int(hy), c.month) if hy.isdigit() else None
                if r is not None and not c.day:
                    c.value, c.hijri = f"{_iso(r[0])}/{_iso(r[1])}", f"{hy}-{c.month:02d}"
                    c.anchored, c.rule = last.anchored, "hijri-year-of-previous-timex"
                else:
                    g = _hijri_to_greg(int(hy), c.month, c.day) if hy.isdigit() and c.day else None
                    c.value = _iso(g) if g else "XXXX-XX-XX"
                    c.anchored, c.rule = g is not None and last.anchored, "hijri-year-of-previous-timex"
            elif c.month is not None:
                y = last.value[:4]
                if y.isdigit():
                    c.value = f"{y}-{c.month:02d}" + (f"-{c.day:02d}" if c.day else "")
                    c.anchored, c.rule = last.anchored, "year-of-previous-timex"
                else:
                    c.value = f"XXXX-{c.month:02d}" + (f"-{c.day:02d}" if c.day else "")
                    c.anchored, c.rule = False, "unanchored"
            else:
                c.value = _truncate(last.value, c.ref)
                c.anchored, c.rule = last.anchored, "previous-timex"
            continue
        if c.kind != "duration" and c.value:
            last = c


def extract(ctx: DocContext) -> list[Timex]:
    doc = _Doc(ctx)
    chosen = _select(_candidates(doc))
    _resolve_context(chosen)
    text = ctx.text
    out: list[Timex] = []
    for c in chosen:
        if doc.v.startswith("لل", c.s):
            c.s += 1  # للعام = ل + العام: the preposition is not part of the expression
        s, e = doc.view.to_original(c.s, c.e)
        while e > s and text[e - 1].isspace():
            e -= 1
        while e < len(text) and text[e] in _DROPPED:  # هـ, غداً: keep the tatweel and tanwin
            e += 1
        while s < e and text[s].isspace():
            s += 1
        if e <= s or ctx.in_boilerplate(s, e):
            continue
        rule = c.rule
        if rule is None and c.kind in ("date", "year", "range") and (c.future or doc.is_future(c.s, c.e)):
            rule = "future-clause"  # an explicit date in a clause about the future (infer_published skips it)
        elif rule is None and c.kind in ("date", "year", "range") and doc.is_target(c.s):
            rule = "target"  # رؤية الكويت لعام 2020: a named target year, no lower bound of the writing
        out.append(Timex(s, e, text[s:e], c.value, c.anchored, c.kind, mod=c.mod, hijri=c.hijri, rule=rule))
    return out
