"""PolNeAR's raw attributions (brat standoff), for what `test.jsonl` does not give.

`raw/attributions/<article>_<annotator>.ann` marks every attribution as Source /
Cue / Content spans (character offsets into `raw/text/<article>.txt`); the
annotation of the first annotator `raw/metadata.tsv` lists for an article is used,
as the converter did. Two views are built from it:

- **indirect quotes** (`indirect_gold`): attributions with a Source, whose Content
  holds no quotation mark (" “ ” « » „ and the '' `` of NYT copy) and whose Cue is
  a speech verb (a form of one of `SPEECH_VERBS`, fixed here so that the gold
  does not move with the lexicon under test, or "according to"). Beliefs,
  perceptions, findings ("show", "found") and stances ("insist", "agree") are left
  out, so are quotations.
- **the direct quotes the converter missed** (`double_apostrophe_quotes`): NYT
  writes ''…'' for quotation marks, which the converter did not read, so
  `test.jsonl` lacks those quotes; they are taken here from the same attributions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

Range = tuple[int, int]

QUOTE_MARKS = re.compile(r"''|``|[\"“”«»„‟]")
_WORD = re.compile(r"[a-z’']+")
_DOUBLE_APOSTROPHE = re.compile(r"''")


@dataclass(frozen=True)
class Attribution:
    """One PolNeAR attribution: its Source (None when it has none), Cue and Content."""

    id: str
    source: tuple[Range, ...] | None
    cue: tuple[Range, ...]
    content: tuple[Range, ...]

    def text(self, article: str, part: tuple[Range, ...]) -> str:
        return " ".join(article[a:b] for a, b in part)


@dataclass
class RawArticle:
    """The attributions of one article and the stretches its annotator left unresolved."""

    attributions: list[Attribution]
    flagged: list[Range]  # Discuss and Discard spans


def annotators(raw: Path) -> dict[str, str]:
    """Article -> the annotator whose annotation is used (the first one listed)."""
    out: dict[str, str] = {}
    lines = (raw / "metadata.tsv").read_text(encoding="utf-8").splitlines()
    head = lines[0].split("\t")
    name, who = head.index("filename"), head.index("annotators")
    for line in lines[1:]:
        cols = line.split("\t")
        if len(cols) > max(name, who):
            out[cols[name]] = re.split(r"[|,]", cols[who])[0].strip()
    return out


def _ranges(spec: str) -> tuple[Range, ...]:
    out = []
    for part in spec.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return tuple(out)


def read_article(raw: Path, article: str, annotator: str) -> RawArticle:
    """Parse `<article>_<annotator>.ann`."""
    spans: dict[str, tuple[str, tuple[Range, ...]]] = {}
    events: list[tuple[str, dict[str, str]]] = []
    path = raw / "attributions" / f"{article}_{annotator}.ann"
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            label, _, spec = cols[1].partition(" ")
            spans[cols[0]] = (label, _ranges(spec))
        elif line.startswith("E") and len(cols) >= 2:
            roles = dict(item.split(":", 1) for item in cols[1].split() if ":" in item)
            events.append((cols[0], roles))
    out = []
    for eid, roles in events:
        cue, content, source = (
            spans[ref][1] if (ref := roles.get(role)) in spans else None
            for role in ("Cue", "Content", "Source")
        )
        if cue is None or content is None:
            continue
        out.append(Attribution(eid, source, cue, content))
    flagged = [r for label, rs in spans.values() if label in ("Discuss", "Discard") for r in rs]
    return RawArticle(out, flagged)


# Verbs of saying and of speech acts (GUIDELINES: reported speech and speech acts).
SPEECH_VERBS = """say tell state claim add note stress emphasize emphasise underline underscore
warn caution acknowledge admit concede confirm deny announce declare explain argue assert
contend reiterate repeat write tweet post report mention comment remark reply respond answer
recall predict observe allege disclose reveal conclude complain testify boast joke exclaim
shout yell lament retort counter quip mock plead beg proclaim recount assure
affirm inform remind promise vow pledge threaten hint suggest describe call urge ask propose
offer recommend praise criticize criticise condemn accuse dismiss blast slam charge tout
advise brief clarify convey implore thank email text message""".split()
_IRREGULAR = {"say": ["said"], "tell": ["told"], "write": ["wrote", "written"]}


def speech_forms() -> set[tuple[str, ...]]:
    """Word forms of `SPEECH_VERBS` (and "according to"), as word tuples."""
    out = {("according", "to")}
    for v in SPEECH_VERBS:
        stem = v[:-1] if v.endswith("e") else v
        forms = {v, v + "s", v + "es", stem + "ed", stem + "ing", *_IRREGULAR.get(v, [])}
        if v.endswith("y") and v not in ("say", "convey"):
            forms |= {v[:-1] + "ies", v[:-1] + "ied"}
        if v[-1] in "tgnm" and len(v) <= 4 and v[-2] in "aeiou" and v[-3] not in "aeiou":
            forms |= {v + v[-1] + "ed", v + v[-1] + "ing"}  # "admitted", "vetting"
        out |= {(f,) for f in forms}
    return out


def is_speech_cue(cue: str, forms: set[tuple[str, ...]]) -> bool:
    """Does the cue text hold a speech verb ("also said", "said in a statement")?"""
    words = _WORD.findall(cue.lower().replace("’", "'"))
    return any(
        tuple(words[i : i + n]) in forms for n in (1, 2, 3) for i in range(len(words) - n + 1)
    )


def indirect_gold(text: str, raw: RawArticle, forms: set[tuple[str, ...]]) -> list[Attribution]:
    """Attributions that are indirect quotes (see the module docstring)."""
    return [
        a
        for a in raw.attributions
        if a.source is not None
        and not QUOTE_MARKS.search(a.text(text, a.content))
        and is_speech_cue(a.text(text, a.cue), forms)
    ]


def double_apostrophe_quotes(
    text: str, raw: RawArticle, paragraphs: Iterable[Range]
) -> list[tuple[Attribution, Range]]:
    """The ''…'' stretches of each paragraph (marks left out) and the attribution
    whose Content covers at least half of each; stretches no attribution covers are
    left out (the caller may ignore predictions there)."""
    out: list[tuple[Attribution, Range]] = []
    for p_start, p_end in paragraphs:
        marks = [m.start() for m in _DOUBLE_APOSTROPHE.finditer(text, p_start, p_end)]
        for a, b in zip(marks[::2], marks[1::2], strict=False):
            s, e = a + 2, b
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e <= s:
                continue
            best, cover = None, 0
            for att in raw.attributions:
                c = sum(max(0, min(e, y) - max(s, x)) for x, y in att.content)
                if c > cover:
                    best, cover = att, c
            if best is not None and cover * 2 >= e - s:
                out.append((best, (s, e)))
    return out
