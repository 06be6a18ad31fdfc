"""What an actor code may look like, and an organisation's code with a sector noun.

A CAMEO actor code is a run of three-letter blocks: a country (ISO3), a region, or an
international block (IGO, NGO, ...) first, then the blocks that narrow it (sectors,
the organisation's own block). Two mistakes have reached our output before: a sector
glued to an international organisation's code because the noun that named it was a
spokesperson ("UN spokesperson" -> IGOUNOGOV), and codes that are no run of blocks at
all. ``code_problem`` says what is wrong with a code (None when nothing is); the tests
run it over every code the pipeline emits on real articles.
"""
from __future__ import annotations

import re

from .records import INTERNATIONAL
from .phoenix import AGENT_CODES, REGIONS

BLOCKS_RE = re.compile(r"^(?:[A-Z]{3})+$")

# Nouns that name an organisation's people who speak or act for it ("a UN spokesperson",
# "NATO officials", "the EU envoy") carry the agent GOV: for an organisation of no
# country that is the organisation itself, not a government inside it.
REPRESENTATIVE_AGENTS = {"GOV"}


# Organisations whose people are the organisation: intergovernmental and non-governmental
# bodies. (An armed movement's "leaders", IMG..., keep CAMEO's GOV: the PLOVER GSR codes
# them so.)
BODIES = ("IGO", "NGO")


def org_code(org_code_: str, agent: str | None) -> tuple[str, str | None]:
    """(code, agent) of an organisation of no country named with a sector noun:
    "UN peacekeepers" -> IGOUNO + MIL; "a UN spokesperson", "NATO officials" -> the
    organisation's own code, no agent."""
    if not agent:
        return org_code_, None
    if agent in REPRESENTATIVE_AGENTS and org_code_[:3] in BODIES:
        return org_code_, None
    return org_code_ + agent, agent


def code_problem(code: str | None, countries: set[str] | frozenset = frozenset()) -> str | None:
    """Why ``code`` is no well-formed actor code, or None. ``countries``: the known ISO3
    codes (when given, a code's first block must be one of them, a region, an
    international block or a sector)."""
    if code is None:
        return None
    if not BLOCKS_RE.match(code):
        return "not a run of three-letter blocks"
    blocks = [code[k:k + 3] for k in range(0, len(code), 3)]
    head = blocks[0]
    if head in BODIES and "GOV" in blocks[1:]:
        return "an international organisation has no government sector"
    if countries and head not in countries and head not in REGIONS \
            and head not in INTERNATIONAL and head not in AGENT_CODES:
        return f"first block {head} is no country, region, international block or sector"
    if head in AGENT_CODES and head not in INTERNATIONAL and len(blocks) > 1:
        return "a sector-only code has one block"
    if len(blocks) > 1 and head not in INTERNATIONAL and head not in REGIONS \
            and blocks[1] == head:
        return "a block repeated"
    return None
