"""What both PolNeAR views count: articles, named-speaker agreement and examples of
each kind of error, summed over articles (`polnear.Tally`, `polnear_indirect.IndirectTally`
add their own counts)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Self


@dataclass
class BaseTally:
    """Counts over articles, plus examples of each kind of error. Every field adds up:
    numbers are summed and example lists joined, so a subclass only declares its
    own counts."""

    articles: int = 0
    named_matched: int = 0
    named_right: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_positives: list[dict[str, Any]] = field(default_factory=list)
    wrong_speakers: list[dict[str, Any]] = field(default_factory=list)

    def add(self, other: Self) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def speaker_scores(self) -> dict[str, Any]:
        """Named-speaker accuracy: of the matched quotes whose gold speaker is a name,
        how many have the right speaker."""
        return {
            "speaker_named_matched": self.named_matched,
            "speaker_named_right": self.named_right,
            "speaker_accuracy": self.named_right / self.named_matched
            if self.named_matched
            else 0.0,
        }
