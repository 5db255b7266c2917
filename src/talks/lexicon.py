"""The YAML lexicons: schemas, loading, merging a user's file over the shipped one.

Everything `talks` knows about the world — people, parties, reporting verbs,
topics, scraping debris — is data in `talks/lexicons/*.yaml`, never code. A
user adds or overrides entries with their own YAML file whose top-level keys
are the section names (`speakers:`, `parties:`, `cues:`, `topics:`, ...).
Entries merge by key: fields the user gives replace the shipped ones, list
fields (aliases, forms, signals) are extended.

A malformed file is reported as `file:entry: problem` and nothing is loaded.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from talks.config import user_lexicon_paths as user_lexicon_paths
from talks.errors import LexiconError
from talks.limits import load_yaml

if TYPE_CHECKING:
    from talks.lexicon_cache import LexiconSummary


class Entry(BaseModel):
    """Base for lexicon entries: unknown keys are errors, not silently ignored."""

    model_config = ConfigDict(extra="forbid")


def check_pattern(pattern: str) -> str:
    """`pattern` if it is a regular expression `talks` can use, else ValueError.

    Patterns are compiled case-insensitively and joined into alternations with the
    other entries' patterns, so a named group (which would clash) is refused too.
    """
    try:
        compiled = re.compile(f"(?:{pattern})", re.I)
    except re.error as exc:
        raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from None
    except (RecursionError, OverflowError, ValueError):
        raise ValueError(f"regular expression {pattern!r} is too complex") from None
    if compiled.groupindex:
        raise ValueError(f"regular expression {pattern!r}: named groups are not allowed")
    return pattern


# --- parties -----------------------------------------------------------------


class Party(Entry):
    """A party to the negotiations and the words that stand for it."""

    name: str  # canonical, e.g. "Russia"
    names: list[str] = []  # proper names and metonyms: "Russian Federation", "Moscow", "Kremlin"
    adjectives: list[str] = []  # "Russian"; also used to read "Russian negotiator" as a side

    key_field: ClassVar[str] = "name"


# --- speakers ----------------------------------------------------------------


class Role(Entry):
    title: str  # "head of the Russian delegation"
    since: date | None = None
    until: date | None = None


class SpeakerEntry(Entry):
    """A known person or body: canonical name, spellings, side and roles."""

    name: str
    side: str = "none"
    kind: Literal["person", "group"] = "person"
    aliases: list[str] = []  # full names, surnames, transliterations
    roles: list[Role] = []

    key_field: ClassVar[str] = "name"


# --- reporting cues ----------------------------------------------------------


class Cue(Entry):
    """A reporting verb or speech-act phrase and its written forms.

    `kind`: speech (say, claim), act (urge, propose), belief (hope, believe) or
    stance (demand, insist): a bare country as the subject of a stance or belief
    verb states a position, not a quote. `takes`: what the reported content must
    be: a clause (that-/zero-that clause, to-infinitive or a quote), any object
    (speech acts: "proposed a meeting"), or the source itself ("according to X").
    `addressee`: an addressee may stand between the cue and the content
    ("told reporters that", "urged Kyiv to").
    """

    lemma: str
    forms: list[str] = []  # inflected forms as written: "said", "says", "saying"
    kind: Literal["speech", "act", "belief", "stance"] = "speech"
    takes: Literal["clause", "object", "source"] = "clause"
    addressee: bool = False

    key_field: ClassVar[str] = "lemma"


# --- topics ------------------------------------------------------------------


class Signal(Entry):
    """Words that signal a topic. `polarity: -1` when backing them opposes the
    proposition (ready to *join NATO* supports `nato`; *foreign bases* withdrawn)."""

    pattern: str  # a regular expression, matched case-insensitively on word boundaries
    polarity: Literal[1, -1] = 1

    _check = field_validator("pattern")(check_pattern)


class Topic(Entry):
    key: str
    proposition: str
    signals: list[Signal] = []

    key_field: ClassVar[str] = "key"

    @field_validator("key")
    @classmethod
    def _key_is_identifier(cls, v: str) -> str:
        if not v.replace("_", "").isalnum() or v != v.lower():
            raise ValueError(f"topic key {v!r} must be lower_snake_case")
        return v


class StanceCue(Entry):
    """A word or phrase that marks support or opposition, or a condition. `neutral`
    cues make the topic a subject of talks only ("ready to discuss Crimea"): a view
    reached through one states no stance on the topic."""

    pattern: str
    stance: Literal["support", "oppose", "condition", "negation", "neutral"]
    # A judgement of a proposal named earlier ("a compromise", "a good option"): counts
    # only in a sentence that refers back to one ("that idea", "it is an option").
    verdict: bool = False

    key_field: ClassVar[str] = "pattern"

    _check = field_validator("pattern")(check_pattern)


# --- events ------------------------------------------------------------------


class Event(Entry):
    """A negotiation round or summit with a known date: dates yearless datelines and
    relative days ("the second round opened yesterday, Friday") when the text's cues
    agree with it, and is the round a quote or position refers to when named."""

    name: str  # unique, e.g. "Istanbul talks (first round, 2025)"
    date: dt.date  # the (first) day
    until: dt.date | None = None  # the last day of a meeting over several days
    place: str  # "Istanbul"; names the event next to a talks word ("talks in Istanbul")
    sites: list[str] = []  # other places, read like `place`: "Gomel region", "White House"
    aliases: list[str] = []  # names that need no talks word: "Alaska summit", "Dolmabahce Palace"
    ordinal: str | None = None  # "second round": names the event only with other cues
    participants: list[str] = []  # parties (parties.yaml names)

    key_field: ClassVar[str] = "name"

    @field_validator("ordinal")
    @classmethod
    def _ordinal_is_words(cls, v: str | None) -> str | None:
        if v is not None and not re.fullmatch(r"[a-z]+(?: [a-z]+)*", v):
            raise ValueError(f"ordinal {v!r} must be lower-case words, e.g. 'second round'")
        return v

    def last_day(self) -> dt.date:
        """The last day of the event (`until`, else `date`)."""
        return self.until or self.date

    @model_validator(mode="after")
    def _until_after_date(self) -> Event:
        if self.until is not None and self.until < self.date:
            raise ValueError(f"until {self.until} is before date {self.date}")
        return self


# --- debris ------------------------------------------------------------------


class Debris(Entry):
    """A line of scraping debris (comment forms, share prompts, page furniture)."""

    pattern: str  # a regular expression matched against a whole stripped line

    key_field: ClassVar[str] = "pattern"

    _check = field_validator("pattern")(check_pattern)


class Lexicon(BaseModel):
    """All sections, as shipped or merged with a user's file."""

    model_config = ConfigDict(extra="forbid")

    parties: list[Party] = []
    speakers: list[SpeakerEntry] = []
    cues: list[Cue] = []
    topics: list[Topic] = []
    stance_cues: list[StanceCue] = []
    debris: list[Debris] = []
    events: list[Event] = []
    # Free-form word lists other modules need (role nouns, pronouns, ...), keyed by name.
    words: dict[str, list[str]] = Field(default_factory=dict)

    def topic_keys(self) -> list[str]:
        return [t.key for t in self.topics]

    def party_names(self) -> list[str]:
        return [p.name for p in self.parties]


SECTIONS = tuple(Lexicon.model_fields)
SHIPPED_FILES = (
    "parties.yaml",
    "speakers.yaml",
    "cues.yaml",
    "topics.yaml",
    "debris.yaml",
    "events.yaml",
)


def _entry_label(section: str, index: int, raw: Any) -> str:
    label = f"{section}[{index}]"
    if isinstance(raw, dict):
        for k in ("name", "key", "lemma", "pattern"):
            if isinstance(raw.get(k), str):
                return f"{label} ({raw[k]})"
    return label


def _parse(source: str, text: str) -> Lexicon:
    """Validate one YAML document into a Lexicon; errors name file and entry."""
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark is not None else source
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise LexiconError(f"{where}: invalid YAML: {problem}") from None
    except ValueError as exc:  # a YAML date that is no date, e.g. 2022-13-01
        raise LexiconError(f"{source}: invalid value: {exc}") from None
    if data is None:
        return Lexicon()
    if not isinstance(data, dict):
        raise LexiconError(f"{source}: top level must be a mapping of sections {list(SECTIONS)}")
    unknown = [k for k in data if k not in SECTIONS]
    if unknown:
        raise LexiconError(
            f"{source}:{unknown[0]}: unknown section (expected one of {', '.join(SECTIONS)})"
        )
    for section, value in list(data.items()):
        if value is None:  # an empty section ("speakers:" with nothing under it)
            del data[section]
            continue
        if section == "words":
            continue
        if not isinstance(value, list):
            raise LexiconError(f"{source}:{section}: must be a list of entries")
    try:
        return Lexicon.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = err["loc"]
        section = str(loc[0]) if loc else "?"
        entry = section
        rest: Sequence[Any] = loc[1:]
        if len(loc) > 1 and isinstance(loc[1], int):
            raw = data.get(section, [])[loc[1]]
            entry = _entry_label(section, loc[1], raw)
            rest = loc[2:]
        field = ".".join(str(p) for p in rest)
        msg = err["msg"].removeprefix("Value error, ")
        raise LexiconError(f"{source}:{entry}: {field + ': ' if field else ''}{msg}") from None


def _merge_entries(base: list[Any], extra: list[Any]) -> list[Any]:
    """Merge entries by their key field; the user's given fields win, lists extend."""
    if not base:
        return list(extra)
    key_field = type(base[0]).key_field
    out = list(base)
    index = {getattr(e, key_field).casefold(): i for i, e in enumerate(out)}
    for e in extra:
        k = getattr(e, key_field).casefold()
        if k not in index:
            index[k] = len(out)
            out.append(e)
            continue
        old = out[index[k]]
        updates: dict[str, Any] = {}
        for name in e.model_fields_set:
            if name == key_field:
                continue  # matched ignoring case: keep the shipped spelling of the key
            new_value = getattr(e, name)
            old_value = getattr(old, name)
            if isinstance(new_value, list) and isinstance(old_value, list):
                updates[name] = old_value + [v for v in new_value if v not in old_value]
            else:
                updates[name] = new_value
        out[index[k]] = old.model_copy(update=updates)
    return out


def merge(base: Lexicon, extra: Lexicon) -> Lexicon:
    """A new Lexicon with `extra`'s entries merged over `base`'s."""
    fields: dict[str, Any] = {}
    for section in SECTIONS:
        if section == "words":
            words = {k: list(v) for k, v in base.words.items()}
            for k, v in extra.words.items():
                words[k] = words.get(k, []) + [w for w in v if w not in words.get(k, [])]
            fields["words"] = words
        else:
            fields[section] = _merge_entries(getattr(base, section), getattr(extra, section))
    return Lexicon(**fields)


def shipped() -> Lexicon:
    """The lexicons shipped inside the package (compiled once, cached)."""
    return load(())


@lru_cache(maxsize=1)
def _shipped() -> Lexicon:
    return parse_shipped()


def parse_shipped() -> Lexicon:
    """The shipped YAML parsed and validated afresh (no cache)."""
    lex = Lexicon()
    pkg = resources.files("talks.lexicons")
    for name in SHIPPED_FILES:
        res = pkg.joinpath(name)
        if res.is_file():
            lex = merge(lex, _parse(f"talks/lexicons/{name}", res.read_text(encoding="utf-8")))
    return lex


def load_file(path: Path) -> Lexicon:
    """Read and validate one user lexicon file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LexiconError(f"{path}: lexicon file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read lexicon: {exc}") from None
    return _parse(str(path), text)


@dataclass(frozen=True)
class LexiconSource:
    """Which user files were merged, for messages and for cache keys."""

    paths: tuple[Path, ...]


def load(user_files: Iterable[Path] = ()) -> Lexicon:
    """The shipped lexicon with the user's files merged over it, in order; compiled
    once per content and cached (see `talks.lexicon_cache`)."""
    from talks import lexicon_cache

    return lexicon_cache.load(tuple(user_files), _build)


def summary(user_files: Iterable[Path] = ()) -> LexiconSummary:
    """Topics, parties and fingerprint of `load(user_files)`, cheaply."""
    from talks import lexicon_cache

    return lexicon_cache.summary(tuple(user_files), _build)


def _build(user_files: Iterable[Path] = ()) -> Lexicon:
    lex = _shipped()
    for path in user_files:
        extra = load_file(path)
        lex = merge(lex, extra)
        _check_sides(lex, extra, str(path))
    return lex


def _check_sides(merged: Lexicon, extra: Lexicon, source: str) -> None:
    """Every speaker's side and every event participant must be a known party (after
    merging); a side may also be "none"."""
    known = {p.name.casefold() for p in merged.parties} | {"none"}
    for i, event in enumerate(extra.events):
        for party in event.participants:
            if party.casefold() not in known - {"none"}:
                raise LexiconError(
                    f"{source}:events[{i}] ({event.name}): participants: unknown party "
                    f"{party!r} (add it under parties:)"
                )
    for i, entry in enumerate(extra.speakers):
        if "side" in entry.model_fields_set and entry.side.casefold() not in known:
            raise LexiconError(
                f"{source}:speakers[{i}] ({entry.name}): side: unknown party {entry.side!r} "
                "(add it under parties:, or use none)"
            )
