"""English NLP: sentences, tokens, POS, dependencies and entities via spaCy."""

from accord.nlp.pipeline import load_nlp, parse_texts

__all__ = ["load_nlp", "parse_texts"]
