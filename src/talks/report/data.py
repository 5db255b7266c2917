"""What a report shows, gathered from the store in one pass: per topic the actors'
dated positions (chart marks) and all positions (rows), what changed between two
dates, per speaker the statements with their reports, and the evidence behind
every mark and row. Pure data; `page` turns it into HTML."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from talks import __version__, query
from talks.diff import DiffResult, compare
from talks.errors import UsageError
from talks.extract.speakers import fold
from talks.lexicon import Lexicon
from talks.models import Article, Position, Quote, Statement
from talks.pipeline import fingerprint
from talks.report.evidence import Evidence, for_position, for_quote
from talks.statements import containing, group, position_reports
from talks.store import Store


@dataclass(frozen=True)
class ReportOptions:
    """The filters of `talks report` (empty tuples / None mean no filter)."""

    topics: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    from_date: dt.date | None = None
    to_date: dt.date | None = None
    max_statements: int = 25  # per speaker, most reported first; 0 = all
    max_undated: int = 100  # undated positions listed per topic (all are counted); 0 = all


@dataclass(frozen=True)
class Row:
    """One position with the number of distinct articles stating it and its evidence."""

    position: Position
    reports: int
    evidence: str  # HTML id of the evidence block


@dataclass
class Lane:
    actor: str
    marks: list[Row] = field(default_factory=list)  # dated, in date order
    undated: int = 0


@dataclass
class TopicSection:
    key: str
    proposition: str
    lanes: list[Lane]
    rows: list[Row]  # every dated position, then the undated ones listed
    unlisted: int = 0  # undated positions counted but not listed (--max-undated)

    @property
    def dated(self) -> int:
        return sum(len(lane.marks) for lane in self.lanes)

    @property
    def undated(self) -> int:
        return sum(lane.undated for lane in self.lanes)


@dataclass
class SpeakerSection:
    name: str
    side: str
    statements: list[tuple[Statement, str]]  # shown: statement, HTML id of its evidence
    total: int = 0  # the speaker's statements in the report's scope, shown or not
    reports: int = 0  # their reports (articles), shown or not


@dataclass
class ReportData:
    store: str
    generated: dt.datetime
    version: str
    fingerprint: str
    options: ReportOptions
    store_counts: dict[str, int]
    topics: list[TopicSection]
    changes: DiffResult | None
    speakers: list[SpeakerSection]
    evidence: dict[str, Evidence]
    time_range: tuple[dt.date, dt.date] | None  # of all dated positions shown

    @property
    def positions(self) -> int:
        return sum(len(t.rows) + t.unlisted for t in self.topics)

    @property
    def statements(self) -> int:
        return sum(s.total for s in self.speakers)


def check(options: ReportOptions, lexicon: Lexicon, store: Store) -> None:
    """Usage errors for options that cannot give the report the user meant."""
    keys = lexicon.topic_keys()
    for t in options.topics:
        if t not in keys:
            raise UsageError(f"unknown topic {t!r}; valid topics: {', '.join(keys)}")
    if (options.from_date is None) != (options.to_date is None):
        raise UsageError("--from and --to go together (what changed between the two dates)")
    if options.from_date and options.to_date and options.from_date > options.to_date:
        raise UsageError(f"--from {options.from_date} is after --to {options.to_date}")
    if options.since and options.until and options.since > options.until:
        raise UsageError(f"--since {options.since} is after --until {options.until}")
    if options.actors:
        known = {fold(a) for a in store.actors()} | {fold(p) for p in lexicon.party_names()}
        for a in options.actors:
            if fold(a) not in known:
                raise UsageError(
                    f"unknown actor {a!r}; actors in the store: {', '.join(store.actors())}"
                )


class _Articles:
    """Articles loaded once each, with their text, as evidence needs them."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.cache: dict[str, Article] = {}

    def __getitem__(self, article_id: str) -> Article:
        if article_id not in self.cache:
            found = self.store.article(article_id)
            if found is None:  # pragma: no cover - foreign keys keep this from happening
                raise UsageError(f"article {article_id} is missing from the store")
            self.cache[article_id] = found
        return self.cache[article_id]


def _positions(store: Store, options: ReportOptions, topics: list[str]) -> list[Position]:
    wanted = {fold(a) for a in options.actors}
    out: list[Position] = []
    for t in topics:
        for p in store.positions(topic=t, since=options.since, until=options.until):
            if not wanted or fold(p.actor) in wanted:
                out.append(p)
    return out


def _selected(q: Quote, options: ReportOptions, sides: set[str]) -> bool:
    """The report's filters on a quote (the same tests as the store's quote filters)."""
    if options.topics and not set(options.topics) & set(q.topics):
        return False
    if options.since and (q.date is None or q.date < options.since):
        return False
    if options.until and (q.date is None or q.date > options.until):
        return False
    return not sides or fold(q.side) in sides


def collect(store: Store, lexicon: Lexicon, options: ReportOptions) -> ReportData:
    """Everything the report shows, filtered by `options` (checked first)."""
    check(options, lexicon, store)
    props = {t.key: t.proposition for t in lexicon.topics}
    topic_keys = list(options.topics) or [t for t in lexicon.topic_keys() if t in store.topics()]
    positions = _positions(store, options, topic_keys)
    counts = position_reports(p for t in topic_keys for p in store.positions(topic=t))
    arts = _Articles(store)
    evidence: dict[str, Evidence] = {}
    by_topic: dict[str, list[Row]] = defaultdict(list)
    for p in positions:
        by_topic[p.topic].append(Row(p, counts[p.id], f"ev-{p.id}"))
    sections = []
    for key in topic_keys:
        rows, undated = [], 0
        lanes: dict[str, Lane] = {}
        for row in by_topic.get(key, []):
            lane = lanes.setdefault(row.position.actor, Lane(row.position.actor))
            if row.position.date is None:
                lane.undated += 1
                undated += 1
                if options.max_undated and undated > options.max_undated:
                    continue
            else:
                lane.marks.append(row)
            rows.append(row)
            p = row.position
            evidence[row.evidence] = for_position(p, arts[p.article_id], html_id=row.evidence)
        for lane in lanes.values():
            lane.marks.sort(
                key=lambda r: (r.position.date, r.position.article, r.position.span.start)
            )
        ordered = sorted(lanes.values(), key=lambda lane: lane.actor)
        sections.append(
            TopicSection(
                key, props.get(key, ""), ordered, rows, len(by_topic.get(key, [])) - len(rows)
            )
        )
    changes = None
    if options.from_date is not None and options.to_date is not None:
        changes = compare(positions, from_date=options.from_date, to_date=options.to_date)
    speakers = _speakers(store, options, arts, evidence)
    dates = [p.date for p in positions if p.date is not None]
    return ReportData(
        store=str(store.path),
        generated=dt.datetime.now(dt.UTC).replace(microsecond=0),
        version=__version__,
        fingerprint=fingerprint(lexicon),
        options=options,
        store_counts=store.counts(),
        topics=sections,
        changes=changes,
        speakers=speakers,
        evidence=evidence,
        time_range=(min(dates), max(dates)) if dates else None,
    )


def _speakers(
    store: Store, options: ReportOptions, arts: _Articles, evidence: dict[str, Evidence]
) -> list[SpeakerSection]:
    # One read of the quotes: the filters pick statements, and each picked
    # statement keeps all its reports (the same rule as `talks quotes --group`).
    pool = store.quotes()
    sides = {fold(a) for a in options.actors}
    selected = {q.id for q in pool if _selected(q, options, sides)}
    speakers = {q.speaker for q in pool if q.id in selected}
    statements = containing(
        group((q for q in pool if q.speaker in speakers), query.article_index(store)), selected
    )
    quotes = {q.id: q for q in pool if q.speaker in speakers}
    by_speaker: dict[str, list[Statement]] = {}
    for s in statements:
        by_speaker.setdefault(s.speaker, []).append(s)
    out: list[SpeakerSection] = []
    for name, own in by_speaker.items():
        shown = own
        if options.max_statements and len(own) > options.max_statements:
            top = sorted(own, key=lambda s: -s.reports)[: options.max_statements]
            keep = {s.id for s in top}
            shown = [s for s in own if s.id in keep]  # first-seen order kept
        section = SpeakerSection(name, own[0].side, [], len(own), sum(s.reports for s in own))
        for s in shown:
            rep = next(
                q for q in (quotes.get(src.quote_id) for src in s.sources) if q and q.text == s.text
            )
            html_id = f"ev-{s.id}"
            heading = f"{s.speaker} · {s.reports} report{'s' if s.reports != 1 else ''}"
            evidence[html_id] = for_quote(
                rep, arts[rep.article_id], html_id=html_id, heading=heading
            )
            section.statements.append((s, html_id))
        out.append(section)
    return sorted(out, key=lambda sp: (-sp.total, sp.name))
