"""Accord: political event data (PLOVER 2.0 and CAMEO) from news text, with evidence."""

__version__ = "0.1.0"

#: Version of the event coder; stored with every coding run and part of each rule id.
CODER_VERSION = "1"
