"""One article read for quote extraction: paragraphs, quoted stretches, sentences,
tokens, the people it names and every attribution frame, resolved in text order."""

from __future__ import annotations

import bisect
from bisect import bisect_left
from dataclasses import dataclass, field

from talks.extract.attribution import resolve
from talks.extract.coref import Tracker
from talks.extract.frames import Frame, Speaker, find_frames
from talks.extract.phrases import PhraseReader
from talks.extract.quote_marks import Segment, segments
from talks.extract.ranges import Intervals
from talks.extract.text import MAX_SENTENCE, Range, paragraph_ranges, sentence_ranges
from talks.extract.tokens import CAP, CUEW, FINITE, PUNCT, Tokens, vocab_for
from talks.extract.turns import Turn, find_turns
from talks.lexicon import Lexicon
from talks.models import Article, QuoteKind

# Sentences a quotation runs over are read as one, up to this many characters (a real
# paragraph has at most about 1,200): an unclosed quotation mark in a huge paragraph
# must not make one sentence of it, or per-sentence work turns quadratic.
MAX_MERGED = 4 * MAX_SENTENCE


@dataclass(slots=True)
class Draft:
    """A quote on its way to a record: kind, content spans, speaker and frame."""

    kind: QuoteKind
    spans: list[tuple[int, int]]
    speaker: Speaker
    frame: Frame | None
    paragraph: int
    chains: list[list[int]] = field(default_factory=list)
    cue: tuple[int, int] | None = None  # character range of the cue
    key: str = ""  # tells apart the quotes of several speakers with one text


@dataclass
class Doc:
    """Everything read from one article."""

    text: str
    tk: Tokens
    reader: PhraseReader
    segs: list[Segment]
    seg_tokens: list[tuple[int, int]]
    sent_bounds: list[tuple[int, int]]
    para_of_token: list[int]
    frames: list[Frame]
    tracker: Tracker
    used_post: set[int] = field(default_factory=set)  # ids of frames that close a quote
    turns: dict[int, Turn] = field(default_factory=dict)  # segment index -> answer turn
    skip: set[int] = field(default_factory=set)  # tokens that are no text (debris, labels)
    by_sentence: dict[int, list[Frame]] = field(default_factory=dict)
    word_counts: dict[int, int] = field(default_factory=dict)  # segment -> words (asked often)

    def __post_init__(self) -> None:
        for f in self.frames:
            self.by_sentence.setdefault(f.sentence, []).append(f)

    def frames_in(self, sentence: int) -> list[Frame]:
        """The frames of one sentence, in text order (not to be changed: the one empty
        list is shared)."""
        return self.by_sentence.get(sentence, _NO_FRAMES)


_NO_FRAMES: list[Frame] = []


def _kept_paragraphs(article: Article) -> list[Range]:
    if not article.noise:  # (most articles: every paragraph)
        return [Range(start, end) for start, end in paragraph_ranges(article.text)]
    noise = Intervals([(s.start, s.end) for s in article.noise])  # (log time per paragraph)
    out = []
    for start, end in paragraph_ranges(article.text):
        if noise.overlaps(start, end):
            continue
        out.append(Range(start, end))
    return out


def read(article: Article, lexicon: Lexicon) -> Doc:
    text = article.text
    vocab = vocab_for(lexicon)
    paras = _kept_paragraphs(article)
    answers, labels = find_turns(text, paras, vocab)
    if answers:  # an answer paragraph is one quote: marks inside it are nested
        taken = {t.paragraph for t in answers}
        segs = segments(text, [p for i, p in enumerate(paras) if i not in taken])
        segs += [Segment(t.start, t.end, -1, -1, t.paragraph) for t in answers]
        segs.sort(key=lambda g: g.start)
    else:
        segs = segments(text, paras)
    tk = Tokens(text, vocab)
    # token ranges of quoted content
    seg_tokens: list[tuple[int, int]] = []
    starts = tk.starts  # (tk.index, without a call of it per offset)
    for i, g in enumerate(segs):
        a, b = bisect_left(starts, g.start), bisect_left(starts, g.end) - 1
        seg_tokens.append((a, b))
        tk.quote[a : b + 1] = [i] * (b + 1 - a)
    # sentences, merged where a quotation runs over a sentence end
    sents = sentence_ranges(text, [(p.start, p.end) for p in paras])
    para_starts = [p.start for p in paras]
    merged: list[list[int]] = []
    si = 0
    for g in segs:
        lo = g.opened if g.opened >= 0 else g.start
        hi = g.closed if g.closed >= 0 else g.end
        while si < len(sents) and sents[si][1] <= lo:
            merged.append(list(sents[si]))
            si += 1
        while si < len(sents) and sents[si][0] < hi:
            if (
                merged
                and merged[-1][1] > lo
                and sents[si][1] - merged[-1][0] <= MAX_MERGED
                and _same_para(paras, para_starts, merged[-1][0], sents[si][0])
            ):
                merged[-1][1] = max(merged[-1][1], sents[si][1])
            else:
                merged.append(list(sents[si]))
            si += 1
    merged.extend(list(s) for s in sents[si:])
    sent_bounds: list[tuple[int, int]] = []
    para_of_token = [-1] * tk.n
    tk.sentence = [-1] * tk.n
    pi = 0
    for idx, (s, e) in enumerate(merged):
        a, b = bisect_left(starts, s), bisect_left(starts, e) - 1
        sent_bounds.append((a, b))
        while pi < len(paras) and paras[pi].end <= s:
            pi += 1
        tk.sentence[a : b + 1] = [idx] * (b + 1 - a)
        para_of_token[a : b + 1] = [pi] * (b + 1 - a)
    skip = {k for k, s in enumerate(tk.sentence) if s < 0} if article.noise else set()
    by_start = {t.start: t for t in answers}
    turns = {i: by_start[g.start] for i, g in enumerate(segs) if g.start in by_start}
    for a, b in labels:  # a turn label is layout: no mention, no subject
        skip.update(range(bisect_left(starts, a), bisect_left(starts, b)))
    skip.update(_label_tokens(tk, paras))
    tk.titled = _titled(tk, sent_bounds)
    reader = PhraseReader(tk)
    frames = find_frames(tk, reader, sent_bounds, skip)
    tracker = Tracker(tk, reader, published=article.published, skip=skip, sent_bounds=sent_bounds)
    for f in frames:
        f.speaker = resolve(tk, tracker, f)
    # "…, it said": a body that spoke shortly before, a document quoted just before ("…,
    # the statement said. … , it noted."), or nobody (a vague source)
    documented: set[int] = set()  # ids of "it" frames that mean a document
    for i, f in enumerate(frames):
        if f.pronoun_it and not _it_resolved(f):
            doc_frame = _document_before(tk, frames, i)
            if doc_frame is not None:
                f.speaker = doc_frame.speaker
                documented.add(id(f))
                continue
            for k in range(f.a, f.b + 1):
                tk.flags[k] &= ~CUEW  # no cue after all
    frames = [f for f in frames if not f.pronoun_it or _it_resolved(f) or id(f) in documented]
    for f in frames:
        if f.opener and f.parent is not None:
            f.speaker = f.parent.speaker
    doc = Doc(text, tk, reader, segs, seg_tokens, sent_bounds, para_of_token, frames, tracker)
    doc.turns = turns
    doc.skip = skip
    tk.headlines = _headlines(doc)
    return doc


_IT_REACH = 2  # sentences back to the document "it" may mean
_IT_FRAMES = 16  # frames looked at (a bound for sentences that are all attributions)


def _document_before(tk: Tokens, frames: list[Frame], i: int) -> Frame | None:
    """The latest frame within two sentences before frame i (frames in text order) whose
    subject is a document ("the statement said", "the memorandum says")."""
    from talks.extract.doc_authors import JOINT_DOCUMENTS

    documents = tk.vocab.words.get("document_subjects", frozenset()) | JOINT_DOCUMENTS
    f = frames[i]
    for g in reversed(frames[max(0, i - _IT_FRAMES) : i]):
        if g.sentence < f.sentence - _IT_REACH:
            break
        p = g.subject
        if (
            p is not None
            and g.a < f.a
            and p.kind != "pronoun"
            and tk.low[p.head] in documents
            and g.speaker is not None
        ):
            return g
    return None


def _it_resolved(f: Frame) -> bool:
    """Did "it" find a body that spoke (not "officials", "the presidents": plural)?"""
    sp = f.speaker
    if sp is None or sp.entity is None or sp.entity.kind != "group":
        return False
    last = sp.entity.name.split()[-1] if sp.entity.name.split() else ""
    return not (last.islower() and last.endswith("s") and not last.endswith("ss"))


MAX_HEADLINE_TOKENS = 30


def _headlines(doc: Doc) -> set[int]:
    """Sentences that are a whole short line without a final stop."""
    tk = doc.tk
    out = set()
    for s, (a, b) in enumerate(doc.sent_bounds):
        if b < a or b - a >= MAX_HEADLINE_TOKENS or a in doc.skip:
            continue
        para = doc.para_of_token[a]
        if (a > 0 and doc.para_of_token[a - 1] == para) or (
            b + 1 < tk.n and doc.para_of_token[b + 1] == para
        ):
            continue
        if tk.words[b] in (".", "!", "?", "…") or tk.text[tk.starts[b] : tk.ends[b]] == "...":
            continue
        if _label_line(tk, a, b):
            continue
        out.add(s)
    return out


def _label_tokens(tk: Tokens, paras: list[Range]) -> list[int]:
    """The words of line labels ("Quote:", "• Verbatim:"): layout, never a name."""
    labels = tk.vocab.words.get("non_speaker_labels", frozenset())
    n, flags, words, low, starts = tk.n, tk.flags, tk.words, tk.low, tk.starts
    out: list[int] = []
    for p in paras:
        a = bisect_left(starts, p.start)
        while a < n and flags[a] & PUNCT and words[a] != ":":
            a += 1
        after = words[a + 1 : a + 4]  # (the first ":" of the three words after, in C)
        if ":" in after:
            c = a + 1 + after.index(":")
            if " ".join(low[a:c]) in labels:
                out.extend(range(a, c))
    return out


def _label_line(tk: Tokens, a: int, b: int) -> bool:
    """ "Tags: …", "Read also: …": a line under a label says nothing of its own."""
    after = tk.words[a + 1 : min(b, a + 4) + 1]  # (the first ":" of them, in C)
    if ":" not in after:
        return False
    c = a + 1 + after.index(":")
    return " ".join(tk.low[a:c]) in tk.vocab.words.get("non_speaker_labels", frozenset())


_MINOR_WORDS = frozenset("a an the and or but of in on at to for by with from as vs via".split())


def _titled(tk: Tokens, sent_bounds: list[tuple[int, int]]) -> set[int]:
    """The sentences (of `sent_bounds`, token ranges) that are a headline in Title Case:
    their capitals say nothing about names or cues. (One call for all sentences: most
    are plainly not, after a few words, and the look-ups are set up once.)"""
    flags, low, quote, words = tk.flags, tk.low, tk.quote, tk.words
    common_words = tk.vocab.words.get("not_names", frozenset())
    cues = tk.vocab.cue_phrases
    out: set[int] = set()
    for s, (a, b) in enumerate(sent_bounds):
        major = caps = common = 0
        lower_cap = min(2, 0.2 * (b - a + 1))  # more words in lower case: plainly not
        for k in range(a, b + 1):
            f = flags[k]
            if f & PUNCT or quote[k] >= 0 or low[k] in _MINOR_WORDS or not words[k][0].isalpha():
                continue
            major += 1
            if f & CAP:
                caps += 1
                # capitals on ordinary words ("Says", "The", "Will"), not only on names
                if k > a and (low[k] in common_words or low[k] in cues or f & FINITE):
                    common += 1
            elif major - caps > lower_cap:
                break  # plainly not: stop early
        else:
            # a full stop is rare after a headline: then one capitalised common word
            # ("Monday" in "Tamm met Laine in Tartu on Monday.") is not enough
            if major >= 3 and common >= (2 if words[b] == "." else 1) and caps >= 0.8 * major:
                out.add(s)
    return out


def _same_para(paras: list[Range], starts: list[int], a: int, b: int) -> bool:
    """Whether offsets a and b lie in one paragraph (`starts`: the paragraphs' starts,
    in order; found by binary search, not a walk over every paragraph)."""
    i = bisect.bisect_right(starts, a) - 1
    if i >= 0 and a < paras[i].end:
        return paras[i].start <= b < paras[i].end
    return False
