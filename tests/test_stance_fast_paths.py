"""The position stage's short cuts against the plain readings they replace, on random
input: range look-ups over hits and spans, the judging-verb pre-test, the chain of cues
(`governor._chain`, `_linked`), and the "of" agent phrase read only where one stands."""

from __future__ import annotations

import itertools
import random
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from talks.extract import extract, phrases, positions, record_id
from talks.extract import governor as g
from talks.extract import stance_shapes as shapes
from talks.extract.actors import Mention
from talks.extract.dispatch import Hit
from talks.extract.phrases import PhraseReader
from talks.extract.ranges import Intervals, Ordered
from talks.extract.regex_shapes import folded
from talks.extract.stance import Doc
from talks.extract.stance_shapes import PARTICIPIAL, agents_after, of_after, participials
from talks.extract.tokens import Tokens, vocab_for
from talks.extract.topic_lexicon import compiled, scan_all
from talks.ingest import load_path
from talks.lexicon import shipped
from talks.models import Article, Position, Span

_SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"

# letters whose case folding is special: ı İ ſ K (Kelvin) ß
_ODD = ["ı", "İ", "ſ", "\u212a", "ß", "é", "É"]
_WORDS = [
    *"called Called CALLS describe deemed viewed regarding sees saw termed labelled".split(),
    *"branded considers find found recall view-point ſees caſe ıt İt KALL".split(),
    *"ready to declare demands that Kyiv renounce membership in NATO and or but".split(),
    *"formal international recognition of its the a firmly Russia's own plan".split(),
    *"would never recognise not give up ready, said; in return for exchange".split(),
    *"that he recognizes Crimea bid part parts guarantees written firm".split(),
]


def _text(rng: random.Random, n: int) -> str:
    seps = [" ", " ", "  ", ", ", "; ", ": ", "\n", "-", " and ", " that "]
    words = [rng.choice(_WORDS) if rng.random() < 0.9 else rng.choice(_ODD) for _ in range(n)]
    return "".join(w + rng.choice(seps) for w in words)


def _hits(rng: random.Random, n: int, size: int, ordered: bool) -> list[Hit]:
    hits = []
    for _ in range(n):
        a = rng.randrange(size)
        hits.append(Hit(a, a + rng.randint(0, 12), rng.randrange(5)))
    if ordered:
        hits.sort(key=lambda h: h.start)
    return hits


def test_ordered_look_ups_answer_as_scans() -> None:
    rng = random.Random(5)
    for trial in range(3000):
        hits = _hits(rng, rng.randint(0, 12), 60, ordered=trial % 4 != 0)
        index = Ordered(hits)
        assert index.ordered == all(a.start <= b.start for a, b in itertools.pairwise(hits))
        for _ in range(8):
            lo, hi = rng.randint(-2, 75), rng.randint(-2, 75)
            assert index.within(lo, hi) == [h for h in hits if lo <= h.start and h.end <= hi]
            assert index.starting(lo, hi) == [h for h in hits if lo <= h.start < hi]


def test_intervals_answer_as_scans() -> None:
    rng = random.Random(6)
    for _ in range(3000):
        spans = [(a, a + rng.randint(0, 9)) for a in rng.choices(range(50), k=rng.randint(0, 8))]
        iv = Intervals(spans)
        for _ in range(8):
            pos, lo, hi = rng.randint(-2, 62), rng.randint(-2, 62), rng.randint(-2, 62)
            assert iv.covers(pos) == any(a <= pos < b for a, b in spans)
            assert iv.overlaps(lo, hi) == any(a < hi and lo < b for a, b in spans)


_OLD_JUDGE_WORDS = (
    "call", "describ", "deem", "view", "regard", "sees", "saw", "term", "label", "brand",
    "consider", "find", "found",
)  # fmt: skip


def test_judging_verb_pre_test_never_skips_a_match() -> None:
    rng = random.Random(7)
    views = 0
    for _ in range(1500):
        text = _text(rng, rng.randint(1, 12))
        view = folded(text, text.lower())
        for _ in range(6):
            lo = rng.randint(0, len(text))
            hi = rng.randint(lo, len(text))
            before = text[lo:hi].lower()
            old_skips = before.isascii() and not any(w in before for w in _OLD_JUDGE_WORDS)
            assert (g._JUDGE_STEMS.search(before) is None) == (
                not any(w in before for w in _OLD_JUDGE_WORDS)
            )
            if view is not None:
                views += 1
                new_skips = g._JUDGE_STEMS.search(view, lo, hi) is None
                assert not new_skips or g._JUDGE.search(text, lo, hi) is None
                assert not old_skips or new_skips  # (what the old test skipped, this does)
            if old_skips:
                assert g._JUDGE.search(text, lo, hi) is None
    assert views > 1000


def _old_linked(text: str, lo: int, hi: int) -> bool:
    if any(c in text[lo:hi] for c in ",;:"):
        return False
    words = g.TOKEN.findall(text, lo, hi)
    if len(words) > g._MAX_LINK_TOKENS:
        return False
    return all(
        w.lower() in g._LINK_WORDS or w[:1].isupper() or w.endswith(g._LINK_ENDINGS) for w in words
    )


def _old_chain(text: str, pre: list[Hit], nearest: Hit) -> list[Hit]:
    chain = [nearest]
    cur = nearest
    while not g.RESET.match(text, cur.start):
        earlier = [c for c in pre if c.end <= cur.start]
        if not earlier:
            break
        prev = earlier[-1]
        if _old_linked(text, prev.end, cur.start):
            chain.append(prev)
            cur = prev
            continue
        if g._AND_BEFORE.search(text, max(prev.end, cur.start - 8), cur.start):
            if (
                g._GOVERNS.search(text, prev.start, prev.end)
                or g._TO_AFTER.match(text, prev.end)
                or g._NEGATED_MODAL_CUE.match(text, prev.start)
            ):
                chain.append(prev)
                cur = prev
                continue
            shared = _old_chain(text, pre, prev)[1:]
            if g._NEGATED_MODAL_CUE.match(text, cur.start):
                shared = [c for c in shared if not g._NEGATED_MODAL_CUE.match(text, c.start)]
            chain += shared
            break
        if g._SIBLING_THAT.search(text, max(prev.end, cur.start - 60), cur.start):
            gov = [c for c in earlier if g._THAT_AFTER.match(text, c.end)]
            if gov:
                chain.append(gov[-1])
                cur = gov[-1]
                continue
        break
    return chain


def test_chain_of_cues_as_the_plain_walk() -> None:
    rng = random.Random(8)
    longer = 0
    for _ in range(3000):
        text = _text(rng, rng.randint(2, 16))
        words = [m.span() for m in re.finditer(r"\S+", text)]
        for lo in range(0, len(text), 7):
            for hi in range(lo, min(len(text), lo + 40) + 1, 5):
                assert g._linked(text, lo, hi) == _old_linked(text, lo, hi)
        picks = sorted(rng.sample(words, rng.randint(1, len(words))))
        # cues as the index gives them: in start order, some spanning two words
        pre = [Hit(a, b if rng.random() < 0.8 else b + rng.randint(0, 6), 0) for a, b in picks]
        for nearest in pre:
            got = g._chain(text, pre, nearest)
            assert got == _old_chain(text, pre, nearest)
            longer += len(got) > 1
    assert longer > 100


def _doc(text: str) -> Doc:
    lex = shipped()
    comp = compiled(lex)
    return Doc(Article(id="a", article="a", path="a", text=text), [], comp, comp.party_names)


def test_of_phrase_is_read_only_where_it_stands() -> None:
    rng = random.Random(9)
    pieces = [
        "a key demand of Helsinki",
        "the offer by Warsaw and Tallinn",
        "a proposal from the Kremlin",
        "the call of the United States",
        "Russia's demand of",
        "a plan of Kyiv, Warsaw and Berlin",
        "rejected a ceasefire",
        "an offer  of  NATO",
    ]
    for _ in range(200):
        text = ". ".join(rng.choice(pieces) for _ in range(4)) + "."
        doc = _doc(text)
        for pos in range(len(text) + 1):
            for nominal in (False, True):
                want = agents_after(doc, pos, of=nominal)
                assert agents_after(doc, pos, of=of_after(text, pos) and nominal) == want


def test_position_records_as_model_init(monkeypatch: pytest.MonkeyPatch) -> None:
    """Records made by the models' validators equal `Model(**fields)`, with the ids of
    the parts, on the seed articles."""
    lex = shipped()
    arts = [a for p in sorted(_SEEDS.iterdir()) for a in load_path(p, lexicon=lex).all_articles()]
    fast = [extract(a, lexicon=lex)[1] for a in arts]
    monkeypatch.setattr(positions, "_new_span", lambda d: Span(**d))
    monkeypatch.setattr(positions, "_new_position", lambda d: Position(**d))
    plain = [extract(a, lexicon=lex)[1] for a in arts]
    assert sum(map(len, fast)) > 20
    for got, want in zip(fast, plain, strict=True):
        assert got == want
        for p, r in zip(got, want, strict=True):
            assert p.model_fields_set == r.model_fields_set
            assert p.span.model_fields_set == {"start", "end"}
            assert p.model_dump_json() == r.model_dump_json()
            parts = (p.article_id, p.actor, p.topic, p.stance, p.span.start, p.span.end)
            assert p.id == record_id("p", *parts)


_QUOTE_WORDS = [
    *"security guarantees of for that to Ukraine’s a ceasefire truce NATO membership".split(),
    *"permanently militarily neutral state non-nuclear status demilitarisation zones".split(),
    *"withdrawal withdraw pull of troops from the occupied territories regions Russian".split(),
    *"sanctions lifted relief Crimea is Russian Ukrainian with per percent demand".split(),
    *"join the EU Swiss model non-aligned cease-fire Armistice GUARANTEES İt ıs ſo".split(),
    "\u212a",
    "ß",
    "é",
    "-",
    "_",
]


def _quote_text(rng: random.Random, n: int) -> str:
    seps = [" ", " ", " ", "  ", ", ", ". ", "“", "”", '"', "\n", "-", "", "; "]
    return "".join(rng.choice(_QUOTE_WORDS) + rng.choice(seps) for _ in range(n))


def test_quote_topics_as_a_scan_of_the_quote() -> None:
    """`QuoteTopics.of` gives `topics_in` of the quote's words, for quotes of one span
    and of several, anywhere in random text."""
    lex = shipped()
    comp = compiled(lex)
    rng = random.Random(11)
    found = 0
    for _ in range(400):
        text = _quote_text(rng, rng.randint(3, 30))
        if rng.random() < 0.3:
            text += "guarantees of Ukraine; withdrawal of troops from the territories of Ukraine"
        topics = positions.QuoteTopics(text, scan_all(comp, text)[0], lexicon=lex)
        for _ in range(20):
            # (cut mostly at word edges: quotes stand apart from the words around them)
            edges = [0, len(text)] + [m.start() for m in re.finditer(r"\b", text)]
            points = edges if rng.random() < 0.8 else range(len(text) + 1)
            cuts = sorted(rng.sample(list(set(points)), 2 * rng.choice([1, 1, 1, 2])))
            spans = [(cuts[k], cuts[k + 1]) for k in range(0, len(cuts), 2)]
            spans = [(a, b) for a, b in spans if a < b] or [(0, len(text))]
            words = " ".join(text[a:b] for a, b in spans)
            want = positions.topics_in(words, lexicon=lex)
            assert topics.of(words, spans) == want, (text, spans)
            found += bool(want)
    assert found > 500


def test_wordish_as_the_pattern() -> None:
    pattern = re.compile(r"[\w-]")
    for code in range(0x110000):
        c = chr(code)
        assert positions._wordish(c) == (pattern.match(c) is not None), hex(code)


def test_topic_order_as_the_lexicon_gives_it() -> None:
    comp = compiled(shipped())
    reading = positions._reading(comp)
    rng = random.Random(12)
    n = len(comp.signal_info)
    for _ in range(3000):
        hits = [Hit(0, 1, rng.randrange(n)) for _ in range(rng.randint(1, 6))]
        found = {comp.signal_info[h.index].topic for h in hits}
        want = tuple(k for k in comp.topic_keys if k in found)
        assert reading.topics(comp, hits) == want


def _old_masks(text: str, lo: int, hi: int) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    masks: list[tuple[int, int]] = []
    if text.find("(", lo, hi) >= 0:
        masks += [(m.start(), m.end()) for m in positions._PAREN.finditer(text, lo, hi)]
    if text.find("–", lo, hi) >= 0 or text.find("—", lo, hi) >= 0:
        masks += [(m.start() + 1, m.end() - 1) for m in positions._DASHES.finditer(text, lo, hi)]
    apps: list[re.Match[str]] = []
    if text.find(",", lo, hi) >= 0:
        apps = list(positions.APPOSITIVE.finditer(text, lo, hi))
        masks += [(m.start(), m.end()) for m in apps]
        masks += [(m.start(), m.end()) for m in positions.PARTICIPIAL.finditer(text, lo, hi)]
        masks += [(m.start(), m.end()) for m in positions._WITH_PHRASE.finditer(text, lo, hi)]
    return masks, [m.span() for m in apps]


def test_masks_as_every_shape_searched() -> None:
    rng = random.Random(14)
    pieces = [
        *"Kyiv, backed by Warsaw, wants a truce ( talks ) – an aside – — and —".split(" "),
        *"something that which with together along a step move demand , ,, by".split(),
        *"bywith thatwhich ſomething İt ıs \u212a ß proposed strongly also long".split(),
        ", backed by Warsaw,",
        ", something that Kyiv accepted,",
        ", a step which helps,",
        ", together with its partners,",
        "(in talks)",
        " – an aside – ",
    ]
    seen = 0
    for _ in range(4000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 25)))
        lo = rng.randint(0, len(text))
        hi = rng.randint(lo, len(text))
        masks, apps = positions._masks(text, lo, hi)
        assert (masks, [m.span() for m in apps]) == _old_masks(text, lo, hi)
        seen += bool(masks)
    assert seen > 500


def _old_item_head(text: str, cue: Hit, sig: Hit, c_lo: int) -> bool:
    lead = text[max(c_lo, cue.start - 3) : cue.start]
    if not lead.rstrip().endswith(",") and not g._DETERMINED_ITEM.search(
        text, max(c_lo, cue.start - 12), cue.start
    ):
        return False
    return g._ITEM_START.search(text, cue.end, sig.start) is not None


def _old_participials(doc: Doc, lo: int, hi: int) -> list[tuple[int, int, int, list[Mention]]]:
    out: list[tuple[int, int, int, list[Mention]]] = []
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


def test_clause_helpers_as_the_plain_readings() -> None:
    """`_item_head` (a comma looked for first), `participials` ("by" looked for first)
    and the negation count (`Doc.negations_in`) answer as before."""
    rng = random.Random(15)
    pieces = [
        "Kyiv demands a ceasefire, the withdrawal of troops and guarantees",
        "Helsinki, backed by Warsaw, wants a truce, supported by Tallinn,",
        "Moscow did not reject, and never rejected, a ceasefire",
        "a ban, an end to sanctions and or the lifting of sanctions",
        ", and the",
        "not",
        "never",
        "ſ ı İ \u212a ß",
        "(no truce)",
    ]
    counted = heads = held = 0
    for _ in range(300):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
        doc = _doc(text)
        spots = [m.start() for m in re.finditer(r"\b", text)] + [len(text)]
        for _ in range(30):
            a, b = sorted(rng.sample(spots, 2))
            masks = [tuple(sorted(rng.sample(spots, 2))) for _ in range(rng.randint(0, 2))]
            want = sum(
                1
                for h in doc.negation_index.within(a, b)
                if not any(lo <= h.start < hi for lo, hi in masks)
            )
            assert doc.negations_in(a, b, masks) == want
            counted += want > 0
            co = participials(doc, a, b)
            assert co == _old_participials(doc, a, b)
            held += bool(co)
            c_lo = rng.choice([0, a])
            cue, sig = Hit(a, min(b, a + rng.randint(0, 12)), 0), Hit(b, b + 1, 0)
            got = g._item_head(text, cue, sig, c_lo)
            assert got == _old_item_head(text, cue, sig, c_lo)
            heads += got
    assert counted > 100 and heads > 50 and held > 20


def _old_lists(w: dict) -> tuple[set, dict]:  # type: ignore[type-arg]
    asides = {tuple(a.split()) for a in w.get("subject_asides", ())}
    set_phrases: dict[str, list[tuple[str, ...]]] = {}
    for line in w.get("role_equivalents", ()):
        words = tuple(line.split("=", 1)[0].split())
        if len(words) > 1:
            set_phrases.setdefault(words[-1], []).append(words)
    return asides, set_phrases


def test_phrase_lists_once_per_vocabulary() -> None:
    vocab = vocab_for(shipped())
    reader = PhraseReader(Tokens("Kyiv, for its part, said so.", vocab))
    assert (reader.asides, reader.set_phrases) == _old_lists(vocab.words)
    assert reader.asides and reader.set_phrases
    again = PhraseReader(Tokens("The head of state said.", vocab))
    assert again.asides is reader.asides and again.set_phrases is reader.set_phrases
    rng = random.Random(16)
    for _ in range(200):
        words = {
            "subject_asides": [" ".join(rng.sample(["for", "his", "part", "in", "turn"], 2))],
            "role_equivalents": [
                f"{rng.choice(['head of state', 'head', 'chief of staff'])} = president"
                for _ in range(rng.randint(0, 3))
            ],
        }
        stub = SimpleNamespace(words=words)
        got = phrases._phrase_lists(stub)  # type: ignore[arg-type]
        assert got == _old_lists(words)


def test_modifier_or_settled_in_one_match() -> None:
    rng = random.Random(17)
    pieces = [
        *"talks Talks TALKS negotiations round-robin -format lines deadline ſchedule".split(),
        *"should be settled later discussed Discussed is was to being jointly".split(),
        "ı İ \u212a ß",
        "-",
        " ",
    ]
    hits = 0
    for _ in range(3000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
        for pos in range(len(text) + 1):
            want = shapes.modifier(text, pos) or shapes.settled_later(text, pos)
            assert shapes.modifier_or_settled(text, pos) == want
            hits += want
    assert hits > 1000


def test_governor_reads_the_plain_twin_as_doc_search() -> None:
    """The cues before a signal and the chain `governor` gives, on sentences that hold
    demonstratives and judging verbs, with text the folded view cannot stand for."""
    pieces = [
        "Kyiv called this demand to withdraw from Donbas unacceptable",
        "Moscow rejected that proposal for a ceasefire",
        "Russia views NATO expansion as a threat",
        "such a ceasefire would be welcome, Kyiv said",
        "Warsaw supports a truce",
    ]
    rng = random.Random(18)
    lex = shipped()
    comp = compiled(lex)
    for _ in range(150):
        text = ". ".join(rng.choice(pieces) for _ in range(3)) + "."
        if rng.random() < 0.5:
            text = "İ " + text  # (lowering changes the length: no folded view)
        doc = _doc(text)
        plain = Doc(Article(id="a", article="a", path="a", text=text), [], comp, comp.party_names)
        plain.view = None
        for sig in doc.signals:
            c_lo, c_hi = doc.clause_of(sig.start, 0, len(text))
            assert g.governor(doc, sig, c_lo, c_hi, ()) == g.governor(plain, sig, c_lo, c_hi, ())
