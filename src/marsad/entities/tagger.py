"""The statistical NER tagger: a CRF over Marsad tokens (inference only).

``tag(tokens)`` returns token-index spans ``(i, j, type)`` — ``tokens[i:j]`` is the
entity — with ``type`` one of PERSON, ORG, COUNTRY, LOCATION, FACILITY (the types
the shipped model was trained on; see src/marsad/models/MODEL_CARD.md).

A span covers whole tokens: a proclitic written on the first token (``وأذربيجان``,
``لإسرائيل``, ``بالرئيس``) is inside the span. Callers that need the name alone strip
it (``marsad.text.clitic_splits`` against a lexicon — a bare rule would also cut
the و of وليد).

The model is loaded once, lazily, from ``src/marsad/models/ner_crf.crfsuite``
(override with :func:`load`). ``available()`` says whether a usable model is there;
without one, ``tag`` returns ``[]``.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Sequence
from pathlib import Path

from marsad.entities.features import (
    FEATURE_VERSION,
    FeatureExtractor,
    label_spans,
    name_key,
    sentence_chunks,
    stack_features,
)
from marsad.text import Token

__all__ = ["available", "tag", "load", "Model", "default_model_dir"]

_LOCK = threading.Lock()
_MODEL: Model | None = None
_LOADED = False


def default_model_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "models"


class Model:
    """A loaded CRF model (one or two passes) with its feature extractor."""

    def __init__(self, model_dir: str | Path):
        import pycrfsuite

        from marsad.entities.train import META_FILE, MODEL_FILE, read_lexicon

        model_dir = Path(model_dir)
        self.path = model_dir / MODEL_FILE
        meta_path = model_dir / META_FILE
        self.meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        if self.meta.get("features", FEATURE_VERSION) != FEATURE_VERSION:
            raise ValueError(
                f"model {self.path} was trained with features {self.meta.get('features')!r}, "
                f"code has {FEATURE_VERSION!r}: retrain with `marsad train ner`"
            )
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(self.path))
        known = {attr for attr, _label in self.tagger.info().state_features}
        self.pass1 = None
        stack = self.meta.get("stack")
        if stack:
            self.pass1 = pycrfsuite.Tagger()
            self.pass1.open(str(model_dir / stack["pass1"]))
            known |= {attr for attr, _label in self.pass1.info().state_features}
        self.labels = tuple(self.tagger.labels())
        lex_name = self.meta.get("lexicon")
        lexicon = read_lexicon(model_dir / lex_name) if lex_name else None
        self.fx = FeatureExtractor(
            known=frozenset(known), use_gazetteer=bool(self.meta.get("gazetteer", True)), lexicon=lexicon
        )
        inference = self.meta.get("inference", {})
        self.bias = float(inference.get("bias", 1.0))
        self.propagate = bool(inference.get("propagate", False))
        self.o_penalty = float(inference.get("o_penalty", 0.0))
        self._decoder = _PosteriorDecoder(self.labels) if self.o_penalty and "O" in self.labels else None

    def _viterbi(self, tagger, feats: list[list[str]], final: bool = False) -> list[str]:
        if not feats:
            return []
        if self.bias != 1.0:
            v = self.bias
            return tagger.tag([dict.fromkeys(f, 1.0) | {"b": v} for f in feats])
        if final and self._decoder is not None:
            tagger.set(feats)
            return self._decoder.decode(tagger, len(feats), self.o_penalty)
        return tagger.tag(feats)

    def label_chunks(
        self, chunks: Sequence[Sequence[Token]], gaz: Sequence[Sequence[str | None] | None]
    ) -> list[list[str]]:
        """Labels of each chunk (sentence) of one document."""
        feats = [self.fx.sequence(toks, g) for toks, g in zip(chunks, gaz, strict=True)]
        if self.pass1 is None:
            return [self._viterbi(self.tagger, f, final=True) for f in feats]
        first = [self._viterbi(self.pass1, f) for f in feats]
        extra = stack_features(chunks, first)
        return [
            self._viterbi(self.tagger, [x + e for x, e in zip(f, ex, strict=True)], final=True)
            for f, ex in zip(feats, extra, strict=True)
        ]

    def tag(
        self, tokens: Sequence[Token], gazetteer_tags: Sequence[str | None] | None = None
    ) -> list[tuple[int, int, str]]:
        """Spans over a document's tokens (cut into sentences at sentence-final marks)."""
        if not tokens:
            return []
        tokens = list(tokens)
        gaz = gazetteer_tags
        if gaz is None:
            gaz = self.fx.gazetteer_tags(tokens)
        bounds = sentence_chunks(tokens)
        labels = self.label_chunks(
            [tokens[a:b] for a, b in bounds], [None if gaz is None else gaz[a:b] for a, b in bounds]
        )
        spans: list[tuple[int, int, str]] = []
        for (a, _b), labs in zip(bounds, labels, strict=True):
            spans.extend((a + i, a + j, t) for i, j, t in label_spans(labs))
        if self.propagate:
            spans = propagate(tokens, spans, self.fx.lexicon)
        return spans

    def tag_sentences(self, sentences: Sequence[Sequence[Token]]) -> list[list[tuple[int, int, str]]]:
        """Spans per sentence of one document given as its sentences' tokens (for evaluation)."""
        sents = [list(s) for s in sentences]
        gaz = [self.fx.gazetteer_tags(s) if s else None for s in sents]
        labels = self.label_chunks(sents, gaz)
        flat: list[Token] = []
        spans: list[tuple[int, int, str]] = []
        bounds = []
        for sent, labs in zip(sents, labels, strict=True):
            a = len(flat)
            flat.extend(sent)
            bounds.append((a, len(flat)))
            spans.extend((a + i, a + j, t) for i, j, t in label_spans(labs))
        if self.propagate:
            spans = propagate(flat, spans, self.fx.lexicon)
        out: list[list[tuple[int, int, str]]] = [[] for _ in bounds]
        k = 0
        for i, j, t in sorted(spans):
            while not (bounds[k][0] <= i < bounds[k][1]):
                k += 1
            a, b = bounds[k]
            out[k].append((i - a, min(j, b) - a, t))
        return out


SURE_O = 0.99


class _PosteriorDecoder:
    """Best BILOU-valid label sequence under the CRF's per-token marginals, O penalised.

    The CRF's own Viterbi path favours precision; scoring each label by its log
    marginal probability and subtracting ``o_penalty`` from O trades some of that
    precision for recall (chosen on NewsFANE dev, stored in the model's ``inference``).
    Transitions are the BILOU constraints only: O, B-x and U-x follow O, L-y or U-y (or
    start the sentence); I-x and L-x follow B-x or I-x; the sentence ends on O, L or U.
    """

    def __init__(self, labels: Sequence[str]):
        self.labels = list(labels)
        self.o = self.labels.index("O")
        prefix = [lab.split("-", 1)[0] if "-" in lab else lab for lab in self.labels]
        kind = [lab.split("-", 1)[1] if "-" in lab else "" for lab in self.labels]
        # labels that may start after an "outside" label, and the "outside" ends
        self.opens = [k for k, p in enumerate(prefix) if p in ("O", "B", "U")]
        self.closed = [k for k, p in enumerate(prefix) if p in ("O", "L", "U")]
        self.inside = [k for k, p in enumerate(prefix) if p in ("I", "L")]
        # for an I-x/L-x label: the labels it may follow (B-x, I-x)
        self.preds = {
            k: [j for j, p in enumerate(prefix) if p in ("B", "I") and kind[j] == kind[k]] for k in self.inside
        }

    def decode(self, tagger, n: int, o_penalty: float) -> list[str]:
        """Labels of the ``n`` tokens last given to ``tagger.set``.

        A token the CRF is sure is outside every name (marginal of O ≥ ``SURE_O``)
        keeps O without its other marginals being read: the penalty cannot tip it, and
        skipping it keeps decoding fast (most tokens are such).
        """
        labels, o, log = self.labels, self.o, math.log
        L = len(labels)
        neg = -1e30
        marginal = tagger.marginal
        lab_o = labels[o]
        back: list[list[int] | int] = []
        score = [neg] * L
        for t in range(n):
            p_o = marginal(lab_o, t)
            if p_o >= SURE_O:
                new = [neg] * L
                if t == 0:
                    new[o] = log(p_o)
                    back.append(o)
                else:
                    best_c = max(self.closed, key=score.__getitem__)
                    new[o] = score[best_c] + log(p_o)
                    back.append(best_c)
                score = new
                continue
            lp = [log(max(marginal(lab, t), 1e-12)) for lab in labels]
            lp[o] -= o_penalty
            new = [neg] * L
            bp = [0] * L
            if t == 0:
                for k in self.opens:
                    new[k] = lp[k]
            else:
                best_c = max(self.closed, key=score.__getitem__)
                sc = score[best_c]
                for k in self.opens:
                    new[k] = sc + lp[k]
                    bp[k] = best_c
                for k in self.inside:
                    j = max(self.preds[k], key=score.__getitem__)
                    new[k] = score[j] + lp[k]
                    bp[k] = j
            back.append(bp)
            score = new
        k = max(self.closed, key=score.__getitem__)
        path = [k]
        for t in range(n - 1, 0, -1):
            b = back[t]
            k = b if isinstance(b, int) else b[k]
            path.append(k)
        path.reverse()
        return [labels[k] for k in path]


_MAX_PROP = 4


def propagate(
    tokens: Sequence[Token], spans: list[tuple[int, int, str]], lexicon: dict[str, str] | None
) -> list[tuple[int, int, str]]:
    """Tag further occurrences, in the same document, of names the model found.

    Every predicted name (and the last word of a person's full name, as a surname)
    is looked for among the untagged tokens, clitics aside; words the training data
    knows as ordinary words (lexicon class "O") are not propagated on their own.
    """
    if not spans:
        return spans
    keys = [name_key(t.key) for t in tokens]
    names: dict[tuple[str, ...], dict[str, int]] = {}

    def add(k: tuple[str, ...], t: str) -> None:
        if len(k) == 1:
            if len(k[0]) < 3 or not k[0][:1].isalpha():
                return
            if lexicon is not None and lexicon.get(k[0], "OOV") in ("O", "MIX"):
                return
        c = names.setdefault(k, {})
        c[t] = c.get(t, 0) + 1

    covered = bytearray(len(tokens))
    for i, j, t in spans:
        add(tuple(keys[i:j]), t)
        if t == "PERSON" and j - i >= 2:
            add((keys[j - 1],), t)
        for k in range(i, j):
            covered[k] = 1
    if not names:
        return spans
    lengths = sorted({len(k) for k in names if len(k) <= _MAX_PROP}, reverse=True)
    out = list(spans)
    i = 0
    n = len(tokens)
    while i < n:
        if covered[i]:
            i += 1
            continue
        hit = None
        for L in lengths:
            if i + L <= n and not any(covered[i : i + L]):
                c = names.get(tuple(keys[i : i + L]))
                if c:
                    hit = (L, max(sorted(c), key=lambda t: c[t]))
                    break
        if hit:
            out.append((i, i + hit[0], hit[1]))
            i += hit[0]
        else:
            i += 1
    out.sort()
    return out


def load(model_dir: str | Path | None = None) -> Model | None:
    """Load (or reload) the model from ``model_dir`` (default: the shipped one); None if absent."""
    global _MODEL, _LOADED
    with _LOCK:
        d = Path(model_dir) if model_dir is not None else default_model_dir()
        try:
            _MODEL = Model(d)
        except (OSError, ValueError, ImportError):
            _MODEL = None
        _LOADED = True
        return _MODEL


def _model() -> Model | None:
    if not _LOADED:
        load()
    return _MODEL


def available() -> bool:
    """True when the model file (and python-crfsuite) are there and match the feature code."""
    return _model() is not None


def tag(tokens: list[Token], gazetteer_tags: Sequence[str | None] | None = None) -> list[tuple[int, int, str]]:
    """Entity spans ``(i, j, type)`` over ``tokens`` (token indices, ``j`` exclusive).

    ``tokens`` may be a whole document (``DocContext.tokens``): it is cut into
    sentences at sentence-final punctuation. ``gazetteer_tags`` — the output of
    ``marsad.entities.gazetteer.token_tags(tokens)`` — may be passed when the caller
    has it, to avoid computing it twice.
    """
    m = _model()
    if m is None:
        return []
    return m.tag(tokens, gazetteer_tags)
