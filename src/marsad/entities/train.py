"""Training of the CRF NER model (``marsad train ner``).

The shipped model (``src/marsad/models/ner_crf.crfsuite`` and its ``ner_crf.json``
metadata) is reproduced by::

    marsad train ner --data /work/shared/data/ner --out src/marsad/models

Training is deterministic (L-BFGS, fixed data order, fixed features). Features,
hyper-parameters and inference settings were chosen on NewsFANE dev with models
trained on the train split only (``--splits train``); the shipped model is then fitted
on train + dev of NewsFANE (and of any other corpus named with ``--corpus``). The test
split is never trained on.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

from marsad.entities.corpora import NerSentence, load_splits
from marsad.entities.features import (
    FEATURE_VERSION,
    FeatureExtractor,
    build_lexicon,
    gazetteer_tagger,
    stack_features,
)

__all__ = ["TrainConfig", "train", "prepare", "read_lexicon", "MODEL_FILE", "META_FILE", "LEXICON_FILE", "DEFAULT_CORPORA"]

MODEL_FILE = "ner_crf.crfsuite"
META_FILE = "ner_crf.json"
LEXICON_FILE = "ner_lexicon.tsv"
PASS1_FILE = "ner_crf_pass1.crfsuite"
FOLDS = 5
FOLD_BLOCK = 50
DEFAULT_CORPORA = ("newsfane",)


@dataclass
class TrainConfig:
    algorithm: str = "lbfgs"  # crfsuite training algorithm: lbfgs, ap, pa, arow, l2sgd
    c1: float = 0.05
    c2: float = 0.01
    max_iterations: int = 200
    corpora: tuple[str, ...] = DEFAULT_CORPORA
    use_gazetteer: bool = True
    min_freq: int = 1  # crfsuite feature.minfreq
    lexicon: bool = True
    scheme: str = "BILOU"  # or "BIO"
    stack: bool = True  # second pass with document-level features
    # Splits trained on. The shipped model uses train + dev: features and parameters were
    # chosen on dev with train-only models, then dev was added for the final fit.
    splits: tuple[str, ...] = ("train", "dev")
    # inference settings stored with the model (chosen on NewsFANE dev)
    propagate: bool = False  # tag further occurrences of found names in the document (post-hoc)
    bias: float = 1.0  # value of the bias feature (< 1 favours entities over O)
    # > 0: decode the last pass from its marginals with O penalised by this much (log scale):
    # trades precision for recall (see tagger._PosteriorDecoder)
    o_penalty: float = 1.0


def _resolve_gpe(s: NerSentence, gaz: list[str | None] | None) -> list[tuple[int, int, str]]:
    """Spans with corpus-level "GPE" made COUNTRY when the gazetteer calls a token of it a country."""
    out = []
    for i, j, t in s.spans:
        if t == "GPE":
            t = "COUNTRY" if gaz is not None and any(g == "COUNTRY" for g in gaz[i:j]) else "LOCATION"
        out.append((i, j, t))
    return out


def _labels(n: int, spans: list[tuple[int, int, str]], scheme: str = "BIO") -> list[str]:
    out = ["O"] * n
    for i, j, t in spans:
        if scheme == "BILOU" and j - i == 1:
            out[i] = "U-" + t
            continue
        out[i] = "B-" + t
        for k in range(i + 1, j):
            out[k] = "I-" + t
        if scheme == "BILOU":
            out[j - 1] = "L-" + t
    return out


def _fold(position: int) -> int:
    return (position // FOLD_BLOCK) % FOLDS


def prepare(
    sentences: list[NerSentence], use_gazetteer: bool = True, lexicon: bool = True, scheme: str = "BIO"
) -> tuple[list[tuple[list[list[str]], list[str]]], dict[str, str] | None]:
    """(features, BIO labels) of each sentence, and the lexicon for inference.

    The lexicon feature (a word's usual class in the training data) is computed
    jackknife-style: sentences of fold k (blocks of FOLD_BLOCK consecutive sentences,
    FOLDS folds) see the lexicon of the other folds only, so that the model learns
    how far to trust it on words it has not seen. At run time the lexicon of the
    whole training data is used.
    """
    full = build_lexicon(sentences) if lexicon else None
    extractors: list[FeatureExtractor] = []
    for k in range(FOLDS):
        lex = build_lexicon(s for n, s in enumerate(sentences) if _fold(n) != k) if lexicon else None
        extractors.append(FeatureExtractor(use_gazetteer=use_gazetteer, lexicon=lex))
    data = []
    for n, s in enumerate(sentences):
        fx = extractors[_fold(n)]
        gaz = fx.gazetteer_tags(s.tokens) if s.tokens else None
        feats = fx.sequence(s.tokens, gaz)
        data.append((feats, _labels(len(s.tokens), _resolve_gpe(s, gaz), scheme)))
    return data, full


def write_lexicon(path: Path, lexicon: dict[str, str]) -> None:
    """The lexicon as sorted ``key<TAB>class`` lines (classes other than O only, plus O words)."""
    lines = ["# word key (marsad.text.fold) and its usual class in the NER training data; "
             "derived from NewsFANE Gold (CC BY-SA 3.0), see MODEL_CARD.md"]
    lines += [f"{k}\t{v}" for k, v in sorted(lexicon.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_lexicon(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            k, _, v = line.partition("\t")
            out[k] = v
    return out


def _gazetteer_fingerprint() -> str | None:
    """A hash of the gazetteer and feature-lexicon data files (``*.tsv``; not their SOURCE.md notes)
    the model was trained with (None without gazetteer)."""
    if gazetteer_tagger() is None:
        return None
    import marsad

    data = Path(marsad.__file__).parent / "data"
    h = hashlib.sha256()
    for root in (data / "gazetteer", data / "lexicon"):
        if root.is_dir():
            for p in sorted(root.rglob("*.tsv")):
                if p.is_file():
                    h.update(p.relative_to(data).as_posix().encode())
                    h.update(p.read_bytes())
    return h.hexdigest()[:16]


def _fit(data, config: TrainConfig, path: Path) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(algorithm=config.algorithm, verbose=False)
    for xseq, yseq in data:
        if xseq:
            trainer.append(xseq, yseq)
    params: dict[str, float | int | bool] = {
        "max_iterations": config.max_iterations,
        "feature.possible_transitions": True,
        "feature.minfreq": config.min_freq,
    }
    if config.algorithm == "lbfgs":
        params.update({"c1": config.c1, "c2": config.c2})
    elif config.algorithm == "l2sgd":
        params["c2"] = config.c2
    trainer.set_params(params)
    tmp = path.with_name(path.name + ".tmp")
    trainer.train(str(tmp))
    tmp.replace(path)


def _tag_all(model_path: Path, xs: list[list[list[str]]]) -> list[list[str]]:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    try:
        return [tagger.tag(x) if x else [] for x in xs]
    finally:
        tagger.close()


def stacked_data(
    sentences: list[NerSentence], data: list[tuple[list[list[str]], list[str]]], pass1: list[list[str]]
) -> list[tuple[list[list[str]], list[str]]]:
    """Second-pass training data: first-pass features plus :func:`stack_features` per document."""
    by_doc: dict[str, list[int]] = {}
    for n, s in enumerate(sentences):
        by_doc.setdefault(s.doc, []).append(n)
    out: list[tuple[list[list[str]], list[str]] | None] = [None] * len(sentences)
    for idx in by_doc.values():
        sf = stack_features([sentences[n].tokens for n in idx], [pass1[n] for n in idx])
        for n, extra in zip(idx, sf, strict=True):
            xs, ys = data[n]
            out[n] = ([x + e for x, e in zip(xs, extra, strict=True)], ys)
    return [d for d in out if d is not None]


def train(data_dir: str | Path, out_dir: str | Path, config: TrainConfig | None = None, log=print) -> Path:
    """Train on the train splits of ``config.corpora`` and write the model to ``out_dir``.

    With ``config.stack`` (the default) two CRFs are trained: the first pass on the
    token features, and a second pass that also sees the first pass's labels and
    document-level consistency features (:func:`marsad.entities.features.stack_features`).
    The second pass is trained on first-pass labels obtained jackknife-style (each fold
    tagged by a first-pass model trained on the other folds), so it learns how far to
    trust them on unseen text.
    """
    config = config or TrainConfig()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    use_gaz = config.use_gazetteer and gazetteer_tagger() is not None
    sentences: list[NerSentence] = []
    counts: dict[str, int] = {}
    for corpus in config.corpora:
        splits = load_splits(data_dir, corpus)
        if "train" not in splits:
            raise FileNotFoundError(f"no train split for corpus {corpus!r} under {data_dir}")
        for split in config.splits:
            if split == "test":
                raise ValueError("the test split is never trained on")
            part = splits.get(split, [])
            sentences.extend(part)
            counts[f"{corpus}/{split}"] = len(part)
    t0 = time.perf_counter()
    data, lexicon = prepare(sentences, config.use_gazetteer, config.lexicon, config.scheme)
    log(f"features for {len(data)} sentences in {time.perf_counter() - t0:.1f}s (gazetteer: {use_gaz})")
    model_path = out_dir / MODEL_FILE
    t0 = time.perf_counter()
    files = {}
    if config.stack:
        pass1_path = out_dir / PASS1_FILE
        _fit(data, config, pass1_path)
        pass1: list[list[str]] = [[] for _ in sentences]
        fold_path = out_dir / (PASS1_FILE + ".fold")
        for k in range(FOLDS):
            rest = [d for n, d in enumerate(data) if _fold(n) != k]
            idx = [n for n in range(len(data)) if _fold(n) == k]
            if not idx:
                continue
            if not any(x for x, _ in rest):  # tiny data: nothing to learn from, first pass says O
                for n in idx:
                    pass1[n] = ["O"] * len(data[n][1])
                continue
            _fit(rest, config, fold_path)
            for n, labs in zip(idx, _tag_all(fold_path, [data[n][0] for n in idx]), strict=True):
                pass1[n] = labs
            log(f"first pass, fold {k + 1}/{FOLDS} tagged ({time.perf_counter() - t0:.0f}s)")
        fold_path.unlink(missing_ok=True)
        _fit(stacked_data(sentences, data, pass1), config, model_path)
        files["pass1"] = PASS1_FILE
        files["pass1_sha256"] = hashlib.sha256(pass1_path.read_bytes()).hexdigest()
    else:
        _fit(data, config, model_path)
    log(f"trained in {time.perf_counter() - t0:.1f}s -> {model_path} ({model_path.stat().st_size / 1e6:.2f} MB)")
    if lexicon is not None:
        write_lexicon(out_dir / LEXICON_FILE, lexicon)
    meta = {
        "features": FEATURE_VERSION,
        "gazetteer": use_gaz,
        "gazetteer_fingerprint": _gazetteer_fingerprint() if use_gaz else None,
        "corpora": counts,
        "splits": list(config.splits),
        "params": {"algorithm": config.algorithm, "c1": config.c1, "c2": config.c2, "max_iterations": config.max_iterations,
                   "min_freq": config.min_freq, "scheme": config.scheme, "folds": FOLDS,
                   "fold_block": FOLD_BLOCK},
        "lexicon": LEXICON_FILE if lexicon is not None else None,
        "stack": files or None,
        "inference": {"propagate": config.propagate, "bias": config.bias, "o_penalty": config.o_penalty},
        "labels": sorted({lab for _, ys in data for lab in ys}),
        "model_sha256": hashlib.sha256(model_path.read_bytes()).hexdigest(),
    }
    (out_dir / META_FILE).write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return model_path
