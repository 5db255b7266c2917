"""Range look-ups over sorted offsets: lexicon hits by position, and (start, end)
pairs tested for overlap, in log time instead of a scan per question."""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from operator import itemgetter

from talks.extract.dispatch import Hit

Spans = Sequence[tuple[int, int]]


def hits_in(hits: Sequence[Hit], lo: int, hi: int) -> list[Hit]:
    return [h for h in hits if lo <= h.start and h.end <= hi]


class Ordered:
    """Hits in text order (as the scanner gives them), looked up by range in log time."""

    __slots__ = ("hits", "ordered", "starts")

    def __init__(self, hits: list[Hit]) -> None:
        self.hits = hits
        self.starts = starts = [h.start for h in hits]
        self.ordered = starts == sorted(starts)

    def within(self, lo: int, hi: int) -> list[Hit]:
        """`hits_in(hits, lo, hi)`: the hits inside [lo, hi), in order."""
        if not self.ordered:
            return hits_in(self.hits, lo, hi)
        starts = self.starts
        a = bisect_left(starts, lo)
        b = bisect_right(starts, hi, a)
        if a == b:
            return []  # (most questions: no hit there)
        if b - a == 1:
            h = self.hits[a]
            return [h] if h.end <= hi else []
        return [h for h in self.hits[a:b] if h.end <= hi]

    def starting(self, lo: int, hi: int) -> list[Hit]:
        """The hits that start in [lo, hi), in order."""
        if not self.ordered:
            return [h for h in self.hits if lo <= h.start < hi]
        starts = self.starts
        a = bisect_left(starts, lo)
        return self.hits[a : bisect_left(starts, hi, a)]


class Intervals:
    """(start, end) pairs, tested for overlap and containment in log time."""

    __slots__ = ("reach", "starts")

    def __init__(self, spans: Spans) -> None:
        pairs = sorted(spans)
        self.starts = list(map(itemgetter(0), pairs))
        self.reach = list(itertools.accumulate(map(itemgetter(1), pairs), max))  # max end so far

    def covers(self, pos: int) -> bool:
        """Some a <= pos < b."""
        i = bisect_right(self.starts, pos)
        return i > 0 and self.reach[i - 1] > pos

    def overlaps(self, lo: int, hi: int) -> bool:
        """Some a < hi and lo < b."""
        i = bisect_left(self.starts, hi)
        return i > 0 and self.reach[i - 1] > lo
