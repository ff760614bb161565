"""Is a document English? A stop-word check: no model, no download, a few microseconds a page.

Accord's lexicons and parser are English. A document is taken as English when at least
``MIN_ENGLISH_RATIO`` of its words are English function words ("the", "of", "and" … in
``data/stopwords.yaml``); English news prose scores 0.35–0.5, other languages written in the
Latin alphabet under 0.1. A text mostly in another script (Cyrillic, Arabic, CJK …) is not
English whatever its words. Texts shorter than ``MIN_WORDS`` words are not judged. The warning
names the likeliest language among the few listed, or the script.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

import yaml

from accord.yamlload import safe_load as _yaml_load

from accord.errors import DataError

MIN_WORDS = 25
MIN_ENGLISH_RATIO = 0.15
SAMPLE_CHARS = 20_000
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_NAMES = {"en": "English", "fr": "French", "es": "Spanish", "de": "German", "pt": "Portuguese", "it": "Italian", "nl": "Dutch"}


@lru_cache(maxsize=1)
def load_stopwords() -> dict[str, frozenset[str]]:
    """Read and validate the stop-word lists shipped with the package."""
    try:
        raw = _yaml_load(resources.files("accord.ingest").joinpath("data/stopwords.yaml").read_text("utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"ingest/data/stopwords.yaml cannot be read ({exc})") from exc
    if not isinstance(raw, dict) or "en" not in raw:
        raise DataError("ingest/data/stopwords.yaml: expected a mapping of language codes with an 'en' list")
    out = {}
    for lang, words in raw.items():
        if lang not in _NAMES or not isinstance(words, str) or not words.split():
            raise DataError(f"ingest/data/stopwords.yaml: {lang!r} must be one of {sorted(_NAMES)} with a list of words")
        out[lang] = frozenset(words.lower().split())
    return out


def _script(letters: str) -> str | None:
    """The non-Latin script most letters are in, or None when most are Latin."""
    counts: dict[str, int] = {}
    for ch in letters:
        name = unicodedata.name(ch, "")
        script = name.split(" ", 1)[0] if name else "UNKNOWN"
        counts[script] = counts.get(script, 0) + 1
    if not counts:
        return None
    script, n = max(counts.items(), key=lambda kv: kv[1])
    latin = counts.get("LATIN", 0)
    return None if latin >= 0.5 * len(letters) else script.title()


def english_warning(text: str) -> str | None:
    """None for English (or too short to tell); else a detail for warning W103 naming what it looks like."""
    sample = text[:SAMPLE_CHARS]
    letters = "".join(ch for ch in sample if ch.isalpha())
    if len(letters) < 4 * MIN_WORDS:
        return None
    script = _script(letters)
    if script:
        return f"(most letters are {script}, not Latin)"
    words = [w.lower() for w in _WORD_RE.findall(sample)]
    if len(words) < MIN_WORDS:
        return None
    lists = load_stopwords()
    ratios = {lang: sum(1 for w in words if w in stop) / len(words) for lang, stop in lists.items()}
    if ratios["en"] >= MIN_ENGLISH_RATIO:
        return None
    best = max((l for l in ratios if l != "en"), key=lambda l: ratios[l])
    guess = f"; it looks like {_NAMES[best]} ({ratios[best]:.2f})" if ratios[best] > 2 * ratios["en"] else ""
    return f"(English function words: {ratios['en']:.2f} of {len(words)} words, below {MIN_ENGLISH_RATIO}{guess})"
