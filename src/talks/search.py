"""The `--contains` query language, translated into an SQLite FTS5 query.

A user writes words, `prefix*`, "exact phrases" and `OR`:

    guarantee                   every form of the word (guarantees, guaranteed)
    secur*                      words starting so (security, secure)
    "security guarantees"       the words in this order
    neutral OR neutrality       either; terms side by side must all match, and
                                bind tighter than OR: `a b OR c` is (a and b) or c

The index stems English words (SQLite's porter tokenizer), so a word finds its
other forms; case and accents never matter. Every word and phrase is passed to
FTS5 as a quoted string, so punctuation in a word (`slow-going`, `U.S.`, `Kremlin's`)
cannot turn into FTS5 syntax. Anything malformed is a QueryError naming the problem.
"""

from __future__ import annotations

import re

from talks.errors import QueryError

_TOKEN = re.compile(r'\s*(?:"(?P<phrase>[^"]*)"(?P<pstar>\*)?|(?P<word>[^\s"]+))')


def _quoted(words: str) -> str:
    return '"' + words.replace('"', '""') + '"'


def fts_query(query: str) -> str:
    """The FTS5 MATCH expression for a `--contains` query, or QueryError."""
    if not query.strip():
        raise QueryError("--contains: the query is empty")
    if query.count('"') % 2:
        raise QueryError(f'--contains {query!r}: a phrase is not closed (a " is missing)')
    terms: list[str] = []
    expect_term = True
    pos = 0
    while pos < len(query):
        if not query[pos:].strip():
            break
        m = _TOKEN.match(query, pos)
        assert m is not None  # every non-blank rest starts a phrase or a word
        pos = m.end()
        word, phrase = m.group("word"), m.group("phrase")
        if word == "OR":
            if expect_term:
                raise QueryError(f"--contains {query!r}: OR needs a term on each side")
            terms.append("OR")
            expect_term = True
            continue
        if phrase is not None:
            text, star = phrase, bool(m.group("pstar"))
        else:
            text, star = word.rstrip("*"), word.endswith("*")
            if "*" in text:
                raise QueryError(f"--contains {query!r}: {word!r}: * may only end a word (prefix*)")
        if not any(c.isalnum() for c in text):
            raise QueryError(f"--contains {query!r}: {m.group(0).strip()!r} holds no word")
        terms.append(_quoted(text) + ("*" if star else ""))
        expect_term = False
    if expect_term:
        raise QueryError(f"--contains {query!r}: OR needs a term on each side")
    return " ".join(terms)
