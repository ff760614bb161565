"""Load and check the quote-attribution lexicon (``quotes/data/cues.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from accord.yamlload import safe_load as _yaml_load

from accord.errors import DataError

CUES_FILE = Path(__file__).resolve().parent / "data" / "cues.yaml"
_LISTS = ("speech_verbs", "colon_verbs", "naming_verbs", "scare_prefixes", "text_nouns", "person_nouns")
_PRONOUN_KINDS = {"person", "group"}


@dataclass(frozen=True)
class Cues:
    """The cue words, as sets for lookup."""

    speech_verbs: frozenset[str]
    colon_verbs: frozenset[str]
    naming_verbs: frozenset[str]
    scare_prefixes: tuple[str, ...]
    text_nouns: frozenset[str]
    person_nouns: frozenset[str]
    pronouns: dict[str, str]


def _words(data: dict, key: str, path: Path) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not value:
        raise DataError(f"{path}: '{key}' must be a non-empty list of words")
    for word in value:
        if not isinstance(word, str) or not word.strip() or word != word.lower():
            raise DataError(f"{path}: '{key}' has {word!r}; entries are non-empty lower-case strings")
    return value


def load_cues(path: Path | str = CUES_FILE) -> Cues:
    """Read and validate a cue file; raise :class:`~accord.errors.DataError` naming the bad entry."""
    path = Path(path)
    try:
        data = _yaml_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"{path}: {exc}") from exc
    if not isinstance(data, dict):
        raise DataError(f"{path}: expected a mapping of lists")
    lists = {key: _words(data, key, path) for key in _LISTS}
    pronouns = data.get("pronouns")
    if not isinstance(pronouns, dict) or not pronouns:
        raise DataError(f"{path}: 'pronouns' must map pronouns to 'person' or 'group'")
    for word, kind in pronouns.items():
        if not isinstance(word, str) or word != word.lower() or kind not in _PRONOUN_KINDS:
            raise DataError(f"{path}: pronoun entry {word!r}: {kind!r}; expected a lower-case word -> person|group")
    unknown = set(lists["naming_verbs"]) - set(lists["speech_verbs"])
    if unknown:
        raise DataError(f"{path}: naming_verbs {sorted(unknown)} must also be speech_verbs")
    return Cues(
        speech_verbs=frozenset(lists["speech_verbs"]),
        colon_verbs=frozenset(lists["colon_verbs"]),
        naming_verbs=frozenset(lists["naming_verbs"]),
        scare_prefixes=tuple(sorted(lists["scare_prefixes"], key=len, reverse=True)),
        text_nouns=frozenset(lists["text_nouns"]),
        person_nouns=frozenset(lists["person_nouns"]),
        pronouns=dict(pronouns),
    )


@lru_cache(maxsize=1)
def default_cues() -> Cues:
    """The shipped lexicon, loaded once per process."""
    return load_cues()
