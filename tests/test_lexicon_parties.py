"""Every shipped party (the country gazetteer) and speaker entry is well formed."""

from __future__ import annotations

import pytest

from talks import lexicon as lx
from talks.extract.speakers import fold

LEX = lx.shipped()
PARTIES = LEX.parties


@pytest.mark.parametrize("party", PARTIES, ids=lambda p: p.name)
def test_every_party_names_itself(party: lx.Party) -> None:
    assert party.name.strip() == party.name
    assert party.name in party.names
    assert all(w.strip() == w and w for w in (*party.names, *party.adjectives))


def test_no_word_stands_for_two_parties() -> None:
    owner: dict[str, str] = {}
    for party in PARTIES:
        for word in {fold(w) for w in (*party.names, *party.adjectives)}:
            assert owner.setdefault(word, party.name) == party.name, (word, owner[word], party.name)


def test_party_names_are_unique() -> None:
    names = [fold(p.name) for p in PARTIES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("entry", LEX.speakers, ids=lambda e: e.name)
def test_every_speaker_has_a_known_side_and_ordered_role_dates(entry: lx.SpeakerEntry) -> None:
    assert entry.side in {p.name for p in PARTIES} | {"none"}
    for role in entry.roles:
        assert role.title.strip()
        if role.since is not None and role.until is not None:
            assert role.since <= role.until, role
