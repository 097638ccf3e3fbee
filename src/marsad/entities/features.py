"""CRF features of Marsad tokens for the statistical NER tagger.

Features are strings (crfsuite attributes with value 1). They come from the text
layer only — folded keys (:func:`marsad.text.fold`: no hamza/alef/yaa/taa marbuta
or diacritic differences), proclitic readings (:func:`marsad.text.clitic_splits`),
affixes and shape — plus a window of two tokens each side and, when the gazetteer
module is present, its per-token tags (:func:`marsad.entities.gazetteer.token_tags`).

Speed: everything that depends on one word only is computed once per distinct
folded key and kept in a cache, already prefixed for each window position, so a
token's feature list is a concatenation of cached lists. At run time the cache keeps
only attributes the model knows (``known``), which makes unknown words free.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from sys import intern
from typing import TypeVar

from marsad.data_files import data_rows
from marsad.text import Token, clitic_splits, fold

__all__ = [
    "FeatureExtractor",
    "build_lexicon",
    "gazetteer_tagger",
    "FEATURE_VERSION",
    "sentence_chunks",
    "name_key",
    "label_spans",
    "stack_features",
    "plain_verb",
    "clause_verb",
    "verb_form",
    "future_form",
]

V = TypeVar("V")

# Bump when features change: the model records it and refuses a mismatch.
FEATURE_VERSION = "ner-features-10"

_AR_FIRST = ("\u0600", "\u06ff")
_SENT_END = frozenset({".", "؟", "?", "!", "…"})
MAX_CHUNK = 200
BIGRAMS = True
_CACHE_MAX = 100_000  # ≈ 1.2 kB per cached word: ≈ 120 MB at most

# Window positions with the per-word features used there.
_OFFSETS = (-2, -1, 1, 2)



def _shape(text: str, key: str) -> str:
    c = text[:1]
    if not c:
        return "E"
    if _AR_FIRST[0] <= c <= _AR_FIRST[1] and key[:1].isalpha():
        return "AR"
    if key[:1].isdigit():
        return "NUM"
    if c.isalpha():
        if text.isupper() and len(text) > 1:
            return "LATU"
        if c.isupper():
            return "LATC"
        return "LAT"
    return "P" + c


# Noun suffixes tried (longest first) when a stem is not in the word-class lexicon:
# plural/dual/nisba endings and a taa marbuta (folded to ه).
_SUFFIXES = ("يون", "يين", "يه", "ات", "ون", "ين", "ان", "ه", "ي")


def _lexicon_rows(name: str) -> list[list[str]]:
    """The tab-separated rows of a feature lexicon in data/lexicon/ (provenance lines skipped)."""
    return data_rows("lexicon", name)


@lru_cache(maxsize=1)
def word_classes() -> dict[str, str]:
    """Folded word -> "classes|band" from the Arramooz-derived lexicon (data/lexicon/wordclass.tsv)."""
    return {key: cls + "|" + band for key, cls, band in _lexicon_rows("wordclass.tsv")}


class PhraseLexicon:
    """Folded names of one to several words -> a value, matched longest first over tokens.

    The first token may carry proclitics (``بكراتشي``, ``والفلوجة``, ``للوحدات``).
    """

    def __init__(self, rows: Iterable[tuple[str, str]]):
        self.names: dict[str, str] = {}
        self.firsts: dict[str, int] = {}  # a name's first word -> the most words a name starting with it has
        for key, value in rows:
            self.names[key] = value
            words = key.split(" ")
            self.firsts[words[0]] = max(self.firsts.get(words[0], 0), len(words))
        self._heads = lru_cache(maxsize=100_000)(self._heads_of)

    def _heads_of(self, key: str) -> tuple[tuple[str, int], ...]:
        """Readings of a word (as written, without proclitics) that begin a name, with its longest length."""
        out = []
        for pre, head in clitic_splits(key):
            if pre.endswith("لل"):  # ل + ال: للفيصلي holds الفيصلي
                head = "ال" + head
            longest = self.firsts.get(head)
            if longest:
                out.append((head, longest))
        return tuple(out)

    def tags(self, tokens: Sequence[Token]) -> list[str | None]:
        """Per token: "U<value>", "B<value>" or "I" where a name matches, else None."""
        names = self.names
        n = len(tokens)
        out: list[str | None] = [None] * n
        i = 0
        while i < n:
            heads = self._heads(tokens[i].key)
            hit = 0
            if heads:
                for length in range(min(max(m for _h, m in heads), n - i), 0, -1):
                    rest = " ".join(t.key for t in tokens[i + 1 : i + length])
                    for h, _m in heads:
                        value = names.get(h + " " + rest if rest else h)
                        if value is not None:
                            hit = length
                            out[i] = ("U" if length == 1 else "B") + value
                            for k in range(i + 1, i + length):
                                out[k] = "I"
                            break
                    if hit:
                        break
            i += hit or 1
        return out


@lru_cache(maxsize=1)
def place_names() -> PhraseLexicon:
    """Folded Arabic city names (GeoNames, data/lexicon/place_names.tsv) -> population band."""
    return PhraseLexicon((key, band) for key, band in _lexicon_rows("place_names.tsv"))


@lru_cache(maxsize=1)
def club_names() -> PhraseLexicon:
    """Folded sports club names (curated, data/lexicon/club_names.tsv) -> ""."""
    return PhraseLexicon((fold(row[0]), "") for row in _lexicon_rows("club_names.tsv"))


def verb_form(key: str) -> bool:
    """An inflected present or past form of a frequent dictionary verb (تبحث، يكون، قالت) that no
    dictionary noun or name spells the same."""
    wc = word_classes()
    return key not in wc and _is_verb_form(key, wc, strict=True)


def future_form(key: str) -> bool:
    """س + a present verb form (ستبحث، سيكون، سنعمل), not a noun that begins the same way
    (سياسة، سنوات، سيارة: dictionary words as written)."""
    wc = word_classes()
    return key[:1] == "س" and key not in wc and _is_verb_form(key[1:], wc)


def clause_verb(key: str) -> bool:
    """A frequent verb as written (قام) or inflected (بدأت، يقولون) that no dictionary noun or
    name spells the same: a word that makes a quoted phrase a clause rather than a name."""
    return plain_verb(key) or verb_form(key)


def plain_verb(key: str) -> bool:
    """A frequent word the dictionary knows only as a verb (قام، أكد، التقى), with or without و/ف
    (rare readings of short words such as لها, "amused", do not count)."""
    wc = word_classes()
    for k in (key, key[1:] if key[:1] in "وف" else ""):
        cls = wc.get(k) if k else None
        if cls is not None:
            kind, _, band = cls.partition("|")
            return kind == "VERB" and band.isdigit() and int(band) >= 4
    return False


@lru_cache(maxsize=1)
def person_names() -> dict[str, str]:
    """Folded one-word person names -> G/F/G+F (Faker's Arabic providers, data/lexicon/person_names.tsv),
    else W (foreign given names as written in Arabic, data/lexicon/world_given_names.tsv), else WS
    (foreign family names, data/lexicon/world_surnames.tsv)."""
    out = {fold(row[0]): "WS" for row in _lexicon_rows("world_surnames.tsv")}
    out.update((fold(row[0]), "W") for row in _lexicon_rows("world_given_names.tsv"))
    out.update((key, kind) for key, kind in _lexicon_rows("person_names.tsv"))
    return out


@lru_cache(maxsize=1)
def name_units() -> dict[str, tuple[str, str]]:
    """Folded one-word name units (Wikidata via arabic-name-romanizer, data/lexicon/name_units.tsv)
    -> (G/F/G+F/U, log10 band of bearers)."""
    return {key: (kind, band) for key, kind, band in _lexicon_rows("name_units.tsv")}


def _first_hit(table: Mapping[str, V], key: str, stems: Sequence[str]) -> V | None:
    """The table's value for the word as written, else for its first stem (without proclitics) that has one."""
    hit = table.get(key)
    if hit is None:
        for stem in stems:
            hit = table.get(stem)
            if hit is not None:
                break
    return hit


def _person_name(key: str, stems: Sequence[str]) -> list[str]:
    out = []
    kind = _first_hit(person_names(), key, stems)
    if kind is not None:
        out.append("nm=" + kind)
    unit = _first_hit(name_units(), key, stems)
    if unit is not None:
        out.append("nu=" + unit[0])
        out.append("nu=" + unit[0] + "|" + unit[1])
    return out


def place_tags(tokens: Sequence[Token]) -> list[str | None]:
    """Per token: "U<band>", "B<band>" or "I" where a GeoNames city name matches (longest first)."""
    return place_names().tags(tokens)


def _word_class(key: str, stems: Sequence[str]) -> list[str]:
    """Dictionary class features of a word: as written, after proclitics, after a suffix."""
    wc = word_classes()
    hit = wc.get(key)
    if hit is not None:
        cls, band = hit.split("|")
        return ["wc=" + cls, "wb=" + band]
    for stem in stems:
        hit = wc.get(stem)
        if hit is not None:
            cls, band = hit.split("|")
            return ["wc=p" + cls, "wb=" + band]
    for stem in (key, *stems):
        for suf in _SUFFIXES:
            if stem.endswith(suf) and len(stem) - len(suf) >= 3:
                base = stem[: -len(suf)]
                hit = wc.get(base)
                if hit is None and suf == "ات":  # حكومات → حكومة
                    hit = wc.get(base + "ه")
                if hit is not None:
                    return ["wc=x" + hit.split("|")[0]]
    for stem in (key, *stems):
        if _is_verb_form(stem, wc):
            return ["wc=vVERB"]
    return ["wc=NONE"]


_VERB_PREFIXES = ("سي", "ست", "سن", "ي", "ت", "ن")
_VERB_SUFFIXES = ("تما", "ون", "ان", "ين", "وا", "نا", "تم", "ت", "ه", "ها", "هم", "")


def _is_verb_form(word: str, wc: dict[str, str], strict: bool = False) -> bool:
    """Whether ``word`` looks like an inflection of a dictionary verb (قالت، يعلن، يقولون…);
    ``strict``: of a word the dictionary knows first as a verb, with a frequency band ≥ 4."""
    for pre in (*_VERB_PREFIXES, ""):
        if not word.startswith(pre):
            continue
        body = word[len(pre) :]
        for suf in _VERB_SUFFIXES:
            if suf and not body.endswith(suf):
                continue
            core = body[: len(body) - len(suf)]
            if len(core) < 3 or (not pre and not suf):
                continue
            cands = [core, "ا" + core] if pre else [core]
            if pre and len(core) == 3 and core[1] in "وي":
                cands.append(core[0] + "ا" + core[2])  # hollow verbs: يقول → قال
            for c in cands:
                hit = wc.get(c)
                if hit is not None:
                    cls, band = hit.split("|")
                    if strict and (cls.split("+")[0] != "VERB" or band < "4"):
                        continue
                    if "VERB" in cls and band >= "2":  # attested verbs only, not rare lemmas
                        return True
    return False


def _word_features(
    text: str, key: str, lexicon: dict[str, str] | None = None
) -> tuple[list[str], dict[int, list[str]]]:
    """Own features and window features (by offset) of one word."""
    shape = _shape(text, key)
    own = ["b", "w=" + key, "t=" + shape]
    ctx: dict[int, list[str]] = {}
    lx: list[str] = []
    if lexicon is not None:
        cls = lexicon.get(key)
        if cls is None and shape == "AR":
            for _pre, stem in clitic_splits(key)[1:]:
                cls = lexicon.get(stem)
                if cls is not None:
                    cls = "s" + cls
                    break
        lx.append("lx=" + (cls or "OOV"))
        own.extend(lx)
    if shape == "AR":
        readings = clitic_splits(key)
        stems: list[str] = []
        for pre, stem in readings[1:]:
            own.append("p=" + pre)
            if stem not in stems:
                stems.append(stem)
                own.append("s=" + stem)
        core = readings[-1][1]  # the stem after the longest proclitic reading
        wcf = _word_class(key, stems) + _person_name(key, stems)
        own.extend(wcf)
        if lx:
            own.append("lw=" + lx[0][3:] + "|" + wcf[0][3:])  # unseen in training × unknown to the dictionary
        lx = lx + [f for f in wcf if f[:3] != "wb=" and "|" not in f]
        n = len(key)
        own.append("l=" + str(min(n, 9)))
        own.append("a2=" + key[:2])
        own.append("a3=" + key[:3])
        own.append("z1=" + key[-1:])
        own.append("z2=" + key[-2:])
        own.append("z3=" + key[-3:])
        own.append("c2=" + core[:2])
        own.append("c3=" + core[:3])
        own.append("z4=" + key[-4:] if n > 4 else "z4=_")
        c1 = ["-1w=" + key, "-1z2=" + key[-2:]] + ["-1s=" + s for s in stems]
        r1 = ["+1w=" + key, "+1z2=" + key[-2:]] + ["+1s=" + s for s in stems]
        ctx[-1] = c1 + ["-1" + f for f in lx]
        ctx[1] = r1 + ["+1" + f for f in lx]
        ctx[-2] = ["-2w=" + key] + ["-2s=" + s for s in stems[-1:]]
        ctx[2] = ["+2w=" + key] + ["+2s=" + s for s in stems[-1:]]
    else:
        if shape == "NUM":
            own.append("n=" + str(min(len(key), 5)))
        ctx[-1] = ["-1w=" + key, "-1t=" + shape] + ["-1" + f for f in lx]
        ctx[1] = ["+1w=" + key, "+1t=" + shape] + ["+1" + f for f in lx]
        ctx[-2] = ["-2w=" + key]
        ctx[2] = ["+2w=" + key]
    return own, ctx


_gaz_fn: Callable[[list[Token]], list[str | None]] | None = None
_gaz_checked = False


def gazetteer_tagger() -> Callable[[list[Token]], list[str | None]] | None:
    """``marsad.entities.gazetteer.token_tags`` when that module exists, else None."""
    global _gaz_fn, _gaz_checked
    if not _gaz_checked:
        _gaz_checked = True
        try:
            mod = importlib.import_module("marsad.entities.gazetteer")
            fn = getattr(mod, "token_tags", None)
            _gaz_fn = fn if callable(fn) else None
        except Exception:  # noqa: BLE001 - any failure means "no gazetteer features"
            _gaz_fn = None
    return _gaz_fn


def name_key(key: str) -> str:
    """A token key without a leading conjunction/preposition (و، ف، ب، ل، ك; لل → ال)."""
    if key[:1] in ("و", "ف") and len(key) > 3:
        key = key[1:]
    if key[:2] == "لل" and len(key) > 4:
        return "ال" + key[2:]
    if key[:1] in ("ب", "ل", "ك") and key[1:3] == "ال" and len(key) > 4:
        return key[1:]
    return key


def label_spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """Spans of a BIO or BILOU label sequence (a stray I-/L- starts an entity)."""
    out: list[tuple[int, int, str]] = []
    start, cur = -1, None
    for k, lab in enumerate([*labels, "O"]):
        p = lab[0]
        if p == "O" or p in "BU" or lab[2:] != cur:
            if cur is not None:
                out.append((start, k, cur))
            cur = None
            if p != "O":
                start, cur = k, lab[2:]
        if p in "UL" and cur is not None:
            out.append((start, k + 1, cur))
            cur = None
    return out


def stack_features(
    chunks: Sequence[Sequence[Token]], labels: Sequence[Sequence[str]]
) -> list[list[list[str]]]:
    """Second-pass features of a document from first-pass labels.

    For each token: its first-pass label and its neighbours' (``q=``, ``-1q=``,
    ``+1q=``), and the type most often given by the first pass to the same name
    (clitics aside) elsewhere in the document (``m=``) — document-level consistency.
    """
    mem: dict[str, dict[str, int]] = {}
    own: list[list[str | None]] = []
    keys: list[list[str]] = []
    for toks, labs in zip(chunks, labels, strict=True):
        ks = [name_key(t.key) for t in toks]
        keys.append(ks)
        o: list[str | None] = [None] * len(toks)
        for i, j, t in label_spans(labs):
            for k in range(i, j):
                o[k] = t
                key = ks[k]
                if len(key) >= 2 and key[:1].isalpha():
                    c = mem.setdefault(key, {})
                    c[t] = c.get(t, 0) + 1
        own.append(o)
    out: list[list[list[str]]] = []
    for c, labs in enumerate(labels):
        n = len(labs)
        fs: list[list[str]] = []
        for k in range(n):
            f = ["q=" + labs[k], "-1q=" + (labs[k - 1] if k else "BOS"), "+1q=" + (labs[k + 1] if k + 1 < n else "EOS")]
            m = mem.get(keys[c][k])
            if m:
                t_own = own[c][k]
                best, best_n = None, 0
                for t in sorted(m):
                    cnt = m[t] - (1 if t == t_own else 0)
                    if cnt > best_n:
                        best, best_n = t, cnt
                if best is not None:
                    f.append("m=" + best)
            fs.append(f)
        out.append(fs)
    return out


def sentence_chunks(tokens: Sequence[Token], max_len: int = MAX_CHUNK) -> list[tuple[int, int]]:
    """Cut a token list into sentence-like chunks ``[i, j)`` at sentence-final marks."""
    out: list[tuple[int, int]] = []
    start = 0
    n = len(tokens)
    for k in range(n):
        if tokens[k].text in _SENT_END or k - start + 1 >= max_len:
            out.append((start, k + 1))
            start = k + 1
    if start < n:
        out.append((start, n))
    return out


def build_lexicon(sentences: Iterable, min_count: int = 1) -> dict[str, str]:
    """Word key -> its usual class in annotated sentences: "O", an entity type, or "MIX".

    A word is an entity type when at least half its occurrences are inside entities
    of that type, "O" when at least half are outside entities, else "MIX".
    """
    counts: dict[str, dict[str, int]] = {}
    for s in sentences:
        labels = ["O"] * len(s.tokens)
        for i, j, t in s.spans:
            for k in range(i, j):
                labels[k] = t
        for tok, lab in zip(s.tokens, labels, strict=True):
            c = counts.setdefault(tok.key, {})
            c[lab] = c.get(lab, 0) + 1
    lex: dict[str, str] = {}
    for key, c in counts.items():
        total = sum(c.values())
        if total < min_count:
            continue
        best = max(sorted(c), key=lambda lab: c[lab])
        lex[key] = best if 2 * c[best] >= total else "MIX"
    return lex


class FeatureExtractor:
    """Feature lists for token sequences, with a per-word cache.

    ``known`` restricts features to attributes a trained model knows (inference);
    ``use_gazetteer`` adds gazetteer tags when the gazetteer module is available.
    """

    def __init__(
        self,
        known: frozenset[str] | set[str] | None = None,
        use_gazetteer: bool = True,
        lexicon: dict[str, str] | None = None,
    ):
        self.known = known
        self.lexicon = lexicon
        self.use_gazetteer = use_gazetteer
        self._cache: dict[str, tuple[list[str], list[str], list[str], list[str], list[str], str]] = {}

    def _word(self, tok: Token) -> tuple[list[str], list[str], list[str], list[str], list[str], str]:
        k = tok.text
        hit = self._cache.get(k)
        if hit is not None:
            return hit
        own, ctx = _word_features(tok.text, tok.key, self.lexicon)
        cls = next((f[3:] for f in own if f[:3] == "wc="), None) or own[2][2:]  # word class, else shape
        parts = [own, ctx[-2], ctx[-1], ctx[1], ctx[2]]
        if self.known is not None:
            known = self.known
            parts = [[intern(f) for f in p if f in known] for p in parts]
        entry = (parts[0], parts[1], parts[2], parts[3], parts[4], cls)
        if len(self._cache) >= _CACHE_MAX:
            self._cache.clear()
        self._cache[k] = entry
        return entry

    def gazetteer_tags(self, tokens: list[Token]) -> list[str | None] | None:
        if not self.use_gazetteer:
            return None
        fn = gazetteer_tagger()
        if fn is None:
            return None
        return list(fn(tokens))

    def sequence(self, tokens: Sequence[Token], gaz: Sequence[str | None] | None = None) -> list[list[str]]:
        """Features of each token of one chunk (a sentence)."""
        n = len(tokens)
        words = [self._word(t) for t in tokens]
        places = place_tags(tokens) if self.use_gazetteer else None
        clubs = club_names().tags(tokens) if self.use_gazetteer else None
        out: list[list[str]] = []
        known = self.known
        for i in range(n):
            f = list(words[i][0])
            if i >= 1:
                f += words[i - 1][2]
                if i >= 2:
                    f += words[i - 2][1]
                else:
                    f.append("-2BOS")
            else:
                f.append("BOS")
            if i + 1 < n:
                f += words[i + 1][3]
                if i + 2 < n:
                    f += words[i + 2][4]
            else:
                f.append("EOS")
            if BIGRAMS:
                keys_i = tokens[i].key
                cls_i = words[i][5]
                bg = []
                if i >= 1:
                    bg.append("b-=" + tokens[i - 1].key + "|" + keys_i)
                    # the previous word with this word's dictionary class: generalises to unseen names
                    bg.append("cj-=" + tokens[i - 1].key + "|" + cls_i)
                    bg.append("cjc=" + words[i - 1][5] + "|" + cls_i)
                if i + 1 < n:
                    bg.append("b+=" + keys_i + "|" + tokens[i + 1].key)
                    bg.append("cj+=" + cls_i + "|" + tokens[i + 1].key)
                if known is not None:
                    bg = [x for x in bg if x in known]
                f += bg
            if places is not None and places[i] is not None:
                pf = ["pn=" + places[i], "pn=" + places[i][0]]
                if known is not None:
                    pf = [x for x in pf if x in known]
                f += pf
            if clubs is not None and clubs[i] is not None:
                cf = ["cl=" + clubs[i]]
                if known is not None:
                    cf = [x for x in cf if x in known]
                f += cf
            if gaz is not None:
                g = gaz[i]
                gp = gaz[i - 1] if i >= 1 else None
                gn = gaz[i + 1] if i + 1 < n else None
                gfs = []
                if g:
                    gfs.append("g=" + g)
                    gfs.append("gp=" + (gp or "-") + "|" + g)
                if gp:
                    gfs.append("-1g=" + gp)
                    gfs.append("-1gc=" + gp + "|" + words[i][5])
                if gn:
                    gfs.append("+1g=" + gn)
                if known is not None:
                    gfs = [x for x in gfs if x in known]
                f += gfs
            out.append(f)
        return out
