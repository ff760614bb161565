"""Quotes: direct, partial and block quotes with their speakers, and an index to look them up."""

from accord.quotes.extract import MentionLike, extract_quotes
from accord.quotes.index import QuoteIndex, quote_spans
from accord.quotes.lexicon import Cues, default_cues, load_cues

__all__ = ["Cues", "MentionLike", "QuoteIndex", "default_cues", "extract_quotes", "load_cues", "quote_spans"]
