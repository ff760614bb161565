"""Markdown: YAML (``---``) or TOML (``+++``) front matter for metadata, markup stripped to clean paragraphs.

Parsed with markdown-it-py (CommonMark), so nesting is handled properly: "> " blocks become block
quotes, list items and headings become paragraphs, link targets are collected, code fences dropped.
"""

from __future__ import annotations

import re
import tomllib

import yaml
from markdown_it import MarkdownIt

from accord.ingest.blocks import Block, Extracted, clean_inline
from accord.ingest.detect import FRONT_MATTER_RE, TOML_FRONT_MATTER_RE
from accord.ingest.meta import normalise_date

_MD = MarkdownIt("commonmark").enable("table")
_TAG_RE = re.compile(r"<[^>]+>")


def split_front_matter(text: str) -> tuple[dict, str]:
    """The YAML or TOML front matter (as a dict; {} when absent or invalid) and the body after it."""
    m = FRONT_MATTER_RE.match(text)
    toml = TOML_FRONT_MATTER_RE.match(text) if not m else None
    if toml:
        try:
            return tomllib.loads(toml.group(1)), text[toml.end():]
        except tomllib.TOMLDecodeError:
            return {}, text[toml.end():]
    if not m:
        return {}, text
    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        return {}, text
    if not isinstance(data, dict):
        return {}, text
    return data, text[m.end():]


def _first(meta: dict, *keys: str):
    for key in keys:
        value = meta.get(key)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if v)
        if value not in (None, ""):
            return value
    return None


def _inline_text(token, links: list[str]) -> str:
    parts: list[str] = []
    for child in token.children or ():
        if child.type in {"text", "code_inline"}:
            parts.append(child.content)
        elif child.type in {"softbreak", "hardbreak"}:
            parts.append(" ")
        elif child.type == "link_open":
            href = child.attrGet("href")
            if href and re.match(r"https?://", str(href)):
                links.append(str(href))
        elif child.type == "image":
            continue
    return clean_inline("".join(parts))


def parse_markdown(text: str) -> Extracted:
    """Blocks and metadata from a Markdown document."""
    meta, body = split_front_matter(text.replace("\r\n", "\n"))
    out = Extracted()
    title = _first(meta, "title", "headline")
    out.title = clean_inline(str(title)) if title else None
    author = _first(meta, "author", "authors", "byline")
    out.author = clean_inline(str(author)) if author else None
    out.date = normalise_date(_first(meta, "date", "published", "pubdate", "publication_date"))
    out.date_source = "metadata" if out.date else None
    url = _first(meta, "source_url", "url", "link", "canonical_url")
    out.url = str(url).strip() if url else None

    depth = 0
    row: list[str] | None = None
    pending_heading = False
    tokens = _MD.parse(body)
    for token in tokens:
        kind = token.type
        if kind == "blockquote_open":
            depth += 1
        elif kind == "blockquote_close":
            depth -= 1
        elif kind == "heading_open":
            pending_heading = True
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            if row:
                out.blocks.append(Block("; ".join(c for c in row if c), depth > 0))
            row = None
        elif kind == "inline":
            content = _inline_text(token, out.links)
            if row is not None:
                row.append(content)
            elif pending_heading and not out.blocks:  # the display title, already metadata or now
                out.title = out.title or content
            elif content:
                out.blocks.append(Block(content, depth > 0))
            pending_heading = False
        elif kind == "code_block":
            content = clean_inline(token.content)
            if content:
                out.blocks.append(Block(content, True))
        elif kind == "html_block":
            content = clean_inline(_TAG_RE.sub(" ", token.content))
            if content:
                out.blocks.append(Block(content, depth > 0))
    return out
