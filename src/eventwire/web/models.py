"""Response models of the HTTP API, for its OpenAPI description (``/openapi.json``,
``/docs``). They describe what the endpoints answer; tests check real answers against
them (tests/test_api_conventions.py). Extra fields are allowed: records keep the
event-record contract's fields in order, then fields of their own (num_mentions ...).
"""
from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Error(BaseModel):
    """Every error: one readable sentence and the status. Validation errors (400) also
    list each problem (``loc`` = where: ["query", name], ["body", ...])."""
    detail: str
    status: int
    errors: Optional[list[dict[str, Any]]] = None


class Actor(_Open):
    text: Optional[str] = None
    name: Optional[str] = None
    code: Optional[str] = Field(None, description="CAMEO actor code, e.g. CHNGOV")
    country: Optional[str] = Field(None, description="ISO 3166 alpha-3")
    agent: Optional[str] = None
    actor_id: Optional[str] = None
    span: Optional[list[int]] = Field(None, description="[start, end) characters in the document")


class Location(_Open):
    name: Optional[str] = None
    country: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    geonameid: Optional[int] = None
    precision: Optional[str] = None


class EventRecord(_Open):
    """An event record of the contract (../shared/spec/event-record.md). Canonical events
    add num_mentions, num_sources, num_articles, story_id, first_published, source_url."""
    event_id: Optional[str] = None
    doc_id: Optional[str] = None
    doc: Optional[dict[str, Any]] = None
    sentence_index: Optional[int] = None
    sentence: Optional[str] = None
    span: Optional[list[int]] = None
    source: Optional[Actor] = None
    target: Optional[Actor] = None
    cameo: Optional[str] = None
    cameo_root: Optional[str] = None
    quad_class: Optional[int] = None
    goldstein: Optional[float] = None
    plover: Optional[dict[str, Any]] = None
    verb: Optional[dict[str, Any]] = None
    negated: Optional[bool] = None
    modality: Optional[str] = None
    attribution: Optional[dict[str, Any]] = None
    date: Optional[str] = None
    date_precision: Optional[str] = None
    date_basis: Optional[str] = None
    historical: Optional[bool] = None
    location: Optional[Location] = None
    pattern: Optional[str] = None
    confidence: Optional[float] = None
    canonical_event_id: Optional[str] = None


class Resolved(BaseModel):
    given: str
    code: str
    name: Optional[str] = None
    by: str = Field(description="'actor name', 'country name' or 'code' (upper-cased)")


class EventsPage(_Open):
    events: list[EventRecord]
    total: int = Field(description="every event that matches the filters")
    limit: int
    next_cursor: Optional[str] = Field(None, description="pass as cursor for the next page; null on the last")
    filters: dict[str, Resolved] = Field(default_factory=dict,
                                         description="names in the filters and the codes they were resolved to")
    hints: Optional[list[str]] = None


class EventDetail(EventRecord):
    mentions: list[EventRecord]


class SeriesRow(_Open):
    period: Optional[str] = None
    dated_to: str
    events: int
    verbal_coop: int
    material_coop: int
    verbal_conflict: int
    material_conflict: int
    goldstein_sum: Optional[float] = None
    goldstein_mean: Optional[float] = None
    num_mentions: int


class DyadSeries(_Open):
    source: str
    target: str
    by: Literal["day", "week", "month"]
    directed: bool
    series: list[SeriesRow]
    imprecise: list[SeriesRow] = Field(description="events known only to the month/year")


class ActorRow(_Open):
    actor_id: Optional[str] = None
    code: Optional[str] = None
    name: Optional[str] = None
    country: Optional[str] = None
    agent: Optional[str] = None
    n_mentions: Optional[int] = None
    n_events: Optional[int] = None


class ActorsPage(_Open):
    actors: list[ActorRow]
    total: int


class Edge(_Open):
    source: str
    target: str
    events: int
    mentions: Optional[int] = None
    cooperation: Optional[int] = None
    conflict: Optional[int] = None
    goldstein_mean: Optional[float] = None


class Network(_Open):
    edges: list[Edge]
    nodes: list[dict[str, Any]]
    total: int


class StoriesPage(_Open):
    stories: list[dict[str, Any]]
    total: int


class DocumentRow(_Open):
    doc_id: str
    title: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None
    language: Optional[str] = None
    url: Optional[str] = None
    n_events: int
    n_mentions: int


class DocumentsPage(_Open):
    documents: list[DocumentRow]
    total: int
    limit: int
    next_cursor: Optional[str] = None


class Document(_Open):
    doc_id: str
    text: Optional[str] = None
    title: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None
    language: Optional[str] = None
    actors: list[Actor]
    events: list[EventRecord]


class Place(_Open):
    place: str = Field(description="GeoNames id, else the place name: the events' `place` filter")
    name: Optional[str] = None
    country: Optional[str] = None
    lat: float
    lon: float
    events: int
    mentions: int
    goldstein_mean: Optional[float] = None


class Places(_Open):
    places: list[Place]
    total: int = Field(description="places")
    events_total: int = Field(description="events of the filters")
    events_located: int = Field(description="of which have coordinates (the rest are not on the map)")
    filters: dict[str, Resolved] = Field(default_factory=dict)


class Contradictions(_Open):
    contradictions: list[dict[str, Any]]
    total: int


class Summary(_Open):
    documents: int
    events: int
    mentions: int
    date_from: Optional[str] = None
    date_to: Optional[str] = None


class Codebook(BaseModel):
    cameo: dict[str, str] = Field(description="CAMEO code -> name")
    quad_class: dict[str, str] = Field(description="QuadClass 1..4 -> name")


class Health(_Open):
    status: str
    version: str
    writable: bool
    sql: bool


class Added(_Open):
    documents: list[dict[str, Any]]
    events: list[EventRecord]
    errors: list[str] = Field(default_factory=list)


class SqlAnswer(_Open):
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool


def errors(*codes: int) -> dict:
    """``responses=`` entries for error statuses, all with the one error body."""
    text = {400: "invalid parameter or body", 401: "missing or wrong token",
            403: "not allowed on this server", 404: "not found", 408: "took too long",
            413: "body too large", 415: "unsupported content type", 429: "too many queries",
            503: "the database or the coder is not available"}
    return {c: {"model": Error, "description": text.get(c, "error")} for c in codes}


def download(model) -> dict:
    """The 200 answer of a list endpoint: JSON, or a download (format=, Accept)."""
    return {200: {"model": model, "content": {
        "text/csv": {"schema": {"type": "string"}},
        "application/vnd.apache.parquet": {"schema": {"type": "string", "format": "binary"}},
        "application/x-ndjson": {"schema": {"type": "string"}}},
        "description": "JSON; or every matching row as CSV, Parquet or JSON lines "
                       "(`format=` or the Accept header), with X-Total-Count"}}
