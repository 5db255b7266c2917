"""Transcripts and interviews laid out as turns: "PESKOV: …", "Q: … A: …".

GUIDELINES ("Transcripts and Q&A"): in a transcript or interview laid out as
turns, each answer paragraph is a direct quote of the labelled speaker,
quotation marks or not; the interviewer's questions are not quotes. A paragraph
without a label right after an answer goes on with the same speaker.

A turn label opens its paragraph and ends in a colon: a name in capitals with
an optional role and stage note ("DMITRY PESKOV, KREMLIN SPOKESMAN (through
translator):", "REYES:"), "Q:"/"A:", or, in an interview with "Q:" turns, a
name in Title Case ("Ronen:"). One label is no layout: the article must hold
two capitalised labels (one of them a full name, or one repeated) or a "Q:"
turn with an answer. Anchors, hosts, correspondents and interviewers (the
`interviewer_roles` word list) ask and narrate, so their turns stay ordinary
text; so do questions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from talks.extract.speakers import fold
from talks.extract.text import Range
from talks.extract.tokens import Vocab

_CAPS_WORD = r"[A-Z][A-Z'’.\-]*[A-Z.]"
_CAPS = re.compile(
    rf"(?P<name>{_CAPS_WORD}(?: {_CAPS_WORD}){{0,3}})"
    r"(?:, (?P<role>[^:()\n]{2,80}?))?"
    r"(?: ?\((?P<note>[^)\n]{1,40})\))?:[ \t]+(?=\S)"
)
_QA = re.compile(r"(?P<qa>Q|A|QUESTION|ANSWER|Question|Answer):[ \t]+(?=\S)")
_TITLE = re.compile(r"(?P<name>[A-Z][a-z'’\-]+(?: [A-Z][a-z'’\-]+){0,2}):[ \t]+(?=\S)")
_STAGE = re.compile(r"\s*[(\[]")  # "(END VIDEOTAPE)", "[19:00:12]"
_MARKS = "\"“”„«»‘’'"


@dataclass(frozen=True, slots=True)
class Turn:
    """One answer paragraph: its content range and who is speaking."""

    paragraph: int  # index into the paragraphs given to `find_turns`
    start: int  # content (after the label, surrounding quotation marks left out)
    end: int
    name: str  # the label's name as a reader writes it ("Dmitry Peskov", "Ronen")
    label: tuple[int, int]  # the label's name in the text (the first answer's, for a run-on)
    role: str  # the label's role words ("" when none)
    answer: bool  # an "A:" turn: the interviewee, whom the text names before the turns


@dataclass(slots=True)
class _Label:
    paragraph: int
    kind: str  # caps | qa | title
    name: str
    name_range: tuple[int, int]
    role: str
    body: int  # first offset after the label


def _pretty(name: str) -> str:
    """ "DMITRY PESKOV" -> "Dmitry Peskov" (initialisms such as "JD" stay)."""
    if name != name.upper():
        return name
    return " ".join(w if len(w.strip(".")) <= 2 else w.capitalize() for w in name.split())


def _labels(text: str, paras: Sequence[Range], vocab: Vocab) -> list[_Label]:
    not_names = vocab.words.get("not_names", frozenset())
    labels = vocab.words.get("non_speaker_labels", frozenset())
    out: list[_Label] = []
    find, n = text.find, len(text)
    for i, (start, end) in enumerate(paras):
        # (every label opens with a capital A-Z and holds a colon: most paragraphs have
        # neither, and are passed over without trying the patterns)
        if 0 <= start < min(end, n) and (
            not "A" <= text[start] <= "Z" or find(":", start, end) < 0
        ):
            continue
        for kind, pattern in (("qa", _QA), ("caps", _CAPS), ("title", _TITLE)):
            m = pattern.match(text, start, end)
            if m is None:
                continue
            if kind == "qa":
                qa = m.group("qa")[0]
                out.append(_Label(i, "qa", qa, m.span("qa"), "", m.end()))
                break
            name = m.group("name")
            words = fold(name).replace(".", " ").split()
            if (
                not words
                or any(w in not_names or w in labels for w in words)
                or fold(name) in labels
                or (vocab.parties.side(name) is not None and vocab.speakers.resolve(name) is None)
            ):
                break  # "BREAKING:", "Photo:", "UKRAINE:": a heading, not a speaker
            role = (m.group("role") or "") if kind == "caps" else ""
            out.append(_Label(i, kind, name, m.span("name"), role, m.end()))
            break
    return out


def _layout(labels: list[_Label]) -> bool:
    caps = [lb for lb in labels if lb.kind == "caps"]
    names = [fold(lb.name) for lb in caps]
    if len(caps) >= 2 and (
        any(" " in n for n in names) or len(set(names)) < len(names) or any(lb.role for lb in caps)
    ):
        return True
    return any(lb.kind == "qa" and lb.name == "Q" for lb in labels) and len(labels) >= 2


_WORD = re.compile(r"[^\W\d_]+(?:[’'\-][^\W\d_]+)*")
_QUOTED = re.compile(r"[\"“«„‘]\s*\w+(?:\W+\w+){2,}")
_SPEECH = frozenset("said says told added stated noted wrote replied asked".split())


def _narration(text: str, start: int, end: int, label: _Label, vocab: Vocab) -> bool:
    """An unlabelled paragraph after an answer is the reporter's again, not more of the
    answer, when it names the speaker in the third person ("Tamm later told …") or
    quotes someone in quotation marks with a speech verb ("“…,” Kowalski said")."""
    words = [fold(w) for w in _WORD.findall(text, start, end)]
    surname = fold(_pretty(label.name)).split()[-1] if label.kind != "qa" else ""
    if surname and surname in words:
        return True
    return _QUOTED.search(text, start, end) is not None and any(w in _SPEECH for w in words)


def find_turns(
    text: str, paras: Sequence[Range], vocab: Vocab
) -> tuple[list[Turn], list[tuple[int, int]]]:
    """The answer turns of a transcript or interview, and the ranges of all its turn
    labels (layout, not mentions); nothing when the text has no turn layout."""
    labels = _labels(text, paras, vocab)
    if len(labels) < 2 or not _layout(labels):
        return [], []
    interview = any(lb.kind == "qa" for lb in labels)
    asking = vocab.words.get("interviewer_roles", frozenset())
    by_para = {lb.paragraph: lb for lb in labels}
    full: dict[str, _Label] = {}  # surname -> the fullest label seen
    askers: set[str] = set()
    for lb in labels:
        if lb.kind == "qa":
            continue
        words = fold(lb.name).split()
        if len(words) > 1 or words[-1] not in full:
            full[words[-1]] = lb
        if any(w in asking for w in fold(f"{lb.role} {lb.name}").replace(",", " ").split()):
            askers.add(words[-1])
    out: list[Turn] = []
    current: _Label | None = None
    for i, (start, end) in enumerate(paras):
        turn = by_para.get(i)
        body = start
        if turn is not None:
            lb = turn
            current = None
            if lb.kind == "title" and not interview:
                continue
            if lb.kind == "qa":
                if lb.name in ("A",):
                    current = lb
            elif fold(lb.name).split()[-1] not in askers:
                current = lb
            body = lb.body
        elif (
            current is None
            or _STAGE.match(text, start, end)
            or _narration(text, start, end, current, vocab)
        ):
            current = None
            continue
        if current is None:
            continue
        s, e = body, end
        while s < e and (text[s].isspace() or text[s] in _MARKS):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in _MARKS):
            e -= 1
        if e <= s:
            continue
        key = fold(current.name).split()[-1]
        named = full.get(key, current) if current.kind != "qa" else current
        out.append(
            Turn(
                paragraph=i,
                start=s,
                end=e,
                name=_pretty(named.name),
                label=current.name_range,
                role=named.role,
                answer=current.kind == "qa",
            )
        )
    return out, [lb.name_range for lb in labels]
