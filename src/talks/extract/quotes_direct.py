"""Direct quotes: which attribution each quoted stretch belongs to, and grouping.

A stretch takes the cue that introduces it ("X said: “…”", "X told TV that
“…”"), else the one right after it ("“…,” X said"), else the cue whose reported
clause it sits in (a partial quote: "acknowledged that the talks “are not
easy”"). Stretches one attribution introduces form one quote, also across the
attribution's own sentence end ("“A,” Lavrov told RBC. “B.”"); a stretch with no
attribution of its own that opens a sentence starts a new quote of the same
speaker when nobody else is named in between. Without a cue, a name and a colon
("Lavrov: “…”"), a dash and a name ("“…” — Umerov") or a sentence-final
attribution of the clause around the stretch also attribute. A partial quote
belongs to whoever utters the clause around it, not to a report nested inside
that clause. Titles and names in quotation marks are no quotes.
"""

from __future__ import annotations

import re
from functools import cache

from talks.extract.attribution import forward_start, resolve
from talks.extract.document import Doc, Draft
from talks.extract.frames import QUOTE_PUNCT, Frame, Speaker, sentence_subject
from talks.extract.phrases import Phrase
from talks.extract.several import subject_start
from talks.extract.speakers import fold
from talks.extract.tokens import CAP, CUEW, FINITE, PUNCT, Tokens
from talks.lexicon import Cue

MIN_DIRECT_WORDS = 3
COLON = Cue(lemma=":", forms=[":"])  # "Name: “…”" attributes without a verb


def _chains(doc: Doc) -> list[list[int]]:
    """Stretches grouped into one quote across paragraph breaks (news style). A
    continuation with its own closing attribution ("“…,” wrote The Post") starts
    anew when the quote before it was introduced by an attribution of its own."""
    out: list[list[int]] = []
    for i, g in enumerate(doc.segs):
        if g.continues and out:
            if _post_frame(doc, i) is not None and _pre_frame(doc, out[-1][0])[1]:
                out.append([i])
            else:
                out[-1].append(i)
        else:
            out.append([i])
    return out


def _open_token(doc: Doc, i: int) -> int:
    g = doc.segs[i]
    return doc.tk.index(g.opened) if g.opened >= 0 else doc.seg_tokens[i][0]


def _close_token(doc: Doc, i: int) -> int:
    """The last token of the closing mark (two for the '' of wire copy)."""
    g = doc.segs[i]
    if g.closed < 0:
        return doc.seg_tokens[i][1]
    k = doc.tk.index(g.closed)
    if doc.text.startswith("''", g.closed):
        k += 1
    return k


def _word_count(doc: Doc, i: int) -> int:
    """The words (tokens other than punctuation) of quoted segment i, counted once."""
    n = doc.word_counts.get(i)
    if n is None:
        a, b = doc.seg_tokens[i]
        n = doc.word_counts[i] = len([f for f in doc.tk.flags[a : b + 1] if not f & PUNCT])
    return n


def _is_title(doc: Doc, i: int) -> bool:
    """A name or title in quotation marks: "a programme called “State of the Union”"."""
    tk = doc.tk
    o = _open_token(doc, i)
    content = tk.text[doc.segs[i].start : doc.segs[i].end].rstrip(",.")
    if "." in content or "!" in content or "?" in content or _word_count(doc, i) > 8:
        return False
    before = tk.text[max(0, tk.starts[o] - 24) : tk.starts[o]].lower().rstrip()
    if before.endswith(_endings(tk.vocab.words.get("title_introducers", frozenset()))):
        return True
    # a Title Case name inside a plain sentence: "''Monday Night Football'' ratings"
    a, b = doc.seg_tokens[i]
    if tk.sentence[o] in tk.titled or a > b:
        return False
    after = _close_token(doc, i) + 1
    if after >= tk.n or not tk.words[after][0].islower():
        return False
    major = [k for k in range(a, b + 1) if tk.words[k][0].isalpha() and len(tk.words[k]) > 3]
    return len(major) >= 2 and all(tk.flags[k] & CAP for k in major)


@cache
def _endings(words: frozenset[str]) -> tuple[str, ...]:
    """`words` as a tuple, for `str.endswith` (one per word list: lexicons keep theirs)."""
    return tuple(words)


def _pre_frame(doc: Doc, first: int) -> tuple[Frame | None, bool]:
    """The last frame before the stretch in its sentence, and whether it introduces it."""
    tk = doc.tk
    o = _open_token(doc, first)
    s = tk.sentence[o]
    before = [
        f for f in doc.frames_in(s) if f.end < o and not f.outlet_only and f.speaker is not None
    ]
    if not before:
        return None, False
    best = before[-1]
    hi = doc.sent_bounds[s][1]
    start = forward_start(tk, doc.reader, best, hi)
    adjacent = False
    if start is not None and start >= o:
        gap = [k for k in range(best.end + 1, o) if not tk.flags[k] & PUNCT]
        adjacent = start == o or len(gap) <= 1
    # a quote belongs to whoever utters the clause around it, not to a report nested
    # in that clause ("Podesta told NBC that the campaign believes … “…”")
    coordinators = tk.vocab.words.get("coordinators", frozenset())
    k = len(before) - 1
    while k > 0 and before[k].parent is None:
        lead = before[k].start - 1
        if tk.flags[lead] & PUNCT or tk.low[lead] in coordinators:
            break
        k -= 1
    return before[k], adjacent


def _post_frame(doc: Doc, last: int) -> Frame | None:
    tk = doc.tk
    c = _close_token(doc, last)
    para = doc.para_of_token[c] if c < tk.n else -1
    s = tk.sentence[c] if c < tk.n else -1
    for f in doc.frames_in(s) + doc.frames_in(s + 1):
        if f.start <= c or f.speaker is None or (f.subject is None and f.parent is None):
            continue
        if f.backward and f.sentence == s + 1:
            # '“A.” ¶ This was stated by X.': a quotation that is its whole sentence
            lo = doc.sent_bounds[s][0]
            head = all(tk.flags[k] & PUNCT for k in range(lo, _open_token(doc, last)))
            tail = all(tk.flags[k] & PUNCT for k in range(c + 1, doc.sent_bounds[s + 1][0]))
            return f if head and tail and not doc.frames_in(s) else None
        if f.outlet_only:
            continue  # "…,” according to Reuters: where the story came from
        if f.parent is not None and f.subject is None:
            return None
        if any(
            not tk.flags[k] & PUNCT or tk.words[k] in QUOTE_PUNCT
            for k in range(c + 1, subject_start(doc, f))
        ):
            return None
        if doc.para_of_token[f.start] != para:
            return None
        ended = doc.text[doc.segs[last].start : doc.segs[last].end].rstrip("'’\"” ").endswith(".")
        if tk.sentence[f.start] != tk.sentence[c] and ended and not closes_sentence(doc, f):
            return None  # “A.” The network said the decision …: a statement of its own
        if tk.sentence[f.start] != s and any(
            g.end < _open_token(doc, last) and g.speaker is not None for g in doc.frames_in(s)
        ):
            return None  # 'Lavrov said … “step by step”. The ministry repeated …': his
        return f
    return None


def closes_sentence(doc: Doc, frame: Frame) -> bool:
    """Nothing but adjuncts follow the frame to its sentence end ("…, he said on Monday.")."""
    tk = doc.tk
    hi = doc.sent_bounds[frame.sentence][1]
    outlets = [g for g in doc.frames_in(frame.sentence) if g.outlet_only]
    end = frame.relay.end if frame.relay is not None else frame.end
    return not any(
        (tk.flags[k] & (FINITE | CUEW) or tk.quote[k] >= 0)
        and not any(g.start <= k <= g.end for g in outlets)
        for k in range(end + 1, hi + 1)
    )


def _trailing_frame(doc: Doc, last: int) -> Frame | None:
    """ "… can “make up something wild” and get away with it, he says.": a quote inside
    the clause that a sentence-final attribution reports."""
    tk = doc.tk
    c = _close_token(doc, last)
    s = tk.sentence[c]
    for f in doc.frames_in(s):
        if f.start <= c or f.outlet_only or f.speaker is None:
            continue
        if f.parent is None and tk.words[f.start - 1] == "," and closes_sentence(doc, f):
            return f
    return None


def _colon_frame(doc: Doc, first: int) -> Frame | None:
    """ "Gerald F. Seib, The Wall Street Journal: “…”": a name and a colon attribute."""
    tk = doc.tk
    o = _open_token(doc, first)
    if o < 1 or tk.words[o - 1] != ":":
        return None
    s = tk.sentence[o]
    lo, hi = doc.sent_bounds[s]
    if doc.para_of_token[o - 1] != doc.para_of_token[o] or tk.sentence[o - 1] != s:
        # 'Kowalski told broadcasters: ¶ “…”': the line above introduces the quote
        before = [f for f in doc.frames_in(tk.sentence[o - 1]) if f.speaker is not None]
        if before:
            return before[-1]
        lo = doc.sent_bounds[tk.sentence[o - 1]][0]
    if _is_label(tk, lo, o - 1):
        return _label_frame(doc, o)
    owner = _owner_frame(doc, lo, o, first)
    if owner is not None:
        return owner
    while lo < o - 1 and tk.flags[lo] & PUNCT and tk.quote[lo] < 0:
        lo += 1  # a bullet
    k = _close_token(doc, first) + 1
    while k <= hi and tk.flags[k] & PUNCT and tk.quote[k] < 0:
        k += 1
    whole = k > hi or tk.quote[k] >= 0  # the quotation ends the sentence
    if first > 0 and tk.sentence[_close_token(doc, first - 1)] == s:
        lo = _close_token(doc, first - 1) + 1
    p = doc.reader.core_before(o - 2, lo)
    if p is not None and p.start - 2 >= lo and tk.words[p.start - 1] == ",":
        q = doc.reader.core_before(p.start - 2, lo)
        if q is not None and q.start == lo and q.kind in ("name", "person"):
            q.roles.append((p.start, p.end))
            p = q
    if p is not None and p.kind in ("party", "group") and p.start == lo and whole:
        pass  # 'Estonia: “Written guarantees must come first”'
    elif p is None or p.start != lo or p.kind not in ("name", "person", "outlet"):
        # "Trump swiped at Ryan in a series of tweets: “…”": the clause's subject
        p = sentence_subject(tk, doc.reader, lo, o - 1)
        if p is None or p.kind not in ("name", "person", "pronoun") or not whole:
            return None
    frame = Frame(o - 1, o - 1, COLON, s, subject=p)
    frame.speaker = resolve(tk, doc.tracker, frame)
    return frame


_POSSESSIVES = frozenset(("his", "her", "their"))
_OWNER_REACH = 8  # words between "His" and the colon: "His message to Moscow was blunt"


def _owner_frame(doc: Doc, lo: int, o: int, first: int) -> Frame | None:
    """ "His verdict: “…”", "Her message to Moscow was blunt: “…”": a possessive and a
    noun of speech (`speech_nouns`) open the sentence; the owner speaks."""
    tk = doc.tk
    a = lo
    while a < o - 1 and tk.flags[a] & PUNCT and tk.quote[a] < 0:
        a += 1  # a bullet
    if tk.low[a] not in _POSSESSIVES or o - 1 - a > _OWNER_REACH or o - 1 - a < 2:
        return None
    nouns = tk.vocab.words.get("speech_nouns", frozenset())
    if tk.low[a + 1] not in nouns and not (tk.low[a + 2] in nouns and not tk.flags[a + 1] & PUNCT):
        return None  # "His verdict", "Her blunt answer"
    if any(tk.flags[k] & CUEW or tk.quote[k] >= 0 for k in range(a, o - 1)):
        return None
    hi = doc.sent_bounds[tk.sentence[o]][1]
    k = _close_token(doc, first) + 1
    while k <= hi and tk.flags[k] & PUNCT and tk.quote[k] < 0:
        k += 1
    if k <= hi and tk.quote[k] < 0:
        return None  # the quotation does not end the sentence
    frame = Frame(o - 1, o - 1, COLON, tk.sentence[o], subject=Phrase(a, a, a, "pronoun"))
    frame.speaker = resolve(tk, doc.tracker, frame)
    return frame if frame.speaker is not None and frame.speaker.entity is not None else None


def _is_label(tk: Tokens, a: int, colon: int) -> bool:
    """ "Quote:", "Verbatim:", "• Details:": a label names no speaker."""
    while a < colon and tk.flags[a] & PUNCT:
        a += 1
    labels = tk.vocab.words.get("non_speaker_labels", frozenset())
    return a < colon and " ".join(tk.low[a:colon]) in labels


def _label_frame(doc: Doc, o: int) -> Frame | None:
    """A quotation under a label belongs to the person the text named last."""
    tk = doc.tk
    source = source_line(doc, o)
    if source is not None:
        return source
    ent = doc.tracker.latest_person(tk.starts[o])
    if ent is None:
        return None
    frame = Frame(o - 1, o - 1, COLON, tk.sentence[o])
    frame.speaker = Speaker(
        ent.name, ent.side, ent.name, tk.starts[o - 1], tk.ends[o - 1], ent, "name"
    )
    return frame


def source_line(doc: Doc, k: int) -> Frame | None:
    """ "Source: Polish border guard" on the line after the paragraph of token k."""
    tk = doc.tk
    para = doc.para_of_token[k]
    j = k
    while j < tk.n and doc.para_of_token[j] == para:
        j += 1
    if j + 2 >= tk.n or tk.low[j] != "source" or tk.words[j + 1] != ":":
        return None
    s = tk.sentence[j]
    hi = doc.sent_bounds[s][1]
    while hi > j and tk.flags[hi] & PUNCT:
        hi -= 1
    p = doc.reader.phrase_after(j + 2, hi)
    if p is not None and p.end == hi and p.kind in ("name", "person", "group", "party", "outlet"):
        frame = Frame(j + 1, j + 1, COLON, s, subject=p)
        frame.speaker = resolve(tk, doc.tracker, frame)
        return frame if frame.speaker is not None else None
    if hi - j > 8 or not tk.flags[j + 2] & CAP:
        return None
    # a body the phrase reader does not know: "Lithuanian border guard service"
    a = j + 2
    wording = tk.span_text(a, hi)
    side = tk.vocab.parties.side(wording) or "none"
    ent = doc.tracker.unnamed(wording, side, "group", set())
    frame = Frame(j + 1, j + 1, COLON, s)
    frame.speaker = Speaker(wording, side, wording, tk.starts[a], tk.ends[hi], ent, "group")
    return frame


def _dash_frame(doc: Doc, last: int) -> Frame | None:
    """ "“There will be no concessions” — Umerov.": a dash and a name close the sentence,
    or open the next line ("— Tamm, Estonian foreign minister"), a sign-off."""
    tk = doc.tk
    c = _close_token(doc, last)
    if c + 2 >= tk.n or tk.words[c + 1] not in ("—", "–", "-"):
        return None
    para = doc.para_of_token
    if para[c + 1] not in (para[c], para[c] + 1):
        return None  # a sign-off line is the very next paragraph
    s = tk.sentence[c + 1]
    hi = doc.sent_bounds[s][1]
    p = doc.reader.phrase_after(c + 2, hi)
    if p is None or p.kind not in ("name", "person", "outlet"):
        return None
    rest = range(p.end + 1, hi + 1)
    if p.end < hi and not all(tk.flags[k] & PUNCT for k in rest) and tk.words[p.end + 1] != ",":
        return None  # (a comma: "– Podolyak, on Twitter, as the round broke up")
    frame = Frame(c + 1, c + 1, COLON, s, subject=p)
    frame.speaker = resolve(tk, doc.tracker, frame)
    return frame


def direct_quotes(doc: Doc) -> list[Draft]:
    tk = doc.tk
    drafts: list[Draft] = []
    used_post = doc.used_post
    last: Draft | None = None
    for chain in _chains(doc):
        first, final = chain[0], chain[-1]
        if first in doc.turns:
            turn = _turn_draft(doc, first)
            if turn is not None:
                drafts.append(turn)
            last = None
            continue
        words = sum(_word_count(doc, i) for i in chain)
        if words < MIN_DIRECT_WORDS or _is_title(doc, first):
            continue
        pre, adjacent = _pre_frame(doc, first)
        post = _post_frame(doc, final)
        frame = pre if pre is not None and adjacent else post
        if frame is None and pre is not None:
            # "The presidents agreed to conclude “…” a deal, the statement said.": the
            # attribution that closes the sentence reports the clause with the quote in it
            frame = _trailing_frame(doc, final) or pre
        if frame is None:
            frame = (
                _trailing_frame(doc, final) or _dash_frame(doc, final) or _colon_frame(doc, first)
            )
        para = doc.para_of_token[_open_token(doc, first)]
        spans = [(doc.segs[i].start, doc.segs[i].end) for i in chain]
        if frame is not None and _position_only(frame):
            last = None
            continue  # "Russia wants ‘a conclusion of peace’": a position, not a quote
        if frame is not None and frame.speaker is not None:
            if frame is post:
                used_post.add(id(frame))
            if last is not None and last.frame is frame and _only_frame_between(doc, last, chain):
                last.spans += spans
                last.chains.append(chain)
                continue
            last = Draft("direct", spans, frame.speaker, frame, para, chains=[chain])
            drafts.append(last)
            continue
        if last is None:
            continue
        o = _open_token(doc, first)
        prev_close = _close_token(doc, last.chains[-1][-1])
        if last.paragraph == para and last.frame is not None and last.frame.start > prev_close:
            gap = range(prev_close + 1, o)
            if not any(
                tk.flags[k] & (CUEW | FINITE) and not last.frame.start <= k <= last.frame.end
                for k in gap
            ):
                last.spans += spans
                last.chains.append(chain)
                continue
        starts_sentence = doc.sent_bounds[tk.sentence[o]][0] == o
        others = [
            e
            for e in doc.tracker.people_between(tk.ends[prev_close], tk.starts[o])
            if e is not last.speaker.entity
        ]
        if para - last.paragraph <= 1 and starts_sentence and not others:
            last = Draft("direct", spans, last.speaker, None, para, chains=[chain])
            drafts.append(last)
    for d in drafts:
        d.spans[-1] = _strip_comma(doc.text, *d.spans[-1])
    return _without_repeats(doc, drafts)


def _without_repeats(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """A headline, teaser or bullet line that repeats words the body quotes from the same
    speaker is no quote of its own (GUIDELINES: repeats are annotated once)."""
    tk = doc.tk
    heads = [d for d in drafts if _headline(doc, tk.sentence[tk.index(d.spans[0][0])])]
    if not heads:
        return drafts
    words = {id(d): _plain(doc.text, d) for d in drafts}
    dropped: set[int] = set()
    for h in heads:
        for d in drafts:
            if (
                d is not h
                and id(d) not in dropped
                and d.speaker.name == h.speaker.name
                and f" {words[id(h)]} " in f" {words[id(d)]} "
                and (d not in heads or len(words[id(d)]) > len(words[id(h)]))
            ):
                dropped.add(id(h))
                break
    return [d for d in drafts if id(d) not in dropped]


def _headline(doc: Doc, s: int) -> bool:
    """A headline, teaser or bullet line: short, on its own, no final stop (also none
    inside a closing quotation mark: '… as “a first step.”' ends a sentence)."""
    if s not in doc.tk.headlines:
        return False
    tk = doc.tk
    b = doc.sent_bounds[s][1]
    while b > doc.sent_bounds[s][0] and tk.words[b] in QUOTE_PUNCT:
        b -= 1
    return tk.words[b] not in (".", "!", "?", "…")


def _plain(text: str, d: Draft) -> str:
    """A quote's words, lower-cased, without punctuation (for comparing repeats)."""
    return " ".join(w for s, e in d.spans for w in _WORD.findall(text[s:e].lower()))


_WORD = re.compile(r"\w+")


def _position_only(frame: Frame) -> bool:
    """A country with a stance or belief verb states a position, not a quote (GUIDELINES:
    "Country + stance verb vs speech verb"), as for indirect quotes."""
    p = frame.subject
    return (
        p is not None
        and p.kind == "party"
        and frame.relay is None
        and frame.parent is None
        and frame.cue.kind in ("stance", "belief")
    )


def _turn_draft(doc: Doc, i: int) -> Draft | None:
    """An answer in a transcript or interview: a direct quote of the labelled speaker."""
    if _word_count(doc, i) < MIN_DIRECT_WORDS:
        return None
    turn = doc.turns[i]
    vocab = doc.tk.vocab
    tracker = doc.tracker
    a, b = turn.label
    mention = doc.text[a:b]
    ent = None
    if turn.answer:  # "A:": the person the text names last before the first turn
        named = [e for e in tracker.people_between(0, a) if e.kind == "person"]
        if not named:
            return None
        ent = named[-1]
        name, side = ent.name, ent.side
    else:
        entry = vocab.speakers.resolve(turn.name)
        surname = fold(turn.name).split()[-1]
        ent = next(
            (
                e
                for e in tracker.entities
                if e.kind == "person" and fold(e.name).split()[-1:] == [surname]
            ),
            None,
        )
        if entry is not None:
            name, side = entry.name, entry.side
        elif ent is not None:
            name, side = ent.name, ent.side
        else:
            name = turn.name
            side = vocab.parties.side(turn.role) or "none" if turn.role else "none"
    speaker = Speaker(name, side, mention, a, b, ent, "name")
    seg = doc.segs[i]
    return Draft(
        "direct",
        [(seg.start, seg.end)],
        speaker,
        None,
        doc.para_of_token[doc.seg_tokens[i][0]],
        chains=[[i]],
    )


def _only_frame_between(doc: Doc, last: Draft, chain: list[int]) -> bool:
    """ "“A,” he said, “B.”": nothing but the attribution stands between two stretches."""
    tk = doc.tk
    frame = last.frame
    c = _close_token(doc, last.chains[-1][-1])
    o = _open_token(doc, chain[0])
    if frame is None or not c < frame.start <= frame.end < o:
        return False
    if doc.para_of_token[c] != doc.para_of_token[o] or not tk.flags[o - 1] & PUNCT:
        return False  # "… Pence said on “Fox News Sunday”": a title, not the quote going on
    return not any(
        tk.flags[k] & (CUEW | FINITE) or tk.quote[k] >= 0
        for k in list(range(c + 1, frame.start)) + list(range(frame.end + 1, o))
    )


def _strip_comma(text: str, s: int, e: int) -> tuple[int, int]:
    while e > s and text[e - 1] in ",;: ":
        e -= 1
    return s, e
