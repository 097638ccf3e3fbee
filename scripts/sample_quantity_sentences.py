"""Choose the SaudiNewsNet sentences annotated as the quantity evaluation fixture.

Fixed rule (no judgement involved, so that anyone can re-create the sample):
read ``saudinewsnet.jsonl`` line by line in file order, split each article's text into
sentences with ``marsad.text.sentences``, keep the sentences of 40–320 characters that
contain a digit (any script) or an Arabic number word (a token whose folded form, with
or without the proclitics و/ف/ب/ل/ك, is a form in ``marsad/data/quantities/numbers.tsv``),
and take every ``--every``-th of those (the 1st, the N+1-th, …) until ``--limit`` sentences.
``--offset K`` starts at the K-th (a disjoint held-out sample: ``--offset 130 --every 1300 --limit 30``).

    python scripts/sample_quantity_sentences.py /work/shared/data/news/saudinewsnet.jsonl \
        --every 260 --limit 170 > sample.jsonl

Each output line: {"id": "<article id>#<sentence index>", "source": outlet, "text": sentence}.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from marsad.text import fold, sentences, tokenize
from marsad.text.tokenize import clitic_splits

NUMBERS = Path(__file__).resolve().parents[1] / "src" / "marsad" / "data" / "quantities" / "numbers.tsv"
DIGIT = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]")


def number_words() -> set[str]:
    words = set()
    for line in NUMBERS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            words.add(fold(line.split("\t")[0]))
    return words


def has_number(text: str, words: set[str]) -> bool:
    if DIGIT.search(text):
        return True
    for tok in tokenize(text):
        for prefix, stem in clitic_splits(tok.key):
            if stem in words and prefix in ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل"):
                return True
    return False


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--every", type=int, default=260)
    ap.add_argument("--limit", type=int, default=170)
    ap.add_argument("--offset", type=int, default=0, help="start at the offset-th qualifying sentence (held-out samples)")
    args = ap.parse_args()
    words = number_words()
    seen = 0
    taken = 0
    with args.corpus.open(encoding="utf-8") as f:
        for line in f:
            art = json.loads(line)
            for k, s in enumerate(sentences(art["text"])):
                if not 40 <= len(s.text) <= 320 or not has_number(s.text, words):
                    continue
                if seen >= args.offset and (seen - args.offset) % args.every == 0:
                    rec = {"id": f"{art['id']}#{k}", "source": art["source"], "text": s.text}
                    sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
                    taken += 1
                    if taken >= args.limit:
                        return
                seen += 1


if __name__ == "__main__":
    main()
