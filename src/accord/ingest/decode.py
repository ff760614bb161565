"""Bytes to text: encodings tried in a fixed order, binary files refused.

Order: a byte-order mark (UTF-8, UTF-16, UTF-32) decides; then strict UTF-8; then UTF-16 without
a BOM when every other byte is NUL; then UTF-8 with the few invalid bytes replaced by U+FFFD when
the text is otherwise UTF-8 (it holds valid multi-byte sequences, or Windows-1252 would not read
as prose) — one stray byte must not lose an article, and the document carries warning W102; then
Windows-1252 only when the result looks like prose (few control characters, accented letters
rather than symbols). Anything else is E103.
"""

from __future__ import annotations

import codecs
import re

from accord.errors import Code, IngestError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_UTF8_MULTIBYTE_RE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
#: At most this share of a text's bytes may be invalid UTF-8 for it to be read with replacements.
MAX_REPLACED_SHARE = 0.001


def bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd_nul = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd_nul > 0.8 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.8 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes (outside UTF-16/32 text) or many control bytes mean a binary file."""
    if bom_encoding(data) in {"utf-16", "utf-32"} or _utf16_without_bom(data):
        return False
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return bool(sample) and controls / len(sample) > 0.1


def _plausible_8bit(text: str) -> bool:
    if _CONTROL_RE.search(text):
        return False
    high = [c for c in text if ord(c) > 127]
    if not high:
        return True
    letters = sum(1 for c in high if c.isalpha() or c in "€‘’“”–—…•°£§©®«»·")
    return letters / len(high) >= 0.8 and len(high) / max(1, len(text)) < 0.3


def _invalid_utf8(data: bytes) -> tuple[int, str]:
    """How many bytes of ``data`` are invalid UTF-8, and where the first one is."""
    count, first, pos = 0, "", 0
    while True:
        try:
            data[pos:].decode("utf-8")
            return count, first
        except UnicodeDecodeError as exc:
            if not first:
                first = f"{exc.reason} at byte {pos + exc.start}"
            count += exc.end - exc.start
            pos += exc.end
            if count > 1 + MAX_REPLACED_SHARE * len(data):
                return count, first


def decode_utf8_lenient(data: bytes) -> tuple[str | None, str]:
    """(text, "") for valid UTF-8; (text with U+FFFD, what was replaced) for a few bad bytes; (None, why) else."""
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError:
        pass
    count, first = _invalid_utf8(data)
    if count > 1 + MAX_REPLACED_SHARE * len(data):
        return None, f"{first}; more than {MAX_REPLACED_SHARE:.1%} of the bytes are invalid"
    return data.decode("utf-8", errors="replace"), f"({count} invalid byte(s) replaced, first: {first})"


def decode_with_warning(data: bytes) -> tuple[str, str]:
    """Like :func:`decode`, and the detail of warning W102 when bytes were replaced ("" otherwise)."""
    enc = bom_encoding(data) or _utf16_without_bom(data)
    if enc:
        try:
            return data.decode(enc), ""
        except UnicodeDecodeError as exc:
            raise IngestError(Code.UNDECODABLE, f"invalid {enc}: {exc.reason} at byte {exc.start}") from exc
    if looks_binary(data):
        raise IngestError(Code.BINARY)
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError:
        pass
    text, replaced = decode_utf8_lenient(data)
    if text is not None and _UTF8_MULTIBYTE_RE.search(data):
        return text, replaced
    try:
        return decode(data), ""
    except IngestError:
        if text is None:
            raise
        return text, replaced


def decode(data: bytes) -> str:
    """Decode ``data`` or raise :class:`IngestError` (E102 binary, E103 undecodable)."""
    enc = bom_encoding(data) or _utf16_without_bom(data)
    if enc:
        try:
            return data.decode(enc)
        except UnicodeDecodeError as exc:
            raise IngestError(Code.UNDECODABLE, f"invalid {enc}: {exc.reason} at byte {exc.start}") from exc
    if looks_binary(data):
        raise IngestError(Code.BINARY)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and _plausible_8bit(text):
        return text
    raise IngestError(
        Code.UNDECODABLE,
        f"not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) and not plausible Windows-1252/Latin-1",
    )
