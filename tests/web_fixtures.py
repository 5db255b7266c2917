"""Test inputs made in code: news texts, saved web pages and web archives (warcio
writes them), so no test needs the network or a stored crawl."""

from __future__ import annotations

import io
import json
from pathlib import Path

SPEAKERS = [
    ("Vladimir Medinsky", "Medinsky"),
    ("Mykhailo Podolyak", "Podolyak"),
    ("Dmitry Peskov", "Peskov"),
    ("Dmytro Kuleba", "Kuleba"),
    ("Sergei Lavrov", "Lavrov"),
]
QUOTES = [
    "We are ready to discuss a neutral status, but only with real security guarantees",
    "There can be no talk of any concessions on our territory",
    "The positions during the negotiations already sound more realistic",
    "A meeting of the presidents is possible once a draft treaty is ready",
    "Sanctions must stay in place until the last soldier has left our land",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def news_text(n: int) -> str:
    """A short, unique news article about the talks (n picks speakers, quotes, day)."""
    (s1, last1), (s2, _) = SPEAKERS[n % 5], SPEAKERS[(n + 2) % 5]
    q1, q2 = QUOTES[n % 5], QUOTES[(n + 3) % 5]
    return (
        f"Russia and Ukraine hold round {n} of peace talks\n\n"
        f"ISTANBUL, March {n % 28 + 1}, 2022 (Reuters) - Russian and Ukrainian negotiators met on "
        f"{DAYS[n % 5]} for round {n} of talks on a ceasefire.\n\n"
        f"“{q1},” {s1} told reporters after the session.\n\n"
        f"{s2} said the delegations had exchanged drafts on humanitarian issues, and "
        f"{last1} added that the next round could take place within {n % 9 + 2} days.\n\n"
        f"Ukraine insists on the restoration of its internationally recognised borders. "
        f"“{q2},” {last1} said.\n"
    )


OFF_TOPIC = (
    "Council approves new bus lanes\n\n"
    "The city council voted on Tuesday to add bus lanes on three avenues and to raise "
    "parking fees in the centre. “This will make the morning commute shorter,” the "
    "transport councillor said. Shop owners worry about deliveries.\n"
)


def page(
    text: str,
    *,
    title: str | None = None,
    date: str | None = "2022-03-29",
    site: str = "The Daily Planet",
    canonical: str | None = "https://daily.example/world/talks.html",
) -> str:
    """A saved news page: the article among menus, share bars and a footer."""
    lines = text.strip().split("\n\n")
    head_title = title or lines[0]
    paras = "\n".join(f"<p>{p}</p>" for p in lines[1:])
    meta = [
        f"<title>{head_title} | {site}</title>",
        f'<meta property="og:site_name" content="{site}">',
    ]
    if canonical:
        meta.append(f'<link rel="canonical" href="{canonical}">')
    if date:
        meta.append(f'<meta property="article:published_time" content="{date}T08:00:00Z">')
    return (
        "<!doctype html><html><head><meta charset='utf-8'>" + "".join(meta) + "</head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav>"
        "<div class='share'>Share on Facebook Share on X</div>"
        f"<article><h1>{lines[0]}</h1>{paras}</article>"
        "<footer><p>© 2022 The Daily Planet. All rights reserved.</p>"
        "<p>Subscribe to our newsletter for the latest headlines every morning.</p></footer>"
        "</body></html>"
    )


def warc(
    path: Path,
    pages: list[tuple[str, str]],
    *,
    gzip: bool = True,
    extra: bool = True,
    when: str = "2022-03-30T12:00:00Z",
) -> list[int]:
    """Write a web archive of (url, html) response records, plus (with `extra`) the
    records a crawl also holds: a request, an image and a JSON response. Returns
    the byte offsets of the page records."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    offsets = []

    def response(url: str, body: bytes, ctype: str) -> None:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": when},
        )
        writer.write_record(record)

    if extra:
        request = writer.create_warc_record(
            "https://daily.example/", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
        )
        writer.write_record(request)
        response("https://daily.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
    for i, (url, html) in enumerate(pages):
        offsets.append(buf.tell())
        response(url, html.encode("utf-8"), "text/html; charset=utf-8")
        if extra and i == 0:
            response("https://daily.example/api", json.dumps({"a": 1}).encode(), "application/json")
    path.write_bytes(buf.getvalue())
    return offsets
