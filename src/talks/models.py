"""The typed records `talks` produces: articles, speakers, quotes and positions.

Every extracted record carries half-open character spans into its article's
original text (`text[start:end]`), so any answer can be checked against the
exact characters it came from. The JSON field names of these models are a
contract that scripts rely on: add fields, never rename them.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

PublishedBasis = Literal["metadata", "page", "dateline", "filename", "inferred", "unknown"]
"""How an article's publication date was found: `metadata` (--date, front matter, a
JSON Lines field or the metadata index), `page` (a saved web page's own metadata),
`dateline`, `filename`, `inferred` (a known negotiation round named in the opening
paragraphs with its weekday, see `lexicons/events.yaml`), or `unknown`."""

DateBasis = Literal["explicit", "relative", "published", "unknown"]
"""How a statement date was found: an explicit date in the sentence ("on March 29"),
a relative expression resolved against the publication date ("yesterday"),
the publication date itself (nothing in the sentence says otherwise), or unknown."""

QuoteKind = Literal["direct", "indirect"]
Stance = Literal["support", "oppose"]
ChangeStatus = Literal["changed", "new", "dropped", "same"]


class Record(BaseModel):
    """Base for all records: strict on input, immutable once made."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Span(Record):
    """A half-open character range `[start, end)` into an article's text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    def of(self, text: str) -> str:
        """The characters this span covers in `text`."""
        return text[self.start : self.end]


class Article(Record):
    """One news article, its text kept exactly as decoded."""

    id: str
    article: str  # file name (or the JSON Lines record's id)
    path: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_basis: PublishedBasis = "unknown"
    text: str
    encoding: str = "utf-8"
    title_span: Span | None = None
    noise: tuple[Span, ...] = ()  # scraping debris: non-content spans, text untouched
    warnings: tuple[str, ...] = ()
    crawled: dt.datetime | None = None  # when a web archive's crawler fetched the page


class Quote(Record):
    """Something a source said, with where it stands in the article."""

    id: str
    article: str
    article_id: str
    path: str
    speaker: str  # canonical name, or the article's wording for groups
    speaker_mention: str  # the words in the text that name the speaker (may be "he")
    speaker_span: Span | None = None
    side: str  # a party name ("Russia", "Ukraine", ...) or "none"
    kind: QuoteKind
    text: str  # the spans' characters joined by one space
    spans: tuple[Span, ...]
    cue: str | None = None  # the reporting verb or phrase as written
    cue_span: Span | None = None
    date: dt.date | None = None  # when the statement was made
    date_basis: DateBasis = "unknown"
    topics: tuple[str, ...] = ()
    event: str | None = None  # the negotiation round its sentence names (events.yaml name)


class Position(Record):
    """A party's stance on one topic, with the evidence it rests on."""

    id: str
    article: str
    article_id: str
    path: str
    actor: str  # the party that holds the view
    topic: str
    stance: Stance
    conditional: bool = False
    holder: str | None = None  # the person who voiced it, when there is one
    date: dt.date | None = None
    date_basis: DateBasis = "unknown"
    evidence: str  # == span's characters in the article
    span: Span
    quote_id: str | None = None
    event: str | None = None  # the negotiation round its sentence names (events.yaml name)


class Speaker(Record):
    """A speaker as the store knows it: lexicon facts plus what was seen."""

    name: str
    side: str
    kind: Literal["person", "group"] = "person"
    roles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    quotes: int = 0  # every report, copies included
    statements: int = 0  # distinct statements (syndicated copies counted once)
    spellings: tuple[str, ...] = ()  # the mentions actually seen in articles


class PositionChange(Record):
    """How one actor's stance on one topic differs between two dates."""

    actor: str
    topic: str
    status: ChangeStatus
    before: Position | None = None
    after: Position | None = None


class StatementSource(Record):
    """One report of a statement: a quote in one article, with that article's facts."""

    quote_id: str
    article_id: str
    article: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None  # the article's publication date
    date: dt.date | None = None  # the statement date this report gives
    text: str  # this report's own wording


class Statement(Record):
    """The same words of one speaker, however many articles reported them.

    `text` is the fullest wording seen (the longest report); `reports` counts the
    distinct articles, `outlets` the distinct outlets known (in first-seen order);
    `first_seen` is the earliest publication date among the reports and `date` the
    earliest statement date they give. `sources` lists every report.
    """

    id: str
    speaker: str
    side: str
    kind: QuoteKind
    text: str
    reports: int
    outlets: tuple[str, ...] = ()
    first_seen: dt.date | None = None
    date: dt.date | None = None
    topics: tuple[str, ...] = ()
    sources: tuple[StatementSource, ...] = ()
