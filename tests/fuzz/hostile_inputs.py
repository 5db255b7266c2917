"""Seeded hostile inputs: mutated articles, random bytes, broken front matter, JSON
Lines and metadata indexes, odd file names and special files, beside good ones.

`make_corpus(folder, n, seed)` writes `n` inputs under `folder` (in subfolders of
a few files each, so metadata indexes apply) and returns what a run must store:
the names of the good files and the ids of the good JSON Lines records. Every
good text is unique (two identical texts are one article). Nothing here depends
on the machine but FIFOs, which are made only where os.mkfifo exists.
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

SPEAKERS = [
    "Medinsky",
    "Vladimir Medinsky",
    "Zelensky",
    "Peskov",
    "Mykhailo Podolyak",
    "Lavrov",
    "Kuleba",
    "a Kremlin spokesman",
    "Ukrainian officials",
    "Erdogan",
]
CUES = ["said", "told reporters", "added", "stressed", "insisted", "warned", "noted"]
CLAUSES = [
    "Russia is ready to discuss Ukraine's neutral status",
    "Kyiv wants security guarantees before any deal",
    "the talks in Istanbul were constructive",
    "Ukraine will never give up Crimea",
    "a ceasefire must come first",
    "NATO membership is off the table for now",
]
CONTROL = [
    "\x1b[31m",
    "\x1b]0;x\x07",
    "\x1b[2J",
    "\x00",
    "\x07",
    "\x08",
    "\r",
    "\x0b",
    "\x0c",
    "\x85",
    "\u2028",
    "\u2029",
    "\u202e",
    "\ufeff",
    "\ud800",
    "\udfff",
    "\U0010ffff",
    "[/]",
    "[bold]",
    "[link=http://x]",
    "=cmd|' /C calc'!A0",
    "+1",
    "@SUM(1)",
    "-1",
]


@dataclass
class Expected:
    """What a run over the corpus must store (names of articles)."""

    good: set[str] = field(default_factory=set)
    records: set[str] = field(default_factory=set)  # the good JSON Lines records (ids)
    inputs: int = 0


def good_text(rng: random.Random, tag: str) -> str:
    lines = [f"Peace talks round {tag}", ""]
    if rng.random() < 0.5:
        lines.append(f"ISTANBUL, March {rng.randint(1, 28)} (Reuters) - Delegations met again.")
    for _ in range(rng.randint(1, 6)):
        sp, cue, cl = rng.choice(SPEAKERS), rng.choice(CUES), rng.choice(CLAUSES)
        shape = rng.randrange(4)
        if shape == 0:
            lines.append(f"“{cl[0].upper() + cl[1:]},” {sp} {cue}.")
        elif shape == 1:
            lines.append(f"{sp} {cue} that {cl}.")
        elif shape == 2:
            lines.append(f'"{cl[0].upper() + cl[1:]}," {cue} {sp}, adding that talks go on.')
        else:
            lines.append(f"According to {sp}, {cl}.")
    lines.append(f"(ref {tag})")
    return "\n".join(lines) + "\n"


def mutate(rng: random.Random, data: bytes) -> bytes:
    """A few random edits: byte flips, inserted controls or junk, cuts, repeats."""
    b = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(7)
        at = rng.randrange(len(b) + 1)
        if op == 0 and b:
            b[min(at, len(b) - 1)] = rng.randrange(256)
        elif op == 1:
            b[at:at] = rng.choice(CONTROL).encode("utf-8", "surrogatepass")
        elif op == 2:
            b[at:at] = rng.randbytes(rng.randint(1, 16))
        elif op == 3:
            del b[at : at + rng.randint(1, 40)]
        elif op == 4:
            b[at:at] = rng.choice([b" ", b"\n", b".", b"!?", b"\xe2\x80\x9c", b'"'])
            b[at:at] = b[at : at + 1] * rng.randint(10, 3000)
        elif op == 5:
            b[at:at] = (rng.choice(SPEAKERS) + " said ").encode() * rng.randint(5, 200)
        else:
            b = b[:at]
    return bytes(b)


def _front_matter(rng: random.Random, body: str) -> str:
    kind = rng.randrange(9)
    if kind == 0:
        return "---\ntitle: " + "[" * rng.randint(100, 5000) + "\n---\n" + body
    if kind == 1:
        return "---\ntitle: x\n" + body  # never closed
    if kind == 2:
        lines = ["---", 'a: &a ["x","x","x","x","x","x","x","x","x"]']
        for i, name in enumerate("bcdefghi"):
            prev = "a" if i == 0 else "bcdefghi"[i - 1]
            lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
        return "\n".join([*lines, "title: *i", "---", body])
    if kind == 3:
        return (
            "---\n"
            + "".join(" " * i + "k:\n" for i in range(rng.randint(50, 1500)))
            + "---\n"
            + body
        )
    if kind == 4:
        return f"---\ntitle: {rng.choice(CONTROL)}\npublished: 2022-02-30\n---\n" + body
    if kind == 5:
        return "---\n- a\n- b\n---\n" + body
    if kind == 6:
        return "---\ntitle: {a: [1, 2]}\npublished: [2022]\n---\n" + body
    if kind == 7:
        return '---\ntitle: "\\ud800 lone"\n---\n' + body
    return "---\ntitle: ok\npublished: " + "9" * rng.randint(5, 5000) + "\n---\n" + body


def _jsonl(rng: random.Random, tag: str, expected: Expected) -> str:
    lines = []
    for k in range(rng.randint(1, 6)):
        rid = f"{tag}-r{k}"
        kind = rng.randrange(12)
        if kind < 5:
            lines.append(json.dumps({"id": rid, "text": good_text(rng, rid), "title": "T"}))
            expected.good.add(rid)
            expected.records.add(rid)
        elif kind == 5:
            lines.append('{"id": "' + rid + '", "text": "x \\ud800 y"}')
        elif kind == 6:
            lines.append(
                '{"id": "' + rid + '", "text": "peace", "n": ' + "9" * rng.randint(4301, 9000) + "}"
            )
        elif kind == 7:
            depth = rng.randint(200, 50000)
            lines.append(
                '{"id": "' + rid + '", "text": "t", "d": ' + "[" * depth + "]" * depth + "}"
            )
        elif kind == 8:
            lines.append(json.dumps({"id": rid, "text": ""}))
        elif kind == 9:
            lines.append(
                mutate(rng, json.dumps({"id": rid, "text": good_text(rng, rid)}).encode()).decode(
                    "utf-8", "replace"
                )
            )
        elif kind == 10:
            lines.append(json.dumps({"id": rid + "\ud800", "text": "t"}, ensure_ascii=True))
        else:
            lines.append(json.dumps([1, 2, 3]))
    return "\n".join(lines) + rng.choice(["\n", "", "\r\n", "\n\n\n"])


def _index(rng: random.Random, names: list[str]) -> tuple[str, str]:
    kind = rng.randrange(7)
    if kind == 0:
        return "meta.yaml", "\n".join(f"{n}:\n  outlet: Reuters" for n in names) + "\n"
    if kind == 1:
        return "meta.yaml", f"{names[0]}: just a string\n"
    if kind == 2:
        return "meta.yaml", "- file: x\n  title: [unclosed\n"
    if kind == 3:
        return "meta.csv", "file,title\n" + "".join(
            f"{n},{'T' * rng.randint(1, 200_000)}\n" for n in names
        )
    if kind == 4:
        return "meta.csv", "title\nno file column\n"
    if kind == 5:
        return (
            "meta.yaml",
            "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
            "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n",
        )
    return "meta.csv", "file,published\n" + "".join(
        f"{n},{rng.choice(['2022-03-29', 'x', '2022-13-45', ''])}\n" for n in names
    )


def make_corpus(folder: Path, n: int, seed: int, *, special: bool = True) -> Expected:
    """Write `n` inputs (about a quarter good) under `folder`; what must be stored."""
    rng = random.Random(seed)
    expected = Expected()
    made = 0
    group = 0
    while made < n:
        sub = folder / f"g{seed}_{group:05}"
        sub.mkdir(parents=True)
        names: list[str] = []
        for _ in range(min(n - made, rng.randint(1, 8))):
            made += 1
            tag = f"s{seed}n{made}"
            kind = rng.randrange(20)
            name = f"{tag}.txt"
            if kind < 5:  # good plain text, Markdown with front matter, UTF-8 BOM or UTF-16
                text = good_text(rng, tag)
                variant = rng.randrange(4)
                if variant == 1:
                    name = f"{tag}.md"
                    data = f"---\ntitle: Round {tag}\npublished: 2022-03-29\n---\n{text}".encode()
                elif variant == 2:
                    data = b"\xef\xbb\xbf" + text.encode()
                elif variant == 3:
                    data = text.encode("utf-16")
                else:
                    data = text.replace("\n", "\r\n" if rng.random() < 0.3 else "\n").encode()
                expected.good.add(name)
            elif kind < 9:
                data = mutate(rng, good_text(rng, tag).encode())
            elif kind == 9:
                data = rng.randbytes(rng.randint(0, 4000))
            elif kind == 10:
                data = _front_matter(rng, good_text(rng, tag)).encode("utf-8", "surrogatepass")
            elif kind in (11, 12):
                name = f"{tag}.jsonl"
                data = _jsonl(rng, tag, expected).encode("utf-8", "surrogatepass")
            elif kind == 13:
                data = rng.choice([b"", b"   \n\n", b"\x00" * 100, b"\xff\xfe", b"---\n---\n"])
            elif kind == 14:  # pathological shapes, small
                unit = rng.choice(
                    ["   \n", ".", "!?", "Medinsky said ", "“a,” he said. ", "Share this\n"]
                )
                data = (good_text(rng, tag) + unit * rng.randint(100, 4000)).encode()
            elif kind == 15:  # a name that is not valid UTF-8 or holds controls
                raw_name = rng.choice(
                    [b"caf\xe9", b"x\x1b[31m", b"\xff\xfe", b"new\nline", b"tab\tname"]
                )
                raw_name += f"{tag}.txt".encode()
                text = good_text(rng, tag)
                with open(os.path.join(os.fsencode(sub), raw_name), "wb") as f:
                    f.write(text.encode())
                shown = raw_name.decode("utf-8", "backslashreplace")
                expected.good.add(shown)
                names.append(shown)
                continue
            elif kind == 16 and special and hasattr(os, "mkfifo"):
                os.mkfifo(sub / name)
                continue
            elif kind == 17:
                (sub / name).mkdir()  # a directory named like an article
                continue
            elif kind == 18:
                (sub / name).symlink_to(sub / "nowhere.txt")
                continue
            else:
                rec = {"text": good_text(rng, tag), "title": rng.choice(CONTROL)}
                name = f"{tag}.jsonl"
                data = json.dumps(rec, ensure_ascii=rng.random() < 0.5).encode(
                    "utf-8", "surrogatepass"
                )
            (sub / name).write_bytes(data)
            names.append(name)
        if names and rng.random() < 0.3:
            index_name, content = _index(rng, names)
            (sub / index_name).write_text(content, encoding="utf-8")
        group += 1
    expected.inputs = made
    return expected


def json_lines_stream(folder: Path) -> tuple[bytes, set[str]]:
    """Every JSON Lines file of the corpus one after the other, as one stream for
    `talks ingest -`, and the ids of its good records. It starts with a good record:
    standard input is JSON Lines when its first line that is not blank starts with
    "{" (else it is one article), and a corpus file may begin with a broken one."""
    head = json.dumps(
        {"id": f"stdin-{folder.parent.name}", "text": good_text(random.Random(0), "h")}
    )
    files = sorted(p for p in folder.rglob("*.jsonl") if p.is_file() and not p.is_symlink())
    return b"\n".join([head.encode(), *(p.read_bytes() for p in files)]), {
        f"stdin-{folder.parent.name}"
    }


@dataclass
class Checked:
    """What a store holds against what it must: missing good articles, spans that
    do not point at their text, and how many records were checked."""

    missing: list[str] = field(default_factory=list)
    span_mismatches: list[str] = field(default_factory=list)
    records: int = 0
    articles: int = 0


def check_store(db: Path, expected: Expected, *, good: set[str] | None = None) -> Checked:
    """Every good article stored; every quote's text is its spans' text joined by a
    space, every cue its cue span, every position's evidence its span (read through
    the library, whatever the store's schema). `good`: the names that must be there
    instead of `expected.good`."""
    from talks.store import Store

    out = Checked()
    with Store(db, create=False) as store:
        articles = store.articles()
        texts = {a.id: a.text for a in articles}
        out.articles = len(articles)
        out.missing = sorted(
            (expected.good if good is None else good) - {a.article for a in articles}
        )
        for q in store.quotes():
            out.records += 1
            body = texts[q.article_id]
            if " ".join(body[s.start : s.end] for s in q.spans) != q.text:
                out.span_mismatches.append(f"quote {q.id}")
            if q.cue_span is not None and body[q.cue_span.start : q.cue_span.end] != q.cue:
                out.span_mismatches.append(f"cue of {q.id}")
        for p in store.positions():
            out.records += 1
            if texts[p.article_id][p.span.start : p.span.end] != p.evidence:
                out.span_mismatches.append(f"position {p.id}")
    return out
