"""The topics, stance cues and party words of a Lexicon, compiled once for matching.

Each family becomes one alternation regex whose groups name the entry that
matched, so an article is scanned once per family whatever the lexicon's size.
Compilation is cached per Lexicon object (lexicons are built once per run).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from talks import lexicon_cache
from talks.extract.dispatch import Family, Hit, Literals, Scanner
from talks.extract.regex_shapes import (
    ascii_head,
    lowered,
    pattern_heads,
    phrase_trie,
    plain_twin,
    sees_outside,
    start_heads,
)
from talks.lexicon import Lexicon

__all__ = ["Compiled", "Hit", "compiled", "scan_all", "scan_names", "scan_signals"]

CueKind = Literal["support", "oppose", "condition", "negation", "neutral"]


@dataclass(frozen=True)
class SignalInfo:
    topic: str
    polarity: int


@dataclass(frozen=True)
class CueInfo:
    kind: CueKind
    verdict: bool


@dataclass(frozen=True)
class PartyWord:
    party: str
    adjective: bool  # "Russian", "Kremlin", "Moscow's": a modifier, an actor only before a role


@dataclass(frozen=True)
class PersonWord:
    name: str
    side: str
    group: bool


@dataclass(frozen=True)
class Compiled:
    signals: Family
    signal_info: tuple[SignalInfo, ...]
    cues: Family  # support / oppose cues
    cue_info: tuple[CueInfo, ...]
    conditions: Family
    negations: Family
    parties: Literals
    party_words: tuple[PartyWord, ...]
    persons: Literals
    person_words: tuple[PersonWord, ...]
    role_after: re.Pattern[str]  # a role or group noun right after a party word
    role_after_plain: re.Pattern[str] | None  # the same in the folded text (`plain_twin`)
    person_role_after: re.Pattern[str]  # a singular person role right after a party word
    authored_doc: re.Pattern[str]  # "-drafted plan" after a party word: the document's author
    doc_by: re.Pattern[str]  # "a plan drafted by": a document whose author follows
    doc_ref: re.Pattern[str]  # "the document", "the draft": a document named before
    doc_made: re.Pattern[str]  # "handed over a written framework": its subject wrote it
    doc_words: frozenset[str]
    doc_heads: tuple[str, ...] | None  # where doc_by may match (`regex_shapes.start_heads`)
    doc_made_heads: tuple[str, ...] | None  # where doc_made may match
    the_heads: tuple[str, ...] | None  # where doc_ref and bare_role may match (both: "the")
    the_next: str  # what follows their "the", read in the folded view (`_the_next`)
    role_before_of: re.Pattern[str]  # "President of" / "the head of the" before a party name
    bare_role: re.Pattern[str]  # "the delegation", "the minister": a role with no party word
    person_roles: frozenset[str]
    anaphor: re.Pattern[str]  # a reference back to a proposal named earlier: "that idea"
    object_ref: re.Pattern[str]  # the object of a cue pointing back: "rejected the proposal"
    speech_verbs: frozenset[str]
    topic_keys: tuple[str, ...]
    party_names: frozenset[str]
    scanner: Scanner  # signals, cues, conditions, negations (case folded)
    signal_scanner: Scanner
    # signals that may match in a quote where the whole text has no match at that place
    # (`regex_shapes.sees_outside`: negative look-arounds and the like), each with the
    # lower-case letters its matches start with (None: cannot be told)
    signal_outliers: tuple[tuple[int, tuple[str, ...] | None], ...] = ()
    # signals that look ahead or behind their match (a positive look-around may see past
    # the end of a slice) or at anything else outside it (`signal_outliers`)
    signal_lookers: frozenset[int] = frozenset()


def _words(words: list[str], *, fold: bool = False) -> str:
    """Any of `words`, longest first, spaces as any whitespace ("" for none); `fold`: the
    pattern will match case-insensitively.

    Plain ASCII words with single spaces become one trie-shaped pattern: of two words
    that fit at one place one extends the other, and the trie tries the longer first, as
    the alternation does (under `fold` the words are lower-cased first, so that "Head" and
    "head of state" share their letters too); the engine just reads each letter once.
    """
    unique = sorted(set(words), key=len, reverse=True)
    if all(w and w.isascii() and " ".join(w.split()) == w for w in unique):
        return phrase_trie({w.lower() for w in unique} if fold else unique)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in unique)


def _the_next(words: list[str]) -> str:
    """A regex for what follows "the" where `Compiled.doc_ref` or `Compiled.bare_role`
    matches, read in the text's `folded` view: white space, up to two words, then the
    leading ASCII letters of one of the role or document `words` (lower-cased). It
    matches there, and may elsewhere; when some word has no leading ASCII letter, it is
    just white space."""
    heads = {ascii_head(" ".join(w.split())).lower() for w in words}
    if "" in heads:
        return r"\s"
    return rf"\s+(?:[\w-]++\s+){{0,2}}(?:{phrase_trie(heads)})"


# Reporting verbs used when the quotes lexicon has none (trailing "…, he added").
_SPEECH_FALLBACK = (
    "said says say told tells added adds noted notes stressed stresses explained explains "
    "insisted insists claimed claims stated states argued argues warned warns wrote writes "
    "announced announces confirmed confirms concluded concludes"
)

# words that never modify a role noun: "Kyiv and its allies" is two actors
_FUNCTION_WORDS = r"(?:and|or|its|their|his|her|the|of|with|to|for|in|on|has|have|is|was|are|were)"
_DOC_MODIFIERS = r"(?:(?:peace|draft|new|latest|revised|\d+-point)\s+){0,2}"

_CACHE: dict[int, tuple[Lexicon, Compiled]] = {}
# the modules whose code builds a `Compiled` (a cached one is used only under the same code)
_BUILT_BY = (__name__, "talks.extract.dispatch", "talks.extract.regex_shapes")


def compiled(lexicon: Lexicon) -> Compiled:
    """The compiled form of `lexicon` (cached while the same object is in use)."""
    hit = _CACHE.get(id(lexicon))
    if hit is not None and hit[0] is lexicon:
        return hit[1]
    # (kept on disk beside the loaded lexicon: analysing its patterns is a good part
    # of a run's start-up, reading the result back a third of it)
    comp = lexicon_cache.derived(lexicon, "topics", _BUILT_BY, lambda: _compile(lexicon), Compiled)
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[id(lexicon)] = (lexicon, comp)
    return comp


def _compile(lexicon: Lexicon) -> Compiled:
    sig_patterns: list[str] = []
    sig_info: list[SignalInfo] = []
    for topic in lexicon.topics:
        for s in topic.signals:
            sig_patterns.append(s.pattern)
            sig_info.append(SignalInfo(topic.key, s.polarity))

    stance = [c for c in lexicon.stance_cues if c.stance in ("support", "oppose", "neutral")]
    cue_patterns = [c.pattern for c in stance]
    cue_info = tuple(CueInfo(c.stance, c.verdict) for c in stance)
    conditions = [c.pattern for c in lexicon.stance_cues if c.stance == "condition"]
    negations = [c.pattern for c in lexicon.stance_cues if c.stance == "negation"]

    # Party words, longest first so "Russian Federation" beats "Russian".
    surface: dict[str, PartyWord] = {}
    for party in lexicon.parties:
        for adj in party.adjectives:
            surface.setdefault(adj, PartyWord(party.name, True))
        for name in [party.name, *party.names]:
            surface[name] = PartyWord(party.name, False)
    party_keys = sorted(surface, key=len, reverse=True)

    parties = {p.name for p in lexicon.parties}
    person_surface: dict[str, PersonWord] = {}
    for sp in lexicon.speakers:
        if sp.side not in parties:
            continue
        word = PersonWord(sp.name, sp.side, sp.kind == "group")
        for alias in [sp.name, *sp.aliases]:
            person_surface.setdefault(alias, word)
    person_keys = sorted(person_surface, key=len, reverse=True)

    person_roles = lexicon.words.get("position_person_roles", [])
    groups = lexicon.words.get("position_groups", [])
    roles_all = _words(person_roles + groups) or "(?!)"  # (case-sensitive: bare_role)
    roles_all_i = _words(person_roles + groups, fold=True) or "(?!)"
    roles_person = _words(person_roles, fold=True) or "(?!)"
    docs = _words(lexicon.words.get("position_documents", []), fold=True) or "(?!)"
    anaphors = _words(lexicon.words.get("position_anaphors", []), fold=True) or "(?!)"

    speech: set[str] = set(_SPEECH_FALLBACK.split())
    for cue in lexicon.cues:
        if cue.kind == "speech":
            speech.update(f.lower() for f in cue.forms if " " not in f)

    families = (
        Family.build(sig_patterns, flags=re.I),
        Family.build(cue_patterns, flags=re.I),
        Family.build(conditions, flags=re.I),
        Family.build(negations, flags=re.I),
    )
    outliers, lookers = _outliers(families[0], sig_patterns)
    doc_made = re.compile(
        r"\b(?:hand(?:ed|s|ing)?\s+over|present(?:ed|s)|submit(?:ted|s)|tabled|tables"
        r"|put(?:s|ting)?\s+forward|unveil(?:ed|s)|draft(?:ed|s)|dr[ae]w(?:s)?\s+up"
        r"|propos(?:ed|es)|circulated|publish(?:ed|es)|laid\s+out|set\s+out)\s+"
        rf"(?:(?:a|an|its|their|his|her|the)\s+)?(?:[\w-]+\s+){{0,2}}?(?P<doc>{docs})\b",
        re.I,
    )
    doc_ref = re.compile(rf"[Tt](?<!\w.)he\s+{_DOC_MODIFIERS}(?P<doc>{docs})\b(?![-\w])")
    # the word-start test after the first letter: the engine skips ahead to "T"/"t" in C
    bare_role = re.compile(rf"[Tt](?<!\w.)he\s+(?:[a-z-]+\s+)?(?P<role>{roles_all})\b")
    the_heads = pattern_heads(doc_ref)
    if pattern_heads(bare_role) != the_heads:
        the_heads = None  # (they are looked for at one list of starts, or everywhere)
    # up to two modifiers between: "Russian presidential aide", "Ukrainian chief negotiator"
    role_after = re.compile(
        rf"\s+(?:(?![a-z-]+ed\s|{_FUNCTION_WORDS}\s)[a-z-]+\s+){{0,2}}?(?:{roles_all_i})\b"
        rf"|\s+{_DOC_MODIFIERS}(?:{docs})\b",
        re.I,
    )
    return Compiled(
        signals=families[0],
        signal_info=tuple(sig_info),
        cues=families[1],
        cue_info=cue_info,
        conditions=families[2],
        negations=families[3],
        parties=Literals(party_keys),
        party_words=tuple(surface[k] for k in party_keys),
        persons=Literals(person_keys),
        person_words=tuple(person_surface[k] for k in person_keys),
        role_after=role_after,
        role_after_plain=plain_twin(role_after),
        person_role_after=re.compile(rf"\s+(?:[a-z-]+\s+){{0,2}}?(?:{roles_person})\b", re.I),
        authored_doc=re.compile(
            rf"-(?:drafted|authored|written|proposed|brokered|sponsored)\s+{_DOC_MODIFIERS}"
            rf"(?:{docs})\b",
            re.I,
        ),
        doc_by=re.compile(
            rf"\b(?:{docs}),?\s+(?:(?:drafted|written|prepared|proposed|put\s+forward|authored"
            rf"|presented|submitted|tabled|sent|circulated|brokered|drawn\s+up)\s+)by\s+"
            rf"(?:the\s+)?",
            re.I,
        ),
        doc_ref=doc_ref,
        doc_made=doc_made,
        doc_words=frozenset(w.lower() for w in lexicon.words.get("position_documents", [])),
        doc_heads=start_heads(w.lower() for w in lexicon.words.get("position_documents", [])),
        doc_made_heads=pattern_heads(doc_made),
        the_heads=the_heads,
        the_next=_the_next(person_roles + groups + lexicon.words.get("position_documents", [])),
        role_before_of=re.compile(rf"\b(?:{roles_all_i})\s+of\s+(?:the\s+)?$", re.I),
        person_roles=frozenset(" ".join(r.lower().split()) for r in person_roles),
        bare_role=bare_role,
        anaphor=re.compile(
            rf"\b(?:(?:this|that|such\s+an?|these|those)\s+(?:\w+\s+)?(?:{anaphors})"
            rf"|(?:it|this|that)\s+(?:is|was|would\s+be)\s+an?\s+(?:\w+\s+)?(?:{anaphors}))\b",
            re.I,
        ),
        object_ref=re.compile(
            rf"(?:this|that|the|such\s+an?|these|those)\s+(?:\w+\s+)?(?:{anaphors})\b", re.I
        ),
        speech_verbs=frozenset(speech),
        topic_keys=tuple(t.key for t in lexicon.topics),
        party_names=frozenset(lexicon.party_names()),
        scanner=Scanner(families),
        signal_scanner=Scanner(families[:1]),
        signal_outliers=outliers,
        signal_lookers=lookers,
    )


def _outliers(
    family: Family, patterns: list[str]
) -> tuple[tuple[tuple[int, tuple[str, ...] | None], ...], frozenset[int]]:
    """The entries that may match in a slice where the whole text has no match, with the
    short prefixes the family dispatches them on (see `Compiled.signal_outliers`); and
    those together with the entries that look ahead or behind (`Compiled.signal_lookers`)."""
    out = []
    lookers: set[int] = set()
    for i, pat in enumerate(patterns):
        if sees_outside(pat, re.I):
            heads = tuple(sorted(k for k, idxs in family.buckets.items() if i in idxs))
            out.append((i, None if i in family.always or not heads else heads))
            lookers.add(i)
        elif "(?=" in pat or "(?<=" in pat:  # (a positive look-around: text past a slice)
            lookers.add(i)
    return tuple(out), frozenset(lookers)


def scan_signals(comp: Compiled, text: str) -> list[Hit]:
    """The topic signals in `text`."""
    return comp.signal_scanner.scan(text)[0]


def scan_all(comp: Compiled, text: str) -> tuple[list[Hit], ...]:
    """Signals, stance cues, conditions and negations in `text`, in one pass."""
    return tuple(comp.scanner.scan(text, lowered(text)))


def scan_names(comp: Compiled, text: str) -> tuple[list[Hit], list[Hit]]:
    """Party words and known people in `text`."""
    return comp.parties.scan(text), comp.persons.scan(text)
