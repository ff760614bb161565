"""Page boilerplate (link labels, captions, calls to action, credits): text that is not a news sentence.

"Read more: Russia launches missile attack on Ukrainian ports" names an event, but as a link to
another article; coding it would report that event again, undated. The phrases are data
(``data/boilerplate.yaml``) so a user can add the furniture of their own sources.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from accord.errors import DataError


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[str, ...], tuple[re.Pattern, ...]]:
    ref = resources.files("accord.events") / "data" / "boilerplate.yaml"
    data = yaml.safe_load(ref.read_text(encoding="utf-8")) or {}
    prefixes = data.get("prefixes") or []
    patterns = data.get("patterns") or []
    if not all(isinstance(p, str) and p for p in prefixes + patterns):
        raise DataError("boilerplate.yaml: prefixes and patterns must be non-empty strings")
    try:
        compiled = tuple(re.compile(p, re.IGNORECASE) for p in patterns)
    except re.error as exc:
        raise DataError(f"boilerplate.yaml: bad pattern: {exc}") from exc
    return tuple(p.lower() for p in prefixes), compiled


def is_boilerplate(text: str) -> bool:
    """True for a sentence that is page furniture, not news."""
    prefixes, patterns = _rules()
    low = text.strip().lower()
    return low.startswith(prefixes) or any(p.search(text) for p in patterns)
