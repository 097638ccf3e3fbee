"""The Arabic text layer: normalised views with offset maps, sentences, tokens, clitics."""

from marsad.text.normalize import NormalizedView, fold, folded_prefix_chars, normalize, normalize_text
from marsad.text.tokenize import Sentence, Token, clitic_splits, sentences, strip_proclitics, tokenize

__all__ = [
    "NormalizedView",
    "Sentence",
    "Token",
    "clitic_splits",
    "fold",
    "folded_prefix_chars",
    "normalize",
    "normalize_text",
    "sentences",
    "strip_proclitics",
    "tokenize",
]
