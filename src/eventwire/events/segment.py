"""``eventwire_paragraphs``: a blank line ends a sentence, and so do a dateline and a
photo credit glued to a caption (runs before the parser).

Headlines, captions and datelines carry no final full stop; without this the parser glues
them to the next sentence ("China sends envoy to North Korea\\n\\nChina sent ...") and the
coder sees one long, wrongly parsed sentence. A dateline glued to the lead sentence
("KHARTOUM -- Sudan's president asked ...") is parsed as its subject.
"""
from spacy.language import Language

from ..actors.credits import caption_credits, find_dateline
from ..textutil import doc_text


@Language.component("eventwire_paragraphs", assigns=["token.is_sent_start"])
def paragraphs(doc):
    # Only blank lines (paragraph breaks): single newlines are often hard wraps mid-sentence.
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
    dl = find_dateline(doc_text(doc))
    if dl is not None:
        span = doc.char_span(dl.span[0], dl.span[1], alignment_mode="expand")
        if span is not None and span.end < len(doc):
            nxt = span.end
            while nxt < len(doc) and doc[nxt].is_space:
                nxt += 1
            if nxt < len(doc):
                doc[nxt].is_sent_start = True
    for a, b in caption_credits(doc_text(doc)):
        # "Reuters In 2014 ...": a photo credit glued to a caption is no subject of it
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None and span.end < len(doc):
            doc[span.end].is_sent_start = True
    return doc


def looks_like_headline(sent, doc) -> bool:
    """A title line: the first sentence with no final punctuation, or equal to
    ``doc._.title`` (the coder and the lead-event rules skip it: the story tells it again)."""
    text = sent.text.strip()
    title = (getattr(doc._, "title", None) or "").strip()
    if title and text == title:
        return True
    return sent.start == 0 and not text.endswith((".", "!", "?", '"', "”", "'"))
