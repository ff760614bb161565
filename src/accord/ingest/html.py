"""HTML pages: trafilatura finds the article and its metadata; its XML keeps the structure.

The tree trafilatura returns (``<p>``, ``<head>``, ``<quote>``, ``<list>/<item>``, ``<table>``,
``<ref target=...>``) is walked so paragraphs and block quotes survive. Navigation, footers and
ads are left behind by trafilatura. A page with no article text is E106. Markup nested deeper
than libxml2 allows (``MAX_TREE_DEPTH``: lxml, and so trafilatura, lose everything below it) is
read by a flat, streaming pass over the tags instead, with warning W104.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from accord.errors import Code, IngestError
from accord.ingest.blocks import Block, Extracted, clean_inline
from accord.ingest.meta import normalise_date

_LEAF_TAGS = {"p", "head", "item", "code"}
_CONTAINER_TAGS = {"p", "list", "quote", "table", "div", "head"}
_HREF_RE = re.compile(r"^https?://", re.I)


def _text_of(element) -> str:
    return clean_inline("".join(element.itertext()))


def _walk(element, quote: bool, out: Extracted) -> None:
    """Append the paragraphs under ``element``; everything inside a <quote> is a block quote."""
    tag = element.tag if isinstance(element.tag, str) else ""
    quote = quote or tag == "quote"
    children = [c for c in element if isinstance(c.tag, str)]
    if tag == "row":
        text = "; ".join(t for t in (_text_of(c) for c in children) if t)
        if text:
            out.blocks.append(Block(text, quote))
        return
    if (tag in _LEAF_TAGS or tag == "quote") and not any(c.tag in _CONTAINER_TAGS for c in children):
        text = _text_of(element)
        if text:
            out.blocks.append(Block(text, quote))
        return
    for child in children:
        _walk(child, quote, out)


_BOILERPLATE_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template", "iframe")
_BOILERPLATE_RE = re.compile(r"nav|menu|footer|header|sidebar|banner|\bads?\b|advert|cookie|related|share|comment|promo")
#: Consent and newsletter pop-ups that trafilatura can mistake for the article.
_PRUNE_XPATH = [
    f"//*[contains(translate(@{attr}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '{word}')]"
    for attr in ("class", "id")
    for word in ("cookie", "consent", "gdpr", "newsletter-signup", "paywall")
]
MIN_FALLBACK_WORDS = 10  # the fallback needs one paragraph at least this long
MIN_ARTICLE_WORDS = 8  # fewer words from trafilatura is navigation debris, not an article


def _fallback(html: str) -> Extracted | None:
    """Paragraphs of a page or fragment that trafilatura judged too small (boilerplate dropped)."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:  # noqa: BLE001 - unparsable markup has no article
        return None
    for element in list(root.iter(*_BOILERPLATE_TAGS)):
        element.drop_tree()
    for element in list(root.iter()):
        marks = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
        if isinstance(element.tag, str) and element.getparent() is not None and _BOILERPLATE_RE.search(marks):
            element.drop_tree()
    out = Extracted()
    for element in root.iter("p", "blockquote", "li", "h1", "h2", "h3", "h4"):
        if any(a.tag in {"blockquote", "li"} for a in element.iterancestors()):
            continue  # its text is part of the enclosing quote or list item
        text = _text_of(element)
        if text:
            out.blocks.append(Block(text, element.tag == "blockquote"))
    if not any(len(b.text.split()) >= MIN_FALLBACK_WORDS for b in out.blocks):
        return None
    for a in root.iter("a"):
        href = a.get("href") or ""
        if _HREF_RE.match(href):
            out.links.append(href)
    return out


MAX_TREE_DEPTH = 254
_BLOCK_TAGS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br", "tr", "section", "article", "td"}
_SKIP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template", "iframe", "head"}
_VOID_TAGS = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"}


def nesting_depth(html: str) -> int:
    """The deepest element nesting of the markup (void elements do not nest)."""
    from html.parser import HTMLParser

    class Depth(HTMLParser):
        depth = deepest = 0

        def handle_starttag(self, tag, attrs):
            if tag not in _VOID_TAGS:
                self.depth += 1
                self.deepest = max(self.deepest, self.depth)

        def handle_endtag(self, tag):
            if tag not in _VOID_TAGS:
                self.depth = max(0, self.depth - 1)

    parser = Depth(convert_charrefs=True)
    parser.feed(html)
    parser.close()
    return parser.deepest


def _flat_text(html: str) -> Extracted:
    """Paragraphs of markup read tag by tag, without building a tree (no depth limit)."""
    from html.parser import HTMLParser

    out = Extracted()

    class Flat(HTMLParser):
        skip = 0
        quote = 0
        title = False
        parts: list[str] = []

        def flush(self) -> None:
            text = clean_inline("".join(self.parts))
            if text:
                out.blocks.append(Block(text, self.quote > 0))
            self.parts = []

        def handle_starttag(self, tag, attrs):
            if tag in _SKIP_TAGS and tag not in _VOID_TAGS:
                self.skip += 1
            if tag == "title":
                self.title = True
            if tag == "a":
                href = dict(attrs).get("href") or ""
                if _HREF_RE.match(href):
                    out.links.append(href)
            if tag in _BLOCK_TAGS:
                self.flush()
            if tag == "blockquote":
                self.quote += 1

        def handle_endtag(self, tag):
            if tag in _SKIP_TAGS and self.skip:
                self.skip -= 1
            if tag == "title":
                self.title = False
            if tag in _BLOCK_TAGS:
                self.flush()
            if tag == "blockquote" and self.quote:
                self.quote -= 1

        def handle_data(self, data):
            if self.title:
                out.title = out.title or clean_inline(data) or None
            elif not self.skip:
                self.parts.append(data)

    parser = Flat(convert_charrefs=True)
    parser.parts = []
    parser.feed(html)
    parser.close()
    parser.flush()
    return out


def _too_deep(html: str) -> Extracted | None:
    """The flat reading of markup nested beyond ``MAX_TREE_DEPTH``, with W104; None for ordinary markup."""
    depth = nesting_depth(html)
    if depth <= MAX_TREE_DEPTH:
        return None
    out = _flat_text(html)
    if not out.blocks:
        raise IngestError(Code.HTML_NO_ARTICLE, f"(the markup is nested {depth} levels deep and holds no text)")
    out.warnings.append((Code.HTML_TOO_DEEP, f"(nested {depth} levels deep; the limit is {MAX_TREE_DEPTH})"))
    return out


def parse_html(html: str, url: str | None = None) -> Extracted:
    """Blocks and metadata from an HTML page; raises IngestError(E106) when it has no article."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_links=True,
            include_tables=True,
            include_comments=False,
            include_formatting=False,
            prune_xpath=_PRUNE_XPATH,
        )
    except Exception as exc:  # trafilatura raises assorted errors on malformed markup
        raise IngestError(Code.HTML_NO_ARTICLE, f"extraction failed: {type(exc).__name__}: {exc}") from exc
    if doc is None or doc.body is None or len((doc.text or "").split()) < MIN_ARTICLE_WORDS:
        fallback = _fallback(html)
        if fallback is None:
            deep = _too_deep(html)
            if deep is not None:
                return deep
            raise IngestError(Code.HTML_NO_ARTICLE)
        return fallback
    out = Extracted(
        title=clean_inline(doc.title) if doc.title else None,
        author=clean_inline(doc.author) if doc.author else None,
        date=normalise_date(doc.date),
        url=doc.url or url,
    )
    out.date_source = "metadata" if out.date else None
    for ref in doc.body.iter("ref"):
        target = (ref.get("target") or "").strip()
        if target and not target.startswith(("#", "mailto:", "javascript:")):
            target = urljoin(out.url, target) if out.url else target
            if _HREF_RE.match(target):
                out.links.append(target)
    _walk(doc.body, False, out)
    if out.blocks and out.title and out.blocks[0].text == out.title:
        out.blocks.pop(0)
    if not out.blocks:
        raise IngestError(Code.HTML_NO_ARTICLE)
    return out
