"""Pages nested deeper than an HTML parser goes: flattened, so their text is kept.

libxml2 (under lxml and trafilatura) stops building the tree at 256 levels of
nesting: everything deeper is dropped without a word, and a page whose article sits
in the 300th ``<div>`` has no text. Such pages are rare (generated markup, broken
templates, attacks) and their nesting carries no meaning for us, so we rewrite them
as a flat page with a streaming tokenizer (the standard library's, which keeps no
tree and so has no depth limit): the head's ``<title>`` and ``<meta>``/``<link>``
tags as they were, then one block per paragraph of text. The usual extraction then
runs on the flat page.
"""
from __future__ import annotations

import html as _html
from html.parser import HTMLParser

# Where a paragraph ends.
_BLOCKS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
           "li", "ul", "ol", "blockquote", "pre", "td", "th", "tr", "table", "br", "hr",
           "dd", "dt", "dl", "figure", "center", "address", "body"}
# Whose text is not article text (as in htmltext's lxml fallback).
_SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "nav", "footer",
         "aside", "form", "button", "select", "figcaption"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_HEAD_TAGS = {"meta", "link"}


class _Flattener(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.head: list[str] = []
        self.title: list[str] = []
        self.blocks: list[tuple[str, str]] = []   # (tag, text)
        self._text: list[str] = []
        self._tag = "p"
        self._skip: dict[str, int] = {}
        self._in_title = False
        self._in_ld_json = False
        self._ld_json: list[str] = []

    def _flush(self, next_tag: str = "p") -> None:
        text = " ".join("".join(self._text).split())
        if text:
            self.blocks.append((self._tag, text))
        self._text, self._tag = [], next_tag

    def handle_starttag(self, tag, attrs):
        if tag in _HEAD_TAGS:
            self.head.append("<" + tag + "".join(
                f' {k}="{_html.escape(v or "", quote=True)}"' for k, v in attrs) + ">")
            return
        if tag == "title":
            self._in_title = True
            return
        if tag == "script" and (dict(attrs).get("type") or "").lower() == "application/ld+json":
            self._in_ld_json = True
        if tag in _SKIP:
            self._skip[tag] = self._skip.get(tag, 0) + 1
            return
        if tag in _BLOCKS:
            self._flush(tag if tag in _HEADINGS else "p")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
            return
        if tag == "script" and self._in_ld_json:
            self._in_ld_json = False
            self.head.append('<script type="application/ld+json">'
                             + "".join(self._ld_json).replace("</", "<\\/") + "</script>")
            self._ld_json = []
        if tag in _SKIP:
            if self._skip.get(tag):
                self._skip[tag] -= 1
            return
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data):
        if self._in_title:
            self.title.append(data)
        elif self._in_ld_json:
            self._ld_json.append(data)
        elif not any(self._skip.values()):
            self._text.append(data)


def flatten_html(html: str) -> str:
    """The same page without its nesting: head tags, then one element per paragraph."""
    f = _Flattener()
    f.feed(html)
    f.close()
    f._flush()
    title = " ".join("".join(f.title).split())
    body = "".join(f"<{tag}>{_html.escape(text, quote=False)}</{tag}>" for tag, text in f.blocks)
    return ("<html><head>" + "".join(f.head)
            + (f"<title>{_html.escape(title, quote=False)}</title>" if title else "")
            + f"</head><body><article>{body}</article></body></html>")
