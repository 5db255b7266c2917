"""The stance one clause takes on one topic signal, and who takes it.

A position needs three things in one clause: a topic signal ("membership in
NATO"), a stance cue that governs it ("demands", "refusal", "is ready to", or a
predicate after it: "would remain in place"), and a holder: the subject of the
outermost cue, else a trailing attribution ("…, he added"), else the speaker of
the quote the signal stands in.

Stances compose along the chain of cues that lead to the signal: "Russia
demands that Ukraine renounce membership in NATO" is demand (+) x renounce (-)
x NATO membership (+) = Russia opposes `nato`. A negation between the holder
and the signal flips the stance.
"""

from __future__ import annotations

import re

from talks.extract.actors import Mention
from talks.extract.governor import RESET, governor, nominal_before
from talks.extract.regex_shapes import plain_twin
from talks.extract.stance_doc import (
    DEMAND,
    PRECONDITION,
    Doc,
    Found,
    Spans,
    inside,
    kind_of,
    sign,
    stance_of,
)
from talks.extract.stance_shapes import (
    agents_after,
    bare_name,
    hypothetical,
    identity,
    modifier,
    modifier_or_settled,
    of_after,
    participials,
)
from talks.extract.topic_lexicon import Hit
from talks.models import Quote

__all__ = ["Doc", "Found", "inside", "item_sign", "kind_of", "positions_at", "sign", "stance_of"]

_BY = re.compile(r"\s+by\s+")
# the party a predicate holds for: "a red line for Kyiv", "unacceptable to Moscow"
_FOR = re.compile(r"\s+(?:for|to)\s+(?:the\s+)?(?=[A-Z])")
_FOR_FRONT = re.compile(r"[\s“\"]*For\s+(?:the\s+)?([A-Z][^,]{0,40}),")
# a demand on the subject, voiced by the speaker: "Ukraine must never obtain …"
_DEMAND_MODAL = re.compile(r"\s+(?:must|should|has\s+to|have\s+to|needs?\s+to|ought\s+to)\b", re.I)
# what a document lays down; with no subject of its own the last document named holds it
_DOCUMENT_VERB = re.compile(r"provid|envisag|stipulat|oblig", re.I)
# conditions that open a clause ("if X accepts"; not "in return, …")
_IF_CLAUSE = re.compile(r"if|only|unless|until|once|provided|as\s+long|on\s|subject", re.I)
_CLAUSE_END = re.compile(r"[,;:”\"]")
_UNDER_DOCUMENT = re.compile(
    r"[\s“\"]*(?:Under|According\s+to|In)\s+(?:the|its|this|that)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:plan|draft|memorandum|framework|proposal|document|blueprint|roadmap|text)s?\b[^,]{0,40},",
    re.I,
)
# a question states no view; nor does a forecast of one
_QUESTION_END = re.compile(r"\?[”\"’'»)]*\s*$")
_HEDGE = re.compile(r"\b(?:(?:un)?likely|expected|set|poised)\s+to\s+(?:\w+\s+)?$", re.I)
_HEDGE_PLAIN = plain_twin(_HEDGE)
_SUFFICIENT = re.compile(r"sufficient|enough", re.I)
_WITH_END = re.compile(r"\swith$", re.I)
_SEPARATOR = re.compile(r",|\b(?:and|or)\b")
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an|the)\s+$", re.I)
# conditions that make the main clause a precondition: "possible only if X accepts a truce"
_PRECONDITION = re.compile(r"only|provided|on\s|as\s+long|subject", re.I)
_SPEECH_BEFORE = re.compile(r"\b([a-z]+)\s+(?:that\s+)?$|(:)\s*$", re.I)
# a coordinated verb phrase of the subject: its negations are not the next one's
_CONJ_VERB = re.compile(
    r"\b(?:and|or|but)\s+(?:then\s+|also\s+)?(?=(?:will|would|shall|must|should|can|could|did"
    r"|does|do|has|have|had|is|are|was|were)\b)"
)
# a modal cue governs the verb after it: "would not [cover] Crimea" says nothing of Crimea
_MODAL_CUE = re.compile(r"(?:would|will|shall|could|should|must|can|won|wouldn)\b", re.I)
_NAME_LIST = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
# an aside between commas, then the document's own verb: ", drafted by X, would require"
_ASIDE = re.compile(
    r"[^,;:.“”\"]{0,160}(,)\s+(?:(?:would|will|could|should|must|may|might|also|not|[a-z]+ly)\s+)*"
)
_BY_ASIDE = re.compile(r"\w+,?\s+[a-z]+(?:\s+[a-z]+)?\s+by\b")
_MAX_EVIDENCE = 140  # characters; longer spans fall back to the innermost cue


def _subject(
    doc: Doc,
    sig: Hit,
    head: Hit,
    post: Hit | None,
    lo: int,
    clause: tuple[int, int],
    sentence: tuple[int, int],
    in_quote: bool,
    masks: Spans,
) -> Mention | None:
    """Who holds the view: the subject before the outermost cue (in the clause, else earlier
    in the sentence), a passive agent ("rejected by Moscow"), or a trailing attribution."""
    c_lo, c_hi = clause
    owner = doc.mention_before(head.start) if head.index >= 0 else None
    if owner is not None and owner.possessive and owner.kind in ("party", "person"):
        return owner  # "had taken note of Zelensky's proposal for a truce": Zelensky's
    subject = doc.subject_before(lo, head.start, masks)
    if subject is None and not in_quote and c_lo > sentence[0]:
        subject = doc.subject_before(sentence[0], c_lo, masks)
    if subject is None and post is not None:
        by = _BY.match(doc.text, post.end, c_hi) or _FOR.match(doc.text, post.end, c_hi)
        subject = doc.mention_at(by.end()) if by else None
    if subject is None and not in_quote:  # "For Moscow, NATO membership is a red line"
        front = _FOR_FRONT.match(doc.text, sentence[0])
        if front is not None and front.end() <= sig.start:
            m = doc.mention_at(front.start(1)) or doc.mention_at(front.start(1) - 4)
            subject = m if m is not None and m.end == front.end(1) else None
    if subject is None and not in_quote:
        subject = doc.attribution_after(max(sig.end, head.end), sentence[1])
    return subject


def _document_aside(doc: Doc, s_lo: int, head: int) -> tuple[Mention, int, bool] | None:
    """A document that opens the sentence and is its subject across an aside between
    commas: "The plan, drafted by X after talks with Y, would require …". Gives the
    document, where the aside closes, and whether the cue at `head` follows it directly."""
    text = doc.text
    first = next(iter(doc.mentions_in(s_lo, head)), None)
    if first is None or not first.document or not first.subject:
        return None
    if text[s_lo : first.start].strip(" \t\n“\"‘'•–—-").lower() not in ("", "the", "a", "an"):
        return None
    at = first.end
    if text.startswith(",", at):
        at += 1  # "The plan, drafted by X, …"
    elif _BY_ASIDE.match(text, first.start, first.end) is None:
        return None  # (else "The plan drafted by X after talks with Y, …")
    close = _ASIDE.match(text, at, head)
    if close is None:
        return None
    return first, close.start(1), close.end() == head


def _speaker_before(doc: Doc, pos: int, s_lo: int) -> Mention | None:
    """The subject of a speech verb right before `pos` ("Lavrov said [that] …"), or of a
    clause that a colon ends ("Putin set out his conditions: …")."""
    m = _SPEECH_BEFORE.search(doc.text, max(s_lo, pos - 40), pos)
    if m is None:
        return None
    if m.group(2):
        return doc.subject_before(s_lo, m.start())
    if m.group(1).lower() not in doc.comp.speech_verbs:
        return None
    return doc.subject_before(s_lo, m.start(1))


def positions_at(doc: Doc, sig: Hit, s_lo: int, s_hi: int, masks: Spans) -> list[Found]:
    """The positions the clause around one topic signal states (several for "A and B …")."""
    text = doc.text
    info = doc.comp.signal_info[sig.index]
    c_lo, c_hi = doc.clause_of(sig.start, s_lo, s_hi)
    if identity(text, sig.start, c_lo) or modifier_or_settled(text, sig.end):
        return []  # "is not a truce but a pause"; "the truce talks"; "… be discussed later"
    chain, post, item = governor(doc, sig, c_lo, c_hi, masks)
    head = chain[-1] if chain else post
    if head is None or hypothetical(text, c_lo, head.start, sig.start):
        return []  # nothing states a view; "a settlement in which X would accept a truce"
    if _QUESTION_END.search(text, s_lo, s_hi) or doc.search(_HEDGE, _HEDGE_PLAIN, c_lo, head.start):
        return []  # "Will Moscow accept …?"; "Moscow is unlikely to accept …": no view stated
    quoted = doc.quote_at(sig.start)
    q = quoted[0] if quoted else None
    in_quote = quoted is not None and quoted[1].start <= head.start
    # the subject is looked for in the quote, but never before the sentence's start
    lo = max(quoted[1].start, s_lo) if quoted and in_quote else c_lo
    subject = _subject(doc, sig, head, post, lo, (c_lo, c_hi), (s_lo, s_hi), in_quote, masks)
    conditional = False
    cond = None
    for h in doc.condition_index.within(c_lo, head.start):
        if (
            not (masks and inside(h.start, masks))
            and (subject is None or subject.start > h.start)
            and _IF_CLAUSE.match(text, h.start)
            and not _CLAUSE_END.search(text, h.end, head.start)
        ):
            cond = h
            break
    if cond is not None:  # the view sits in an if-clause: not its subject's
        if not _PRECONDITION.match(text, cond.start):
            return []
        # "talks are possible only if Minsk accepts a truce, Kowalski said": the speaker's
        subject = doc.subject_before(s_lo, cond.start, masks)
        if subject is None and not in_quote:
            subject = doc.attribution_after(sig.end, s_hi)
        if subject is None and q is None:
            return []
        conditional = True
    framed = _UNDER_DOCUMENT.match(text, s_lo)
    if framed is not None and (in_quote or framed.end() > head.start):
        framed = None
    if (
        subject is not None
        and subject.kind == "party"
        and framed is None
        and (head.index == DEMAND or _DEMAND_MODAL.match(text, subject.end, head.start))
    ):
        # "Lavrov said Kyiv must withdraw …", "Ukraine must never obtain nuclear weapons" in
        # Lavrov's words: the speaker's demand, not the view of the party it names
        if q is not None:
            if head.index != DEMAND or subject.party != q.side:
                subject = None
        else:
            subject = _speaker_before(doc, subject.start, s_lo) or doc.attribution_after(
                sig.end, s_hi
            )
            if subject is None:
                return []
    aside = _document_aside(doc, s_lo, head.start)
    if aside is not None and (
        (subject is None and aside[2]) or (subject is not None and subject.start < aside[1])
    ):  # "The plan, drafted by X after talks with Y, would require …": not Y's view
        subject = aside[0]
    if subject is None and _DOCUMENT_VERB.match(text, head.start):
        subject = doc.document_before(head.start)  # "The first variant provides for …"
    if framed is not None:
        # "Under the plan, Ukraine would cap its army": the plan's author, not Ukraine
        subject = doc.document_before(framed.end())
    agents = agents_after(doc, post.end) if post is not None else []
    if chain and not agents:
        # ("of" is read only after a cue used as a noun, which is looked for only then)
        of = of_after(text, head.end) and nominal_before(doc, c_lo, head)
        agents = agents_after(doc, head.end, of=of)
    clause_start = c_lo if subject is None or subject.start >= c_lo else s_lo
    if agents:  # "an offer from Tallinn", "a truce proposal by Helsinki and Warsaw"
        actors = [doc.actor_for(m, q, clause_start) for m in agents]
        subject = None
    else:
        actors = [doc.actor_for(subject, q, clause_start)]
        if subject is not None and subject.kind in ("party", "person"):
            others = doc.coordinated(subject)
            actors += [doc.actor_for(m, q, clause_start) for m in others]
            if others:
                subject = others[-1]  # the evidence starts at the first of them
        if chain and _WITH_END.search(text, head.start, head.end):
            partner = doc.mention_at(head.end + 1)  # "agreed with Trump that …"
            if partner is not None and partner.kind in ("party", "person"):
                actors.append(doc.actor_for(partner, q, clause_start))

    if (
        q is not None
        and (subject is None or subject.kind == "pronoun")
        and any(a is not None and a.party == q.side for a in actors)
    ):  # a joint statement: "Warsaw and Tallinn said …" holds for both
        actors += [doc.actor_for(m, None, clause_start) for m in doc.co_speakers(q)]
    kinds = [sign(kind_of(doc.comp, c)) for c in chain or [head]]
    neg_lo = subject.end if subject is not None and subject.end <= head.start else head.start
    for conj in _CONJ_VERB.finditer(text, neg_lo, head.start):
        neg_lo = conj.start()  # "would never recognise X and would not give up Y": Y's own
    if item >= 0:  # a list item: the negations of the chain and of the item itself
        negs = doc.negations_in(max(c_lo, neg_lo), head.end, masks)
        last = max(item, head.end)
        for sep in _SEPARATOR.finditer(text, last, sig.start):
            last = sep.end()
        negs += doc.negations_in(last, sig.start, masks)
    else:
        negs = doc.negations_in(max(c_lo, neg_lo), sig.start, masks)
    if post is not None:
        negs += doc.negations_in(sig.end, post.end, masks)
    inner = info.polarity
    for k in kinds[:-1]:
        inner *= k
    if negs % 2 and _SUFFICIENT.match(text, head.start):
        negs, conditional = 0, True  # "not sufficient for a meeting": a precondition
    total = inner * kinds[-1] * (-1 if negs % 2 else 1)
    if not conditional:
        for h in doc.condition_index.within(c_lo, s_hi):
            if not (h.start < head.end and head.start < h.end) and not (
                masks and inside(h.start, masks)
            ):
                conditional = True
                break
    conditional = conditional or bool(chain and RESET.match(text, chain[-1].start))
    conditional = conditional or any(c.index == PRECONDITION for c in chain)
    # evidence: from the holder (when close) through the signal, or the signal and its predicate
    end = max(sig.end, post.end if post else 0, agents[-1].end if agents else 0)
    start = sig.start if post is not None else head.start
    if subject is not None and lo <= subject.start < start and start - subject.end < 80:
        start = subject.start
    if end - start > _MAX_EVIDENCE and chain:
        start = chain[0].start
    source = q if in_quote or subject is None else None
    st = stance_of(total)
    found = [
        Found(a, info.topic, st, conditional, start, end, source, inner, sig.end)
        for a in actors
        if a is not None
    ]
    # co-holders between commas: "A key demand of Helsinki, backed by Warsaw, is a truce."
    for p_lo, _p_hi, p_sign, p_agents in participials(doc, head.end, sig.start):
        for m in p_agents:
            a = doc.actor_for(m, q, clause_start)
            if a is not None:
                co = stance_of(total * p_sign)
                found.append(Found(a, info.topic, co, conditional, p_lo + 1, end, None, inner, 0))
    if chain:  # "… to the security guarantees requested by Ukraine": Ukraine holds them too
        found += _requested_by(doc, sig, c_hi, q, clause_start, conditional, end)
    held = {f.actor.party for f in found}  # "Washington dropped its insistence on …": one
    embedded = _embedded(doc, chain, info.polarity, sig, q, c_lo, conditional)
    return found + [f for f in embedded if f.actor.party not in held]


def item_sign(doc: Doc, sig: Hit, lo: int, hi: int) -> int | None:
    """The stance an item of a list takes on its own signal, whoever holds it: +1/-1 (the
    signal's polarity through the item's own cues and negations); None when guarded."""
    text = doc.text
    c_lo, c_hi = doc.clause_of(sig.start, lo, hi)
    if identity(text, sig.start, c_lo) or modifier(text, sig.end):
        return None
    chain, post, _ = governor(doc, sig, c_lo, c_hi, ())
    head = chain[-1] if chain else post
    if head is not None and hypothetical(text, c_lo, head.start, sig.start):
        return None
    if (
        head is None
        and bare_name(text, sig.start, sig.end)
        and text[lo:hi].strip(" .;") != text[sig.start : sig.end]
        and not any(  # (a verb cue may take it: "recognised the republics of Donetsk")
            kind_of(doc.comp, c) in ("support", "oppose") and not _MODAL_CUE.match(text, c.start)
            for c in doc.cue_index.within(c_lo, sig.start)
        )
    ):
        # "• Crimea would be the subject of talks": a clause about a place says nothing of its
        # status unless a predicate does ("Crimea, Luhansk and Donetsk would be recognised …")
        nxt = next(iter(doc.signal_index.starting(sig.end, c_hi)), None)
        if nxt is None or not _NAME_LIST.fullmatch(text, sig.end, nxt.start):
            return None
        return item_sign(doc, nxt, lo, hi)
    total = doc.comp.signal_info[sig.index].polarity
    for c in chain or ([post] if post is not None else []):
        total *= sign(kind_of(doc.comp, c))
    negs = doc.negations_in(c_lo, sig.start)
    if post is not None:
        negs += doc.negations_in(sig.end, post.end)
    return -total if negs % 2 else total


def _requested_by(
    doc: Doc, sig: Hit, c_hi: int, q: Quote | None, clause_start: int, cond: bool, end: int
) -> list[Found]:
    """A participle with an agent right after the signal ("the guarantees requested by
    Ukraine"): the agent's own view of the signal."""
    text = doc.text
    cue = next(iter(doc.cue_index.within(sig.end, c_hi)), None)
    if cue is None or text[sig.end : cue.start].strip():
        return []
    kind = kind_of(doc.comp, cue)
    if kind not in ("support", "oppose"):
        return []
    total = doc.comp.signal_info[sig.index].polarity * sign(kind)
    topic = doc.comp.signal_info[sig.index].topic
    out: list[Found] = []
    for m in agents_after(doc, cue.end):
        actor = doc.actor_for(m, q, clause_start)
        if actor is not None:
            out.append(Found(actor, topic, stance_of(total), cond, sig.start, m.end, None, 1, 0))
    return out


def _embedded(
    doc: Doc, chain: list[Hit], polarity: int, sig: Hit, q: Quote | None, c_lo: int, cond: bool
) -> list[Found]:
    """Views held inside the chain: "Moscow rejected *Kyiv's call for* a ceasefire" or
    "*a proposal by Kyiv for* a truce" also say Kyiv calls for one."""
    text = doc.text
    out: list[Found] = []
    for k, cue in enumerate(chain[:-1]):
        holder = doc.mention_before(cue.start)
        holders: list[Mention] = []
        if (
            holder is not None
            and holder.start >= c_lo
            and (
                holder.possessive
                or (
                    holder.kind == "party"
                    and _ARTICLE_BEFORE.search(text, max(0, holder.start - 5), holder.start)
                )
            )
        ):  # "Kyiv's call for", "a US proposal for"
            holders = [holder]
        else:
            of = of_after(text, cue.end) and nominal_before(doc, c_lo, cue)
            holders = agents_after(doc, cue.end, of=of)
        if not holders:
            continue
        total = polarity
        for c in chain[: k + 1]:
            total *= sign(kind_of(doc.comp, c))
        if doc.negations_in(cue.end, sig.start) % 2:
            total = -total
        for h in holders:
            actor = doc.actor_for(h, q, c_lo)
            if actor is None:
                continue
            start = min(h.start, cue.start)
            out.append(
                Found(
                    actor,
                    doc.comp.signal_info[sig.index].topic,
                    stance_of(total),
                    cond,
                    start,
                    sig.end,
                    None,
                    total,
                    sig.end,
                )
            )
    return out
