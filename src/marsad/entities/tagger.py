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
import threading
from collections.abc import Sequence
from pathlib import Path

from marsad.entities.features import FEATURE_VERSION, FeatureExtractor, sentence_chunks
from marsad.text import Token

__all__ = ["available", "tag", "load", "Model", "default_model_dir"]

_LOCK = threading.Lock()
_MODEL: Model | None = None
_LOADED = False


def default_model_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "models"


class Model:
    """A loaded CRF model with its feature extractor."""

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
        info = self.tagger.info()
        known = frozenset(attr for attr, _label in info.state_features)
        self.labels = tuple(self.tagger.labels())
        lex_name = self.meta.get("lexicon")
        lexicon = read_lexicon(model_dir / lex_name) if lex_name else None
        self.fx = FeatureExtractor(
            known=known, use_gazetteer=bool(self.meta.get("gazetteer", True)), lexicon=lexicon
        )
        inference = self.meta.get("inference", {})
        self.bias = float(inference.get("bias", 1.0))
        self.propagate = bool(inference.get("propagate", False))

    def tag_chunk(self, tokens: Sequence[Token], gaz: Sequence[str | None] | None) -> list[str]:
        feats = self.fx.sequence(tokens, gaz)
        if self.bias != 1.0:
            v = self.bias
            return self.tagger.tag([dict.fromkeys(f, 1.0) | {"b": v} for f in feats])
        return self.tagger.tag(feats)

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
        spans: list[tuple[int, int, str]] = []
        for a, b in sentence_chunks(tokens):
            labels = self.tag_chunk(tokens[a:b], None if gaz is None else gaz[a:b])
            spans.extend((a + i, a + j, t) for i, j, t in _spans(labels))
        if self.propagate:
            spans = propagate(tokens, spans, self.fx.lexicon)
        return spans

    def tag_sentences(self, sentences: Sequence[Sequence[Token]]) -> list[list[tuple[int, int, str]]]:
        """Spans per sentence of one document given as its sentences' tokens (for evaluation)."""
        flat: list[Token] = []
        spans: list[tuple[int, int, str]] = []
        bounds = []
        for sent in sentences:
            sent = list(sent)
            a = len(flat)
            flat.extend(sent)
            bounds.append((a, len(flat)))
            if not sent:
                continue
            gaz = self.fx.gazetteer_tags(sent)
            labels = self.tag_chunk(sent, gaz)
            spans.extend((a + i, a + j, t) for i, j, t in _spans(labels))
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


def _name_key(key: str) -> str:
    """A token key without a leading conjunction/preposition (و، ف، ب، ل، ك; لل → ال)."""
    if key[:1] in ("و", "ف") and len(key) > 3:
        key = key[1:]
    if key[:2] == "لل" and len(key) > 4:
        return "ال" + key[2:]
    if key[:1] in ("ب", "ل", "ك") and key[1:3] == "ال" and len(key) > 4:
        return key[1:]
    return key


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
    keys = [_name_key(t.key) for t in tokens]
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


def _spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    start, cur = -1, None
    for k, lab in enumerate([*labels, "O"]):
        if lab == "O" or lab[0] == "B" or lab[2:] != cur:
            if cur is not None:
                out.append((start, k, cur))
            cur = None
            if lab != "O":
                start, cur = k, lab[2:]
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
