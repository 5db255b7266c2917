"""Shapes around a topic signal that decide who holds a view, or that there is none.

`stance` builds the chain of cues that governs a signal; these shapes refine it:

- holders in an agent phrase after a cue: "an offer *from Tallinn*", "a truce
  proposal *by Helsinki and Warsaw*", "a key demand *of Helsinki*", and
  participial co-holders between commas: "…, *backed by Warsaw*, is a truce";
- own commitments with no cue: "it *would* send troops", "we *will* remain
  non-aligned" (a modal right before a predicate signal, in the party's own clause);
- guards that leave no position: an identity statement ("is not a truce but a
  pause"), a topic word that only modifies a noun ("the truce talks"), a bare
  place name reached through a noun of its own ("a conference on Crimea's
  future"), a hypothetical deal ("a settlement in which X would accept …"), and a
  scope limit ("the guarantees would not cover the islands").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from talks.extract.actors import Mention
from talks.extract.regex_shapes import plain_twin

if TYPE_CHECKING:
    from talks.extract.stance_doc import Doc

# --- agents ---------------------------------------------------------------------------
_AGENT_BY = re.compile(r"\s*,?\s*(?:by|from)\s+(?:the\s+)?")
_AGENT_OF = re.compile(r"\s+of\s+(?:the\s+)?")
_AGENT_AND = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
# a participle with an agent between commas: "…, backed by Warsaw, …"
PARTICIPIAL = re.compile(
    r",\s+(?:also\s+|strongly\s+|long\s+)?([a-z]+ed)\s+by\s+[^,;.]{1,60}?(?=,)"
)


def agents_after(doc: Doc, pos: int, *, of: bool = False) -> list[Mention]:
    """The parties in an agent phrase at `pos` ("by Helsinki and Warsaw", "from Tallinn",
    with `of` also "of Helsinki"), coordinated ones included; [] when there is none."""
    text = doc.text
    m = _AGENT_BY.match(text, pos) or (_AGENT_OF.match(text, pos) if of else None)
    if m is None:
        return []
    out: list[Mention] = []
    at = m.end()
    while True:
        x = doc.mention_at(at)
        if x is None or x.kind not in ("party", "person") or x.party is None:
            break
        out.append(x)
        sep = _AGENT_AND.match(text, x.end)
        if sep is None:
            break
        at = sep.end()
    return out


def of_after(text: str, pos: int) -> bool:
    """Whether an "of" agent phrase may stand at `pos` (what `agents_after` reads with `of`
    and without a "by"/"from" phrase there)."""
    return _AGENT_OF.match(text, pos) is not None


def participials(doc: Doc, lo: int, hi: int) -> list[tuple[int, int, int, list[Mention]]]:
    """ "…, backed by Warsaw, …" in [lo, hi): (start, end, sign of the participle, agents)
    for each participle that is a stance cue with a party agent."""
    out: list[tuple[int, int, int, list[Mention]]] = []
    if doc.text.find("by", lo, hi) < 0:
        return out  # (what every such participle needs)
    for m in PARTICIPIAL.finditer(doc.text, lo, hi):
        cue = next(iter(doc.cue_index.within(m.start(1), m.end(1))), None)
        if cue is None or cue.start != m.start(1):
            continue
        kind = doc.comp.cue_info[cue.index].kind
        if kind not in ("support", "oppose"):
            continue
        agents = agents_after(doc, cue.end)
        if agents:
            out.append((m.start(), m.end(), 1 if kind == "support" else -1, agents))
    return out


# --- commitments ------------------------------------------------------------------------
# a modal right before the signal: "it would send troops", "we will remain non-aligned"
_COMMIT = re.compile(
    r"(?:\b(and)|([\w’'.-]+?))(?:\s+(will|would|shall)|([’']ll))"
    r"\s+(?:(?:also|then|still|now|firmly|soon|only)\s+)*"
    r"(?:(?:remain|stay|become)\s+(?:a\s+|an\s+)?|(?:provide|give|grant|extend)\s+(?:Kyiv\s+|Ukraine\s+)?)?$",
    re.I,
)
_SUBJECT_PRONOUNS = frozenset({"it", "they", "we", "i"})


def commitment(doc: Doc, sig_start: int, c_lo: int) -> tuple[int, int] | None:
    """The span of "will/would" when the signal is the predicate of a party's own
    commitment ("Tallinn said it would send troops"): a subject right before the modal."""
    lo = max(c_lo, sig_start - 60)
    # (every modal has "ll" but "would", and none of these letters matches another
    # character when case is ignored: most signals have none before them)
    before = doc.text[lo:sig_start].lower()
    if "ll" not in before and "would" not in before:
        return None
    m = _COMMIT.search(doc.text, lo, sig_start)
    if m is None:
        return None
    modal = 3 if m.group(3) else 4
    if m.group(1):  # "…, and would remain a non-nuclear state": the clause's own subject
        return m.start(modal), m.end(modal)
    subject = doc.mention_ending(m.end(2))
    if subject is None or not subject.subject:
        return None
    if subject.kind == "pronoun" and subject.word not in _SUBJECT_PRONOUNS:
        return None
    if subject.kind == "bare" and not subject.document:
        return None
    return m.start(modal), m.end(modal)


# between a document and the predicate signal it lays down: "The plan [also] caps …"
_PROVIDES_GAP = re.compile(r"\s+(?:(?:also|further|effectively|explicitly|even)\s+)*$")


def provides(doc: Doc, sig_start: int, c_lo: int) -> tuple[int, int] | None:
    """The span of the document that is the subject of a predicate signal ("The plan caps
    Ukraine's army", "the draft also bars …"): the document lays it down, its author
    supports it; None when no document stands right before the signal."""
    gap = _PROVIDES_GAP.search(doc.text, max(c_lo, sig_start - 40), sig_start)
    m = doc.mention_ending(gap.start()) if gap is not None else None
    if m is None or not m.document or not m.subject or m.possessive:
        return None
    return m.end, m.end  # (after the document, which the subject search then finds)


# a deontic modal right before the signal: "Kyiv must withdraw from Donbas", "Ukraine should
# get guarantees", "there must be a ceasefire", "there will be no foreign troops"
_DEMAND = re.compile(
    r"\b(?:(must|should|ought\s+to|has\s+to|have\s+to|had\s+to|needs\s+to|need\s+to)"
    r"(?:\s+(?:also|still|now|first|then|never|not|always|only|immediately|eventually))*"
    r"(?:\s+(?:remain|stay|become|be|get|receive|obtain|have|be\s+given|be\s+granted"
    r"|be\s+offered|be\s+provided\s+with|be\s+no|be\s+an?|make|give))?"
    r"|there\s+(?:(will|would|can|could|shall)\s+(?:(?:not|never)\s+be(?:\s+an?|\s+any)?"
    r"|be\s+no)|is\s+no|are\s+no))"
    r"(?:\s+(?:[a-z]+-)?(?:immediate|full|complete|lasting|durable|comprehensive|real"
    r"|unconditional|binding|legally\s+binding|reliable|firm|strong|robust|credible|serious"
    r"|genuine|general|total|foreign|any|such|further|new|more|tougher))*\s+$",
    re.I,
)


_DEMAND_PLAIN = plain_twin(_DEMAND)


def demand(doc: Doc, sig_start: int, c_lo: int) -> tuple[int, int] | None:
    """The span of a deontic modal (or a negated "there will be") right before the signal:
    what must happen is the view of whoever says so; None when there is none."""
    m = doc.search(_DEMAND, _DEMAND_PLAIN, max(c_lo, sig_start - 90), sig_start)
    if m is None:
        return None
    g = 1 if m.group(1) else 2
    return m.start(g), m.end(g)


# a signal that states a claim by itself: "Crimea is Russian", "Crimea will remain Ukrainian"
_CLAIM = re.compile(
    r"[\s“\"](?:is|was|remains|will\s+remain|will\s+always\s+be|will\s+be|must|should|cannot"
    r"|can[’']t)\s",
    re.I,
)


def claim(text: str, start: int, end: int) -> bool:
    return _CLAIM.search(text, start, end) is not None


# --- guards -----------------------------------------------------------------------------
# "is not a truce but a pause": an identity statement, not a view of the truce
_IDENTITY = re.compile(
    r"\b(?:is|was|are|were|be|been|isn[’']t|wasn[’']t)\s+(?:not\s+|never\s+)?"
    r"(?:(?:a|an|the|any)\s+)?(?:[a-z]+\s+)?$",
    re.I,
)
_NEGATED = re.compile(r"\b(?:not|never|isn[’']t|wasn[’']t)\b", re.I)
# "the truce talks", "the ceasefire negotiations": the topic word names the talks
_MODIFIES = re.compile(
    r"[-\s]+(?:talks|negotiations|negotiators|discussions|format|round|rounds|timetable"
    r"|schedule|process|monitoring|monitors|violations?|deadline|modalities|details"
    r"|mechanics|logistics|lines?)\b",
    re.I,
)
# "a settlement in which X would accept …", "a deal under which …": hypothetical
# "would not say whether Moscow accepted …": an open question
_HYPOTHETICAL = re.compile(r"\b(?:in|under|by)\s+which\b|\bwhereby\b", re.I)
_QUESTION = re.compile(r"\bwhether\b", re.I)
# a bare place name: "Crimea", "Donetsk and Luhansk regions"
_BARE_NAME = re.compile(
    r"[A-Z][\w’'-]*(?:\s+(?:and|or)\s+[A-Z][\w’'-]*)*"
    r"(?:\s+(?:regions?|republics?|oblasts?|peninsula))?"
)
# after a post-signal "would not": only these keep it a rejection of the proposition
# ("a ceasefire will not happen"); others limit its scope ("would not cover the islands")
_POST_NEGATED_OK = re.compile(
    r"\s*(?:be\b|happen|take\s+place|work|last|hold|succeed|come\b|[.,;”\"]|$)", re.I
)


# "that the status of Crimea be settled through talks": only to be talked about
_SETTLED = re.compile(
    r"\s+(?:should\s+|would\s+|will\s+|could\s+|must\s+|to\s+)?(?:be|being|is|was|were|are)\s+"
    r"(?:(?:later|jointly|separately|bilaterally)\s+)?(?:settled|resolved|discussed|negotiated"
    r"|decided|determined|addressed|considered|studied|examined|raised)\b",
    re.I,
)


_MODIFIES_OR_SETTLED = re.compile(f"(?:{_MODIFIES.pattern})|(?:{_SETTLED.pattern})", re.I)


def modifier_or_settled(text: str, sig_end: int) -> bool:
    """`modifier(text, sig_end) or settled_later(text, sig_end)`, in one match."""
    return _MODIFIES_OR_SETTLED.match(text, sig_end) is not None


def settled_later(text: str, sig_end: int) -> bool:
    """ "the status of Crimea be settled through talks": the signal is only the subject of
    a talking-about passive, which states no view of it."""
    return _SETTLED.match(text, sig_end) is not None


def identity(text: str, sig_start: int, c_lo: int) -> bool:
    """ "X is not a truce": the signal is the complement of a negated copula."""
    lo = max(c_lo, sig_start - 40)
    # what `_NEGATED` needs, looked for first (most signals have none before them; none of
    # these letters matches another character when case is ignored, as "i" does "ı")
    before = text[lo:sig_start].lower()
    if not ("not" in before or "never" in before or "n’t" in before or "n't" in before):
        return False
    m = _IDENTITY.search(text, lo, sig_start)
    return m is not None and _NEGATED.search(text, m.start(), m.end()) is not None


def modifier(text: str, sig_end: int) -> bool:
    """ "the truce talks": the signal only modifies the noun after it."""
    return _MODIFIES.match(text, sig_end) is not None


def hypothetical(text: str, lo: int, head: int, sig: int) -> bool:
    """A relative clause of a hypothetical deal before the governing cue, or an open
    question ("whether …") anywhere before the signal."""
    # (the letters each shape needs are looked for first: most clauses have neither; "wh"
    # and "whether" have no letter that matches another character when case is ignored)
    before = text[lo : max(head, sig)].lower()
    return "wh" in before and (
        _HYPOTHETICAL.search(text, lo, head) is not None
        or ("whether" in before and _QUESTION.search(text, lo, sig) is not None)
    )


def bare_name(text: str, start: int, end: int) -> bool:
    return _BARE_NAME.fullmatch(text, start, end) is not None


def post_negation_scopes(text: str, cue_end: int) -> bool:
    """True when a negated predicate after the signal limits its scope instead of
    rejecting it ("the guarantees would not cover the islands")."""
    return _POST_NEGATED_OK.match(text, cue_end) is None
