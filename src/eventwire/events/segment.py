"""``eventwire_paragraphs``: a blank line ends a sentence (runs before the parser).

Headlines, captions and datelines carry no final full stop; without this the parser glues
them to the next sentence ("China sends envoy to North Korea\\n\\nChina sent ...") and the
coder sees one long, wrongly parsed sentence.
"""
from spacy.language import Language


@Language.component("eventwire_paragraphs", assigns=["token.is_sent_start"])
def paragraphs(doc):
    # Only blank lines (paragraph breaks): single newlines are often hard wraps mid-sentence.
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
    return doc
