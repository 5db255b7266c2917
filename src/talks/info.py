"""What `talks info` reports: which store is in use and how it was chosen, what it
holds, and the lexicon it was built with compared with the one in use now."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from talks.pipeline import describe_lexicon
from talks.store import Store


def store_info(
    store: Store,
    *,
    chosen_by: str,
    lexicon_fp: str,
    lexicon_files: Sequence[str | Path] = (),
) -> dict[str, Any]:
    """One flat-ish record about `store` (stable field names, JSON-ready)."""
    summary = store.summary()
    built = store.get_meta("lexicon")
    current = lexicon_fp
    by_lexicon: dict[str | None, int] = summary["articles_by_lexicon"]
    other = sum(n for fp, n in by_lexicon.items() if fp != current)
    return {
        "store": str(store.path),
        "chosen_by": chosen_by,
        "size_bytes": store.path.stat().st_size if store.path.is_file() else 0,
        "schema": summary["schema"],
        **store.counts(),
        "speakers": len(store.speaker_names()),
        "first_published": summary["first_published"],
        "last_published": summary["last_published"],
        "last_ingest": summary["last_ingest"],
        "lexicon": built,
        "lexicon_files": store.get_meta("lexicon_files"),
        "lexicon_now": current,
        "lexicon_now_files": describe_lexicon(lexicon_files),
        "lexicon_differs": built is not None and built != current,
        "articles_other_lexicon": other,
    }
