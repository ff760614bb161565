"""YAML for the data files, read with libyaml's C loader when PyYAML has it (ten times the pure-Python
loader: the generated trigger lexicon alone took seconds at every start)."""

from __future__ import annotations

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text):
    """``yaml.safe_load`` with the C loader: the same safe subset of YAML."""
    return yaml.load(text, Loader=_LOADER)
