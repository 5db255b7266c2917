"""How fast `talks` extracts, ingests and answers queries, on one core.

    python bench/speed.py [--n 10000] [--seed 7] [--ingest] [--json] [--texts DIR]

Generates a deterministic corpus of synthetic but realistic news articles
(2-6 KB each: headline, optional dateline, narration paragraphs, direct quotes
in several styles and mark types, quotes broken by their attribution, partial
quotes, indirect speech, stance sentences on the negotiation topics; speakers
from the shipped lexicon mixed with invented names and group speakers), then
times `talks.extract.extract` over all of it: articles/s, MB/s, peak memory
(max RSS). With `--ingest` it also writes the corpus to a temporary directory,
times a full ingest into a temporary store (articles/s), and times the
store's speaker and topic queries (ms). Target: >= 200 articles/s extraction.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from talks.extract import extract
from talks.ingest import article_id
from talks.lexicon import Lexicon, shipped
from talks.models import Article

# --- the corpus ------------------------------------------------------------------------

FIRST = "Anna Oleksandr Maria Pavel Iryna Sergei Olga Mykola Elena Andriy Tatiana Viktor".split()
LAST = """Kovalenko Petrov Shevchuk Ivanova Bondarenko Sokolov Melnyk Volkova Tkachenko Orlov
Horbunova Lebedev Kravchuk Morozova Savchenko Zaitsev""".split()
ANALYST_ROLES = [
    "an analyst at the Carnegie Endowment",
    "a political scientist in Kyiv",
    "a former diplomat",
    "a researcher at Chatham House",
    "a professor of international relations",
]
GROUPS = [
    "Western officials",
    "Ukrainian officials",
    "a Kremlin representative",
    "the Russian delegation",
    "a source in the Ukrainian team",
    "European diplomats",
    "the Russian Foreign Ministry",
]
SAY = ["said", "told reporters", "said on Tuesday", "added", "noted", "stressed", "told Reuters"]
INDIRECT = ["said", "told reporters", "stressed", "insisted", "argued", "warned", "claimed"]
QUOTES = [
    "The talks are hard and slow-going, but we want to achieve peace as soon as possible",
    "We are ready to discuss a neutral status, but only with real security guarantees",
    "There can be no talk of any concessions on our territory",
    "The positions during the negotiations already sound more realistic",
    "This is a variant that is currently being discussed and could be seen as a compromise",
    "We will not accept any ultimatums, and our partners know that very well",
    "A meeting of the leaders would only be possible once a draft treaty is ready",
    "Sanctions must stay in place until the last soldier has left our land",
    "Nobody should expect a breakthrough this week, the gaps are still wide",
    "Our delegation came here to work, not to listen to speeches",
    "The ceasefire must be verifiable, otherwise it is just a pause before the next attack",
    "We have handed over our memorandum and we are waiting for an answer",
]
FRAGMENTS = [
    "a just and lasting peace",
    "real security guarantees that will work",
    "constructive but difficult",
    "a step in the right direction",
    "no more than theatre",
]
CLAUSES = [
    "the negotiations would continue on Wednesday by video link",
    "Moscow was not ready to give up its demands on Crimea",
    "Kyiv would never agree to recognise the occupied territories",
    "a ceasefire could be agreed within weeks if both sides showed goodwill",
    "the sides had exchanged draft documents on humanitarian issues",
    "the leaders could meet once the treaty was drafted",
]
STANCES = [
    "{p} demands that Ukraine renounce its bid to join NATO.",
    "{p} insists on the restoration of Ukraine's internationally recognised borders.",
    "{p} has said it is ready to accept a neutral status in exchange for guarantees.",
    "{p} rejects any deployment of foreign troops on Ukrainian soil.",
    "{p} wants sanctions to remain in place until a settlement is reached.",
    "{p} is ready for a direct meeting between the presidents.",
]
NARRATION = [
    "The delegations met for three hours in the Dolmabahce palace on {day}.",
    "Fighting continued in the east of the country while the talks went on.",
    "The previous round ended without a joint statement, and both sides blamed each other.",
    "Humanitarian corridors remained the most concrete result of the talks so far.",
    "Diplomats said the next round could take place in Istanbul or Geneva.",
    "The war has displaced millions of people and destroyed whole cities in the south.",
    "Markets reacted cautiously to the news, with the rouble little changed.",
    "Negotiators have been exchanging drafts on prisoner swaps and the return of children.",
    "The document runs to several pages and lists conditions for a lasting settlement.",
    "Officials on both sides have repeatedly played down expectations for a breakthrough.",
    "On March 29, 2022, the sides met in Istanbul for the first face-to-face round in weeks.",
    "More than 3.5 million people have fled the country since February 24, the UN said.",
    "The proposals include a 15-point plan under which Kyiv would declare neutrality.",
    "Zaporizhzhia, Kherson and Mariupol have seen some of the heaviest shelling.",
    "The Kremlin gave no timetable for the next meeting, and Kyiv did not comment.",
    "Both delegations left the venue without speaking to the press late in the evening.",
]
DEBRIS = ["Read more:", "Share this article", "Advertisement", "Sign up for our newsletter"]
OUTLETS = ["Reuters", "AFP", "Interfax", "TASS", "the BBC", "Ukrainska Pravda"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MARKS = [("“", "”"), ('"', '"'), ("«", "»")]


class Corpus:
    """A deterministic article generator over the lexicon's speakers and parties."""

    def __init__(self, lexicon: Lexicon, seed: int) -> None:
        self.rng = random.Random(seed)
        self.known = [s.name for s in lexicon.speakers if s.kind == "person"] or ["Sergei Lavrov"]
        self.parties = [p.name for p in lexicon.parties][:8] or ["Russia", "Ukraine"]

    def speaker(self) -> tuple[str, str]:
        """(first mention, later mention) of a speaker."""
        r = self.rng
        roll = r.random()
        if roll < 0.55:
            name = r.choice(self.known)
            return name, name.split()[-1]
        if roll < 0.8:
            name = f"{r.choice(FIRST)} {r.choice(LAST)}"
            return f"{name}, {r.choice(ANALYST_ROLES)},", name.split()[-1]
        group = r.choice(GROUPS)
        return group[0].upper() + group[1:], "they"

    def quote_paragraph(self) -> str:
        r = self.rng
        first, later = self.speaker()
        o, c = r.choice(MARKS)
        q1, q2 = r.sample(QUOTES, 2)
        return r.choice(
            [
                f"{o}{q1},{c} {first} {r.choice(SAY)}.",
                f"{first} {r.choice(SAY)}: {o}{q1}.{c}",
                f"{o}{q1},{c} {later} said, {o}{q2[0].lower() + q2[1:]}.{c}",
                f"{o}{q1},{c} {first} told {r.choice(OUTLETS)}. {o}{q2}.{c}",
                f"{first} described the talks as {o}{r.choice(FRAGMENTS)}{c}, adding that "
                f"{r.choice(CLAUSES)}.",
                f"According to {first} {o}{q1}{c}.",
                f"{first} {r.choice(INDIRECT)} that {r.choice(CLAUSES)}. "
                f"{o}{q2},{c} {later} added.",
                f"{first} {r.choice(INDIRECT)} {r.choice(CLAUSES)}, {r.choice(OUTLETS)} "
                f"reported, citing {r.choice(GROUPS).removeprefix('the ')}.",
            ]
        )

    def narration(self) -> str:
        r = self.rng
        sents = r.sample(NARRATION, r.randint(2, 4))
        if r.random() < 0.5:
            sents.append(r.choice(STANCES).format(p=r.choice(self.parties)))
        return " ".join(sents).format(day=r.choice(DAYS))

    def article(self, n: int) -> str:
        r = self.rng
        a, b = r.sample(self.parties, 2)
        parts = [f"{a} and {b} resume talks as pressure for a ceasefire grows", ""]
        if r.random() < 0.4:
            parts.append(f"ISTANBUL, March {r.randint(1, 31)} ({r.choice(OUTLETS)}) -")
        target = r.randint(2000, 6000)
        size = sum(len(p) + 1 for p in parts)
        while size < target:
            roll = r.random()
            if roll < 0.03:
                para = r.choice(DEBRIS)
            else:
                para = self.quote_paragraph() if roll < 0.55 else self.narration()
            parts.append(para)
            parts.append("")
            size += len(para) + 2
        return "\n".join(parts).rstrip() + "\n"


def corpus(n: int, *, seed: int, lexicon: Lexicon) -> list[str]:
    """`n` article texts; the same `n` and `seed` give the same texts."""
    gen = Corpus(lexicon, seed)
    return [gen.article(i) for i in range(n)]


# --- measurements ------------------------------------------------------------------------


def _max_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 / (1024 if sys.platform == "darwin" else 1)


def measure_extract(texts: Sequence[str], *, lexicon: Lexicon) -> dict[str, Any]:
    """Time `extract` over the texts (Articles built beforehand, not timed)."""
    articles = [
        Article(id=article_id(t), article=f"{i:05d}.txt", path=f"{i:05d}.txt", text=t)
        for i, t in enumerate(texts)
    ]
    extract(articles[0], lexicon=lexicon)  # warm the per-lexicon caches
    quotes = positions = 0
    start = time.perf_counter()
    for art in articles:
        q, p = extract(art, lexicon=lexicon)
        quotes += len(q)
        positions += len(p)
    seconds = time.perf_counter() - start
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    return {
        "articles": len(texts),
        "megabytes": round(mb, 2),
        "seconds": round(seconds, 3),
        "articles_per_s": round(len(texts) / seconds, 1),
        "mb_per_s": round(mb / seconds, 3),
        "quotes": quotes,
        "positions": positions,
        "max_rss_mb": round(_max_rss_mb(), 1),
    }


def _median_ms(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 2)


def measure_ingest(texts: Sequence[str], *, lexicon: Lexicon) -> dict[str, Any]:
    """Write the texts as files, time a full ingest into a temporary store, time queries."""
    from talks.pipeline import ingest_paths
    from talks.store import Store

    with tempfile.TemporaryDirectory(prefix="talks-speed-") as tmp:
        src = Path(tmp) / "articles"
        src.mkdir()
        for i, t in enumerate(texts):
            (src / f"{i:05d}.txt").write_text(t, encoding="utf-8")
        with Store(Path(tmp) / "speed.db") as store:
            start = time.perf_counter()
            summary = ingest_paths(store, [src], lexicon=lexicon)
            seconds = time.perf_counter() - start
            stats = store.speaker_stats()
            speaker = str(stats[0]["name"]) if stats else "Sergei Lavrov"
            topic = lexicon.topic_keys()[0] if lexicon.topics else "nato"
            return {
                "articles": len(texts),
                "seconds": round(seconds, 3),
                "articles_per_s": round(len(texts) / seconds, 1),
                "failed": summary.failed,
                "stored": store.counts(),
                "query_speaker": speaker,
                "query_speaker_ms": _median_ms(lambda: store.quotes(speakers=[speaker])),
                "query_speaker_rows": len(store.quotes(speakers=[speaker])),
                "query_topic": topic,
                "query_topic_ms": _median_ms(lambda: store.positions(topic=topic)),
                "query_topic_rows": len(store.positions(topic=topic)),
                "max_rss_mb": round(_max_rss_mb(), 1),
            }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="articles to generate")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--ingest", action="store_true", help="also time ingest and queries")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--dump", type=Path, help="write the corpus to this directory and stop")
    ap.add_argument(
        "--texts", type=Path, help="measure on the *.txt files of this directory instead"
    )
    args = ap.parse_args(argv)
    lexicon = shipped()
    if args.texts:
        texts = [p.read_text(encoding="utf-8") for p in sorted(args.texts.glob("*.txt"))]
        if not texts:
            print(f"{args.texts}: no *.txt files", file=sys.stderr)
            return 1
    else:
        texts = corpus(args.n, seed=args.seed, lexicon=lexicon)
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        for i, t in enumerate(texts):
            (args.dump / f"{i:05d}.txt").write_text(t, encoding="utf-8")
        return 0
    result: dict[str, Any] = {"extract": measure_extract(texts, lexicon=lexicon)}
    if args.ingest:
        result["ingest"] = measure_ingest(texts, lexicon=lexicon)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    e = result["extract"]
    print(
        f"extract  {e['articles']} articles, {e['megabytes']} MB in {e['seconds']} s: "
        f"{e['articles_per_s']} articles/s, {e['mb_per_s']} MB/s, "
        f"{e['quotes']} quotes, {e['positions']} positions, max RSS {e['max_rss_mb']} MB "
        f"(target >= 200 articles/s)"
    )
    if "ingest" in result:
        i = result["ingest"]
        print(
            f"ingest   {i['articles']} articles in {i['seconds']} s: {i['articles_per_s']} "
            f"articles/s, failed {i['failed']}, stored {i['stored']}"
        )
        print(
            f"query    quotes(speakers=[{i['query_speaker']!r}]) {i['query_speaker_ms']} ms "
            f"({i['query_speaker_rows']} rows), positions(topic={i['query_topic']!r}) "
            f"{i['query_topic_ms']} ms ({i['query_topic_rows']} rows)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
