"""The chain of cues that governs a topic signal, innermost first.

"Russia demands that Ukraine renounce membership in NATO": demands -> renounce ->
[NATO membership]. The chain runs back from the nearest cue before the signal
over words that keep cues together ("ready to declare", "demands that Kyiv
renounce", "formal international recognition of"), through coordinated verbs
that share a governor, and stops at "in return for". Otherwise a predicate after
the signal governs it ("… would remain in place", "a truce proposal by X"), or a
judging verb with a predicate after its object ("called the demand unacceptable"),
or a modal commitment ("it would send troops"). A list item with no cue of its
own takes the chain of the list's head.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from talks.extract.regex_shapes import plain_twin
from talks.extract.stance_doc import (
    CLAIM,
    COMMIT,
    DEMAND,
    JUDGED_OPPOSE,
    JUDGED_SUPPORT,
    PRECONDITION,
    TOKEN,
    inside,
)
from talks.extract.stance_shapes import (
    agents_after,
    bare_name,
    claim,
    commitment,
    demand,
    identity,
    post_negation_scopes,
    provides,
)
from talks.extract.topic_lexicon import Hit

if TYPE_CHECKING:
    from talks.extract.stance_doc import Doc, Spans

# Words that may stand between two cues of one chain: "ready to declare", "demands that
# Ukraine renounce", "refusal to join", "commitment to pursue".
_LINK_WORDS = frozenset(
    """to that on for of in into itself themselves its their his her the a an own project bid
    plan intention idea status as be being been is was are were would will should must can
    could may might has have had also any every all him her them us me whole entire rest
    remainder part parts guarantee guarantees
    assurance assurances promise promises pledge pledges written firm binding""".split()
)
# adverbs, possessives and adjectives may stand between two cues of a chain: "demands
# formal international recognition of", "is firmly ready to"
_LINK_ENDINGS = ("ly", "'s", "’s", "al", "ic", "ive", "ful", "ous", "ary", "ate", "ent", "ant")
# Between a topic and a predicate cue after it: "The sanctions on Russia would remain in
# place", "NATO membership for Ukraine was unacceptable".
_COPULA_GAP = re.compile(
    r"(?:\s+(?:for|of|to|by|in)\s+(?:the\s+)?[A-Z][\w’'-]*)?"
    # "… in Ukraine under any flag was absolutely unacceptable"
    r"(?:\s+(?:in|on|under|from|with|at|of)\s+(?:the\s+|any\s+|a\s+|its\s+|all\s+|both\s+)?"
    r"[\w’'-]+){0,2}"
    r"(?:\s|[”\"’]|\b(?:(?:is|are|was|were|wo|would|ca|do|does|did)n[’']t|cannot"
    r"|would|will|is|are|was|were|must|should|can|could|may|might|be|been"
    r"|being|only|not|also|still|now|then|never|remain|remains|remained|stayed"
    r"|definitely|certainly|clearly|really|absolutely|totally|completely|simply|entirely"
    r"|categorically|wholly|equally|always)\b)*"
    r"(?:\b(?:the|a|an|its|their|our|his|her)\s+(?:[a-z]+\s+)?)?"
)
_DEMONSTRATIVE = re.compile(r"\b(?:this|that|these|those|such)\s+$", re.I)
_SIBLING_THAT = re.compile(r"(?:,|\band)\s+that\s+(?:[\w’'-]+\s+){0,3}$")
_THAT_AFTER = re.compile(r"\s+that\b")
_AND_BEFORE = re.compile(r"(?:,\s*)?\b(?:and|or)\s+$")
# a negated modal governs every verb it coordinates: "would not join … or host …"
_NEGATED_MODAL_CUE = re.compile(
    r"(?:will|would|shall)\s+[“\"]?(?:not|never)|won|wouldn|never", re.I
)
_GOVERNS = re.compile(r"\b(?:to|for|on|upon)$")  # a cue that takes what follows it
_TO_AFTER = re.compile(r"\s+to\b")
# a verb of its own between a cue and the topic: "thanked him for his support and
# discussed sanctions" (the sanctions are only discussed)
_OTHER_VERB = re.compile(
    r"\b(?:and|or)\s+(?:then\s+|also\s+)?(?:[a-z]+(?:ed|es)|will|would|shall|must|should|can|could)\b"
)
# the last list separator before a signal: "demands A, B and the lifting of C"
_ITEM_START = re.compile(
    r"(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)(?:(?!(?:and|or)\s)[\w’'-]+\s+){0,6}$"
)
# a cue that heads a noun phrase ("a ban on", "formal recognition of") belongs to its item
NOMINAL_BEFORE = re.compile(
    r"\b(?:a|an|the|any|its|their|his|her|our|[a-z]+(?:al|ic|ive|ful|ous))\s+$", re.I
)
_NOMINAL_PLAIN = plain_twin(NOMINAL_BEFORE)
# (the case-insensitive patterns below are read in the folded text where they can be)
_OF_AFTER = re.compile(r"\s+of\b")
_COLON_AFTER = re.compile(r"\s*:")
# a list item with its own determiner: "a ceasefire, the withdrawal of troops and …"
_DETERMINED_ITEM = re.compile(r",\s*(?:and\s+|or\s+)?(?:the|a|an)\s+$")
# a new item of a list, with its own determiner, right before the signal: "…, and the [lifting]"
_NEW_ITEM = re.compile(r"(?:,|\s(?:and|or))\s+(?:the|a|an)\s+(?:[\w’'-]+\s+){0,2}$")
# "in return for" starts a chain of its own: "offered to drop its bid in return for X"
RESET = re.compile(r"in\s+(?:exchange|return)\s+for\b", re.I)
_FINITE = re.compile(r"\b(?:will|would|shall|must|should|can|could|is|are|was|were)\b", re.I)
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|any|some|this|that)\s+$", re.I)
_SIBLING_PREP = re.compile(r"(?:,\s*|\s)(?:and|or)\s+(?:also\s+)?(on|upon|to|for)\s", re.I)
# an object relative clause after the signal: "the ceasefire that Kyiv … have been demanding"
_RELATIVE = re.compile(r"\s+(?:that|which)\s+[^,;.]{1,60}?\s+")
_NEGATED_MODAL = re.compile(r"(?:will|would|shall)\s+(?:not|never)|won[’']t|wouldn[’']t", re.I)
# between a signal and a cue with an agent: "a truce proposal by", "A truce, proposed by"
_AGENT_GAP = re.compile(r"(?:\s+[a-z]+)?\s*,?\s*")
# "called the demand … unacceptable", "views NATO expansion as a threat"
_JUDGE = re.compile(
    r"\b(?:call(?:s|ed|ing)?|describ(?:e|es|ed|ing)|deem(?:s|ed|ing)?|view(?:s|ed|ing)?"
    r"|regard(?:s|ed|ing)?|sees|saw|term(?:s|ed)?|label(?:s|led|ed)?|brand(?:s|ed)?"
    r"|consider(?:s|ed|ing)?|find(?:s)?|found)\b",
    re.I,
)
# the stems `_JUDGE` needs, lower-cased: a window of the folded view, or of ASCII text
# lower-cased, without one of them has no judging verb (in the text itself "ſ" may match
# "s" and "ı" "i" when case is ignored)
_JUDGE_STEMS = re.compile(
    "call|describ|deem|view|regard|sees|saw|term|label|brand|consider|find|found"
)
_JUDGE_GAP = re.compile(
    r"(?:\s+(?!(?:and|or|but|nor|while|whereas)\b)[\w’'-]+){0,3}?\s+(?:as\s+|to\s+be\s+)?"
    r"(?:(?:an?|the|completely|totally|absolutely|entirely|simply|wholly|clearly|quite)\s+)*",
    re.I,
)
_MAX_GAP_TOKENS = 12  # cue … signal
_MAX_LINK_TOKENS = 6  # cue … cue
# more than _MAX_GAP_TOKENS words of `TOKEN` from where it is matched
_TOO_MANY_TOKENS = re.compile(rf"[^\w’'-]*(?:[\w’'-]+[^\w’'-]+){{{_MAX_GAP_TOKENS}}}[\w’'-]")
_ONLY_AFTER = re.compile(
    r"\bonly\s+(after|once|when)\s+(?:(?:a|an|any|the)\s+)?(?:[\w-]+\s+){0,2}$", re.I
)
_OPENS_IF = re.compile(r"if|only|unless|provided|on\s|as\s+long", re.I)
# "before a ceasefire", "only after a complete cease-fire": right before the signal
_TEMPORAL = re.compile(r"\b(before|after)\s+(?:(?:a|an|any|the)\s+)?(?:[\w-]+\s+){0,2}$", re.I)
_DEMONSTRATIVE_PLAIN = plain_twin(_DEMONSTRATIVE)
_ONLY_AFTER_PLAIN = plain_twin(_ONLY_AFTER)
_TEMPORAL_PLAIN = plain_twin(_TEMPORAL)
_JUDGE_PLAIN = plain_twin(_JUDGE)


def _linked(text: str, lo: int, hi: int) -> bool:
    """True when the words between two cues keep them in one chain."""
    between = text[lo:hi]
    if "," in between or ";" in between or ":" in between:
        return False
    words = TOKEN.findall(text, lo, hi)
    if len(words) > _MAX_LINK_TOKENS:
        return False
    for w in words:
        if not (w.lower() in _LINK_WORDS or w[:1].isupper() or w.endswith(_LINK_ENDINGS)):
            return False
    return True


def _chain(text: str, pre: list[Hit], nearest: Hit) -> list[Hit]:
    """The cues that lead to a signal, innermost first: demands → renounce → [NATO]."""
    chain = [nearest]
    cur = nearest
    while not RESET.match(text, cur.start):
        bound = cur.start
        for prev in reversed(pre):  # the last cue that ends before `cur`
            if prev.end <= bound:
                break
        else:
            break
        if _linked(text, prev.end, cur.start):
            chain.append(prev)
            cur = prev
            continue
        if _AND_BEFORE.search(text, max(prev.end, cur.start - 8), cur.start):
            if (
                _GOVERNS.search(text, prev.start, prev.end)
                or _TO_AFTER.match(text, prev.end)
                or _NEGATED_MODAL_CUE.match(text, prev.start)
            ):
                # "ready to [declare …] and [drop …]": the first cue governs both
                chain.append(prev)
                cur = prev
                continue
            # "demands that Kyiv [recognise …] and [give up …]": siblings share a governor
            shared = _chain(text, pre, prev)[1:]
            if _NEGATED_MODAL_CUE.match(text, cur.start):
                # "would never recognise X and would not give up Y": each its own modal
                shared = [c for c in shared if not _NEGATED_MODAL_CUE.match(text, c.start)]
            chain += shared
            break
        # a later "that"-clause of a series: "demands that A, … and that he recognizes B"
        if _SIBLING_THAT.search(text, max(prev.end, cur.start - 60), cur.start):
            gov = [c for c in pre if c.end <= bound and _THAT_AFTER.match(text, c.end)]
            if gov:
                chain.append(gov[-1])
                cur = gov[-1]
                continue
        break
    return chain


def governor(
    doc: Doc, sig: Hit, c_lo: int, c_hi: int, masks: Spans
) -> tuple[list[Hit], Hit | None, int]:
    """The chain of cues before the signal (innermost first), or else a predicate cue
    after it ("… would remain in place"), and where the signal's list item starts (-1 when
    it is no item of a list); ([], None, -1) when nothing states a view."""
    text = doc.text
    listed, item = _list_governor(doc, sig, c_lo, masks)
    if listed:
        return listed, None, item
    cue_info = doc.comp.cue_info
    pre: list[Hit] = []
    cues = doc.cue_index.within(c_lo, sig.start)
    if cues:
        # (`doc.search` read inline: the plain twin in the folded view where there is one)
        view = doc.view if _DEMONSTRATIVE_PLAIN is not None else None
        for c in cues:
            if cue_info[c.index].verdict or (masks and inside(c.start, masks)):
                continue
            lo = max(c_lo, c.start - 8)
            if view is not None and _DEMONSTRATIVE_PLAIN is not None:
                that = _DEMONSTRATIVE_PLAIN.search(view, lo, c.start)
            else:
                that = _DEMONSTRATIVE.search(text, lo, c.start)
            if that is None and not _attributive(text, c, sig):
                pre.append(c)
    # (the judging verb's stems looked for first: most signals have none before them)
    if doc.view is None or _JUDGE_STEMS.search(doc.view, max(c_lo, sig.start - 80), sig.start):
        judged = _judged(doc, sig, c_lo, c_hi, pre)
        if judged:
            return judged, None, -1
    if pre:
        pre = _sibling_governed(text, pre, sig)
        # "would only agree to X if [sanctions were lifted]", "ruled out a meeting before [a
        # ceasefire]": the signal is a precondition of the clause before, not its object
        cond = _precondition(
            doc, pre[-1].end, sig.start, doc.comp.cue_info[pre[-1].index].kind == "oppose"
        )
        if cond == (-1, -1):
            return [], None, -1  # "rejected peacekeepers after a ceasefire": a time, no view
        if cond is not None:
            return [Hit(cond[0], cond[1], PRECONDITION)], None, -1
    if (
        pre
        and not _TOO_MANY_TOKENS.match(text, pre[-1].end, sig.start)
        and not _OTHER_VERB.search(text, pre[-1].end, sig.start)
    ):
        if bare_name(text, sig.start, sig.end) and not _linked(text, pre[-1].end, sig.start):
            return [], None, -1  # "proposed a conference on Crimea's future": no view of Crimea
        if _item_head(text, pre[-1], sig, c_lo):
            return [], None, -1  # "«ceasefire, withdrawal of troops and guarantees»"
        chain = _chain(text, pre, pre[-1])
        if (
            len(chain) > 1
            and nominal_before(doc, c_lo, chain[0])
            and _NEW_ITEM.search(text, chain[0].end, sig.start)
        ):
            chain = chain[1:]  # "demands an end to X and the lifting of Y": "end" heads X only
        if doc.comp.cue_info[pre[-1].index].kind == "neutral" and not any(
            doc.comp.cue_info[c.index].kind == "oppose" for c in chain
        ):
            # "ready to discuss the status of Crimea": no stance on it ("refused to
            # discuss any change to the borders" is one)
            return [], None, -1
        return chain, None, -1
    for c in doc.cue_index.within(sig.end, c_hi):
        gap = _COPULA_GAP.match(text, sig.end, c.start)
        info = doc.comp.cue_info[c.index]
        if info.verdict or info.kind == "neutral":
            break
        if gap and gap.end() == c.start:
            if _NEGATED_MODAL.match(text, c.start) and post_negation_scopes(text, c.end):
                break  # "the guarantees would not cover the islands": a scope, not a no
            return [], c, -1
        if _AGENT_GAP.fullmatch(text, sig.end, c.start) and agents_after(doc, c.end):
            return [], c, -1  # "a truce proposal by Helsinki", "A truce, proposed by Warsaw"
        if _RELATIVE.fullmatch(text, sig.end, c.start) and doc.subject_before(sig.end, c.start):
            return [], c, -1  # "the ceasefire that Kyiv and its allies have been demanding"
        break
    only = doc.search(_ONLY_AFTER, _ONLY_AFTER_PLAIN, max(c_lo, sig.start - 40), sig.start)
    if only is not None:  # "… would come into force only after a complete ceasefire"
        return [Hit(only.start(), only.end(1), PRECONDITION)], None, -1
    modal = commitment(doc, sig.start, c_lo)
    if modal is not None:  # "it would send troops": a commitment of the subject's own
        return [Hit(modal[0], modal[1], COMMIT)], None, -1
    provision = provides(doc, sig.start, c_lo)
    if provision is not None:  # "The plan caps Ukraine's army": what the document lays down
        return [Hit(provision[0], provision[1], COMMIT)], None, -1
    must = demand(doc, sig.start, c_lo)
    if must is not None:  # "Kyiv must withdraw from Donbas": what the speaker demands
        return [Hit(must[0], must[1], DEMAND)], None, -1
    if claim(text, sig.start, sig.end):  # "Crimea is Russian," Peskov said
        return [Hit(sig.start, sig.start, CLAIM)], None, -1
    return [], None, -1


def nominal_before(doc: Doc, c_lo: int, cue: Hit) -> bool:
    """A cue used as a noun ("a key demand", "the offer"): `NOMINAL_BEFORE` right before it."""
    lo = max(c_lo, cue.start - 20)
    return doc.search(NOMINAL_BEFORE, _NOMINAL_PLAIN, lo, cue.start) is not None


def _precondition(doc: Doc, lo: int, sig_start: int, rejected: bool) -> tuple[int, int] | None:
    """The span of "if"/"only after"/"before" between a clause's last cue and a signal
    that it makes a precondition; None when there is none; (-1, -1) for a rejection with a
    time ("rejected peacekeepers after a ceasefire": rejected even then, no precondition)."""
    text = doc.text
    for c in doc.condition_index.within(lo, sig_start):
        if _OPENS_IF.match(text, c.start):
            return c.start, c.end
    m = doc.search(_TEMPORAL, _TEMPORAL_PLAIN, max(lo, sig_start - 40), sig_start)
    if m is not None:
        after = text[m.start(1) : m.end(1)].lower() == "after"
        return (-1, -1) if rejected and after else (m.start(1), m.end(1))
    return None


def _judged(doc: Doc, sig: Hit, c_lo: int, c_hi: int, pre: list[Hit]) -> list[Hit]:
    """ "Zelensky called [the demand to withdraw from Donbas] unacceptable": the chain
    inside the object, then the judging verb with its predicate's kind; [] otherwise."""
    text = doc.text
    lo = max(c_lo, sig.start - 80)
    if doc.view is not None:
        if _JUDGE_STEMS.search(doc.view, lo, sig.start) is None:
            return []  # (most signals: no judging verb before them, and no search)
    else:
        before = text[lo : sig.start].lower()
        if before.isascii() and _JUDGE_STEMS.search(before) is None:
            return []
    judge = None
    for found in doc.finditer(_JUDGE, _JUDGE_PLAIN, lo, sig.start):
        judge = found
    if judge is None:
        return []
    for c in doc.cue_index.within(sig.end, c_hi):
        info = doc.comp.cue_info[c.index]
        if info.kind not in ("support", "oppose"):
            return []
        if _JUDGE_GAP.fullmatch(text, sig.end, c.start) is None:
            return []
        inner = [x for x in pre if x.start >= judge.end()]
        chain = _chain(text, inner, inner[-1]) if inner else []
        kind = JUDGED_SUPPORT if info.kind == "support" else JUDGED_OPPOSE
        return [*chain, Hit(judge.start(), judge.end(), kind)]
    return []


def _attributive(text: str, cue: Hit, sig: Hit) -> bool:
    """ "a possible truce": a cue word that only modifies the topic noun after it."""
    return (
        cue.end <= sig.start
        and not text[cue.end : sig.start].strip()
        and " " not in text[cue.start : cue.end]  # not "a ban on"
        and _DETERMINER_BEFORE.search(text, max(0, cue.start - 8), cue.start) is not None
    )


def _sibling_governed(text: str, pre: list[Hit], sig: Hit) -> list[Hit]:
    """ "insists on the withdrawal of troops *and on* respect for the borders": after a
    coordinated preposition the signal is governed by the cue that took that preposition,
    not by the nearest cue (which heads the sibling)."""
    sib = None
    for found in _SIBLING_PREP.finditer(text, pre[-1].end, sig.start):
        sib = found
    if sib is None:
        return pre
    prep = sib.group(1).lower()
    for i in range(len(pre) - 1, -1, -1):
        c = pre[i]
        if c.end > sib.start():
            continue
        if text[c.start : c.end].lower().endswith(prep) or re.match(
            rf"\s+{prep}\b", text[c.end : c.end + 8], re.I
        ):
            return pre[: i + 1]
    return pre


def _item_head(text: str, cue: Hit, sig: Hit, c_lo: int) -> bool:
    """True when the nearest cue heads an earlier item of a list the signal ends
    ("ceasefire, withdrawal of troops and strong guarantees"): it governs its own item."""
    lo = max(c_lo, cue.start - 12)
    if text.find(",", lo, cue.start) < 0:
        return False  # (what both shapes below need)
    lead = text[max(c_lo, cue.start - 3) : cue.start]
    if not lead.rstrip().endswith(",") and not _DETERMINED_ITEM.search(text, lo, cue.start):
        return False
    return _ITEM_START.search(text, cue.end, sig.start) is not None


def _list_governor(doc: Doc, sig: Hit, c_lo: int, masks: Spans) -> tuple[list[Hit], int]:
    """A list item with no cue of its own takes the chain of the list's head:
    "insists on recognition of Crimea, a non-aligned Ukraine and [limits on its army]";
    also where the item starts."""
    lo = max(c_lo, sig.start - 60)
    before = doc.text[lo : sig.start]
    if "," not in before and "and" not in before and "or" not in before:
        return [], -1  # (what every list separator needs: most signals are searched no more)
    item = _ITEM_START.search(doc.text, lo, sig.start)
    if item is None or doc.cue_index.within(item.start(), sig.start):
        return [], -1
    if _FINITE.search(doc.text, item.start(), sig.start):
        return [], -1  # "… and would remain a non-nuclear state": a clause, not an item
    text = doc.text
    # the items before, nearest first: the first whose chain reaches past its own noun
    for prev in reversed(doc.signal_index.within(c_lo, item.start())):
        if inside(prev.start, masks):
            return [], -1
        if identity(text, prev.start, c_lo):
            return [], -1  # "… is not a ceasefire, and …": no list head
        chain, _, _ = governor(doc, prev, c_lo, prev.end, masks)
        if not chain:
            return [], -1
        while (
            chain
            and not _COLON_AFTER.match(text, chain[0].end)  # "Our position is clear: A, B"
            and (nominal_before(doc, c_lo, chain[0]) or _OF_AFTER.match(text, chain[0].end))
        ):
            chain = chain[1:]  # "wants [a ban on bases] and limits on …": the ban is the item's
        if chain:
            return chain, item.start()
    return [], -1
