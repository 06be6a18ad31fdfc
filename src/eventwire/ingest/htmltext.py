"""HTML -> article paragraphs and metadata (trafilatura, with an lxml fallback).

trafilatura finds the main text of a page (dropping navigation, footers, comment
sections); when it finds nothing (short pages, odd markup) a plain lxml walk over
block elements, minus obvious page furniture, takes over. Metadata comes first from
the page's own meta tags (deterministic), then from trafilatura.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

import lxml.etree
import lxml.html

from .dates import page_text_date, pick_meta_date, to_iso_date, url_date


class HtmlError(ValueError):
    """The page has no extractable article text; the message is the reason."""


@dataclass
class HtmlArticle:
    paragraphs: list[str] = field(default_factory=list)
    title: str | None = None
    author: str | None = None
    published: str | None = None    # ISO date or None
    published_from: str | None = None   # metadata | url | page | page text (how it was found)
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    extractor: str = "trafilatura"  # or "lxml" when the fallback was used
    notes: list[str] = field(default_factory=list)


# meta name/property -> field; first hit wins, in this order.
_DATE_META = ("article:published_time", "og:article:published_time", "datepublished",
              "publishdate", "pubdate", "publish-date", "date", "dc.date",
              "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date",
              "article.published")
_OUTLET_META = ("og:site_name", "application-name", "twitter:site")
_TITLE_META = ("og:title", "twitter:title", "headline")
_AUTHOR_META = ("author", "article:author", "byl", "parsely-author", "dc.creator")
# Page furniture the fallback removes (by tag, and by class/id words).
_FURNITURE_TAGS = ("script", "style", "noscript", "nav", "footer", "header", "aside",
                   "form", "iframe", "svg", "button", "template", "select", "figure",
                   "figcaption")
_FURNITURE_ATTR = re.compile(
    r"(^|[\s_-])(cookie|consent|banner|share|sharing|social|comment|comments|related|"
    r"newsletter|subscribe|footer|nav|navbar|menu|sidebar|breadcrumb|promo|advert|ad|"
    r"caption|byline-share)($|[\s_-])", re.I)
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd")


def _parse(html: str):
    return _parse_checked(html)[0]


def _parse_checked(html: str):
    """(tree or None, True when the parser dropped what lay too deep to build)."""
    parser = lxml.html.HTMLParser()
    try:
        tree = lxml.html.document_fromstring(html, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None, False
    too_deep = any(e.type_name == "ERR_RESOURCE_LIMIT" and "depth" in e.message
                   for e in parser.error_log)
    return tree, too_deep


def _meta(tree, every: dict[str, list[str]] | None = None) -> dict[str, str]:
    """key -> first value of the page's meta tags (and JSON-LD); ``every`` collects all
    the values of each key, in page order (a date may be given twice: UTC and local)."""
    out: dict[str, str] = {}
    every = every if every is not None else {}

    def put(key, val):
        every.setdefault(key, []).append(val)
        out.setdefault(key, val)

    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        # some sites write the value in "value" (a React head manager) instead of "content"
        val = (el.get("content") or el.get("value") or "").strip()
        if key and val:
            put(key, val)
    for el in tree.iter("time"):
        if el.get("itemprop", "").lower() == "datepublished" and el.get("datetime"):
            put("datepublished", el.get("datetime"))
    for el in tree.iter("script"):
        if (el.get("type") or "").lower() != "application/ld+json" or not el.text:
            continue
        try:
            data = json.loads(el.text)
        except ValueError:
            continue
        for obj in data if isinstance(data, list) else [data]:
            if not isinstance(obj, dict):
                continue
            for src, dst in (("datePublished", "datepublished"), ("headline", "headline")):
                if isinstance(obj.get(src), str):
                    put(dst, obj[src])
            pub = obj.get("publisher")
            if isinstance(pub, dict) and isinstance(pub.get("name"), str):
                put("application-name", pub["name"])
    return out


def _first(meta: dict[str, str], keys) -> str | None:
    for k in keys:
        if meta.get(k):
            return meta[k]
    return None


def _canonical(tree) -> str | None:
    for el in tree.iter("link"):
        if (el.get("rel") or "").lower() == "canonical" and el.get("href"):
            return el.get("href").strip()
    return None


def _is_furniture(el) -> bool:
    if el.tag in _FURNITURE_TAGS:
        return True
    attrs = " ".join(filter(None, (el.get("class"), el.get("id"), el.get("role"))))
    return bool(attrs) and bool(_FURNITURE_ATTR.search(attrs))


def fallback_paragraphs(tree) -> list[str]:
    """Block-element texts of the page minus furniture (lxml only)."""
    for el in list(tree.iter()):
        if not isinstance(el.tag, str):  # comments, processing instructions
            if el.getparent() is not None:
                el.drop_tree()
            continue
        if el.getparent() is not None and _is_furniture(el):
            el.drop_tree()
    root = next(iter(tree.iter("article")), None)
    if root is None:
        root = next(iter(tree.iter("main")), None)
    if root is None:
        body = tree.find("body")
        root = body if body is not None else tree
    paras = []
    for el in root.iter(*_BLOCKS):
        if any(anc.tag in _BLOCKS for anc in el.iterancestors()):
            continue  # nested blocks are in their parent's text already
        text = " ".join(el.text_content().split())
        if text:
            paras.append(text)
    if not paras:
        text = root.text_content()
        paras = [" ".join(line.split()) for line in text.split("\n") if line.strip()]
    return paras


def html_fragment_text(fragment: str) -> list[str]:
    """Paragraphs of a small HTML fragment (feed summaries): tags stripped."""
    if "<" not in fragment:
        return [p for p in (" ".join(x.split()) for x in re.split(r"\n\s*\n", fragment)) if p]
    parser = lxml.html.HTMLParser()
    try:
        tree = lxml.html.fragment_fromstring(fragment, create_parent="div", parser=parser)
        if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
            from .deephtml import flatten_html  # deeper than libxml2 goes (256 levels)
            tree = lxml.html.document_fromstring(flatten_html(fragment))
    except (lxml.etree.ParserError, ValueError):
        return []
    return fallback_paragraphs(tree)


def extract_html(html: str, url: str | None = None) -> HtmlArticle:
    """Main text and metadata of a page. Raises HtmlError when there is no text."""
    tree, flattened = _parse_checked(html)
    if flattened:  # libxml2 stops at 256 levels: flatten the page, keep its text
        from .deephtml import flatten_html
        html = flatten_html(html)
        tree, _ = _parse_checked(html)
    if tree is None:
        raise HtmlError("malformed HTML: nothing to parse")
    every: dict[str, list[str]] = {}
    meta = _meta(tree, every)
    art = HtmlArticle()
    if flattened:
        art.notes.append("HTML nested deeper than 256 levels: read flattened")
    art.url = url or _canonical(tree) or meta.get("og:url")
    for key in _DATE_META:
        if every.get(key):
            art.published = pick_meta_date(every[key])
            if art.published:
                art.published_from = "metadata"
                break
    art.outlet = _first(meta, _OUTLET_META)
    art.title = _first(meta, _TITLE_META)
    art.author = _first(meta, _AUTHOR_META)
    html_el = tree if tree.tag == "html" else tree.find(".//html")
    if html_el is not None and html_el.get("lang"):
        art.language = html_el.get("lang").split("-")[0].lower()[:3] or None

    doc = _trafilatura(html, art.url)
    if doc is not None and (doc.text or "").strip():
        art.paragraphs = [p for p in (" ".join(x.split()) for x in doc.text.split("\n")) if p]
        art.title = doc.title or art.title
        art.author = art.author or doc.author
        art.outlet = art.outlet or doc.sitename
        if not art.published and to_iso_date(doc.date):
            # htmldate's markup search (inside trafilatura): the URL or the page's markup
            art.published = to_iso_date(doc.date)
            art.published_from = "url" if art.published in (
                url_date(url), url_date(art.url)) else "page"
    else:
        art.extractor = "lxml"
        art.paragraphs = fallback_paragraphs(tree)
    if not art.title:
        t = tree.find(".//title")
        if t is not None and t.text_content().strip():
            art.title = " ".join(t.text_content().split())
    if not art.outlet and art.url:
        art.outlet = urlparse(art.url).hostname or None
    if not art.published:
        # no usable metadata: the URL's date, else htmldate's search of the page text
        for link in (url, _canonical(tree), meta.get("og:url")):
            if url_date(link):
                art.published, art.published_from = url_date(link), "url"
                break
        else:
            found = page_text_date(html, url or _canonical(tree), art.paragraphs)
            if found:
                art.published, art.published_from = found, "page text"
    if not art.paragraphs:
        raise HtmlError("no article text found in the HTML")
    return art


def _trafilatura(html: str, url: str | None):
    import trafilatura  # heavy import, only when a page is read

    try:
        return trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False,
            include_tables=False, include_images=False, favor_precision=True,
            # Only the page's header metadata: never guess a date from the body text
            # (that is the temporal stage's job) and never fall back to today.
            date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception:  # noqa: BLE001 - trafilatura raises many types on odd markup
        return None
