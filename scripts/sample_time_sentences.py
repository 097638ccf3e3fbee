"""Choose the SaudiNewsNet sentences annotated as the time-expression evaluation fixture.

Fixed rule (no judgement involved, so that anyone can re-create the sample):
read ``saudinewsnet.jsonl`` line by line in file order, split each article's text into
sentences with ``marsad.text.sentences``, keep the sentences of 40–320 characters that
contain a digit (any script) or a word that names a month (any system, Gregorian or
Hijri), a weekday, or a day relative to today (أمس، اليوم، غدا …) — the word lists are
``marsad/data/time/{months,hijri_months,weekdays}.tsv`` and the ``day`` entries of
``relative.tsv``, compared on folded keys with or without the proclitics و/ف/ب/ل —
and take every ``--every``-th of those (the ``--start``-th, then every N-th after it;
``--start`` defaults to 0) until ``--limit`` sentences. Each sentence carries its article's ``date_extracted`` (the day part) as the
anchor for relative expressions.

    python scripts/sample_time_sentences.py /work/shared/data/news/saudinewsnet.jsonl \
        --every 265 --limit 170 > sample.jsonl

Each output line: {"id": "<article id>#<sentence index>", "source": outlet,
"anchor": "YYYY-MM-DD", "text": sentence}.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from marsad.text import fold, sentences, tokenize

DATA = Path(__file__).resolve().parents[1] / "src" / "marsad" / "data" / "time"
DIGIT = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]")
CLITICS = ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل")


def time_words() -> set[str]:
    words: set[str] = set()
    for name in ("months.tsv", "hijri_months.tsv", "weekdays.tsv"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                words.add(fold(line.split("\t")[0]))
    for line in (DATA / "relative.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("day\t"):
            words.add(fold(line.split("\t")[1]))
    return words


def has_time_word(text: str, words: set[str]) -> bool:
    if DIGIT.search(text):
        return True
    keys = [t.key for t in tokenize(text)]
    for i, key in enumerate(keys):
        two = key + " " + keys[i + 1] if i + 1 < len(keys) else None
        for p in CLITICS:
            if key.startswith(p) and (key[len(p) :] in words or (two and two[len(p) :] in words)):
                return True
    return False


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--every", type=int, default=265)
    ap.add_argument("--limit", type=int, default=170)
    ap.add_argument("--start", type=int, default=0, help="offset within each run of --every sentences")
    args = ap.parse_args()
    words = time_words()
    seen = 0
    taken = 0
    with args.corpus.open(encoding="utf-8") as f:
        for line in f:
            art = json.loads(line)
            anchor = (art.get("date_extracted") or "")[:10] or None
            for k, s in enumerate(sentences(art["text"])):
                if not 40 <= len(s.text) <= 320 or not has_time_word(s.text, words):
                    continue
                if seen % args.every == args.start:
                    rec = {"id": f"{art['id']}#{k}", "source": art["source"], "anchor": anchor, "text": s.text}
                    sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
                    taken += 1
                    if taken >= args.limit:
                        return
                seen += 1
    print(f"eligible sentences seen: {seen}", file=sys.stderr)


if __name__ == "__main__":
    main()
