"""The shipped speakers lexicon: it loads, every entry is well-formed, aliases are
unambiguous, and a user's file merges over it (or is rejected with `file:entry: problem`)."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from importlib import resources
from pathlib import Path

import pytest

from talks.errors import LexiconError
from talks.lexicon import Lexicon, SpeakerEntry, load, load_file, shipped

# Letters that NFKD does not decompose but that news spell without the mark.
_PLAIN = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss"})

# Aliases that would match ordinary prose or a generic role, never a named speaker.
_GENERIC = {
    "officials",
    "official",
    "the delegation",
    "delegation",
    "delegations",
    "the government",
    "government",
    "the ministry",
    "ministry",
    "the president",
    "president",
    "minister",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "sources",
    "source",
    "side",
    "the side",
    "negotiators",
    "the negotiators",
    "the source",
    "the office",
}


def fold(text: str) -> str:
    """Case- and diacritics-folded form, as a lookup would compare names."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_PLAIN))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def names_of(entry: SpeakerEntry) -> list[str]:
    return [entry.name, *entry.aliases]


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return shipped()


@pytest.fixture(scope="module")
def speakers(lex: Lexicon) -> list[SpeakerEntry]:
    return lex.speakers


@pytest.fixture(scope="module")
def by_name(speakers: list[SpeakerEntry]) -> dict[str, SpeakerEntry]:
    return {s.name: s for s in speakers}


@pytest.fixture(scope="module")
def alias_index(speakers: list[SpeakerEntry]) -> dict[str, str]:
    return {fold(a): s.name for s in speakers for a in names_of(s)}


# --- the shipped file --------------------------------------------------------


def test_speakers_file_is_shipped_and_valid_on_its_own() -> None:
    res = resources.files("talks.lexicons").joinpath("speakers.yaml")
    assert res.is_file()
    own = load_file(Path(str(res)))
    assert len(own.speakers) >= 120
    assert not own.cues and not own.topics and not own.parties  # only the speakers section


def test_shipped_lexicon_has_speakers(speakers: list[SpeakerEntry]) -> None:
    assert 120 <= len(speakers) <= 260
    kinds = {s.kind for s in speakers}
    assert kinds == {"person", "group"}


def test_every_entry_revalidates(speakers: list[SpeakerEntry]) -> None:
    for s in speakers:
        again = SpeakerEntry.model_validate(s.model_dump())
        assert again == s


def test_names_are_unique(speakers: list[SpeakerEntry]) -> None:
    seen: dict[str, str] = {}
    for s in speakers:
        key = fold(s.name)
        assert key not in seen, f"{s.name!r} listed twice (also {seen[key]!r})"
        seen[key] = s.name


def test_every_side_is_a_known_party(lex: Lexicon, speakers: list[SpeakerEntry]) -> None:
    parties = set(lex.party_names())
    assert parties, "parties.yaml did not load"
    unknown = {s.name: s.side for s in speakers if s.side != "none" and s.side not in parties}
    assert not unknown, f"sides not in parties.yaml: {unknown}"


def test_no_alias_names_two_entries(speakers: list[SpeakerEntry]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for s in speakers:
        for alias in names_of(s):
            owners[fold(alias)].add(s.name)
    clashes = {a: sorted(o) for a, o in owners.items() if len(o) > 1}
    assert not clashes, f"aliases naming more than one entry: {clashes}"


def test_names_and_aliases_are_clean_strings(speakers: list[SpeakerEntry]) -> None:
    for s in speakers:
        for text in [*names_of(s), *(r.title for r in s.roles)]:
            assert isinstance(text, str) and text, s.name
            assert text == text.strip(), f"{s.name}: {text!r} has outer spaces"
            assert "  " not in text, f"{s.name}: {text!r} has a double space"


def test_aliases_are_proper_names_not_common_words(speakers: list[SpeakerEntry]) -> None:
    for s in speakers:
        for alias in names_of(s):
            assert fold(alias) not in _GENERIC, f"{s.name}: generic alias {alias!r}"
            # A proper name carries a capital; an all-lowercase alias would match prose.
            assert any(c.isupper() for c in alias), f"{s.name}: {alias!r} has no capital"
            assert len(alias) >= 2, f"{s.name}: {alias!r} too short"


def test_aliases_do_not_repeat_within_an_entry(speakers: list[SpeakerEntry]) -> None:
    # Only case is folded here: "Erdogan" and "Erdoğan" are both listed on purpose.
    for s in speakers:
        folded = [a.casefold() for a in names_of(s)]
        assert len(folded) == len(set(folded)), f"{s.name}: repeated alias in {names_of(s)}"


def test_role_dates_are_ordered(speakers: list[SpeakerEntry]) -> None:
    for s in speakers:
        for r in s.roles:
            if r.since is not None and r.until is not None:
                assert r.since <= r.until, f"{s.name}: {r.title} {r.since} > {r.until}"


def test_people_have_roles(speakers: list[SpeakerEntry]) -> None:
    missing = [s.name for s in speakers if s.kind == "person" and not s.roles]
    assert not missing, f"people without a role: {missing}"


# --- lookups the data must satisfy -------------------------------------------


@pytest.mark.parametrize(
    ("name", "variants"),
    [
        (
            "Volodymyr Zelensky",
            [
                "Zelensky",
                "Zelenskyy",
                "Zelenskiy",
                "Zelenski",
                "Zelenskij",
                "Zelenskyi",
                "Volodymyr Zelenskyy",
                "Vladimir Zelensky",
            ],
        ),
        ("David Arakhamia", ["Arakhamia", "Arakhamiya", "Arakhamiia", "Davyd Arakhamia"]),
        ("Sergei Lavrov", ["Lavrov", "Sergey Lavrov"]),
        (
            "Dmitry Peskov",
            ["Peskov", "Dmitri Peskov", "Dimitri Peskov", "Dmitriy Peskov"],
        ),
        ("Vladimir Medinsky", ["Medinsky", "Medinskiy", "Medinskii"]),
        ("Andriy Yermak", ["Yermak", "Ermak", "Andrii Yermak"]),
        ("Mykhailo Podolyak", ["Podolyak", "Podoliak"]),
        ("Sergiy Kyslytsya", ["Kyslytsya", "Kyslytsia", "Kislitsa"]),
        ("Recep Tayyip Erdogan", ["Erdogan", "Erdoğan"]),
        ("Mevlut Cavusoglu", ["Cavusoglu", "Çavuşoğlu"]),
        ("Ibrahim Kalin", ["Kalin", "Kalın"]),
        ("Russian Foreign Ministry", ["Russia's Foreign Ministry", "MFA of Russia"]),
        ("Russian Defence Ministry", ["Russian Defense Ministry", "Russian Ministry of Defence"]),
        ("Ukrainian presidential office", ["Office of the President of Ukraine", "Bankova"]),
        ("Kremlin", ["the Kremlin"]),
    ],
)
def test_entry_has_variants(
    by_name: dict[str, SpeakerEntry], name: str, variants: list[str]
) -> None:
    entry = by_name[name]
    have = set(names_of(entry))
    assert set(variants) <= have, f"{name}: missing {sorted(set(variants) - have)}"


@pytest.mark.parametrize(
    ("written", "canonical", "side", "kind"),
    [
        ("putin", "Vladimir Putin", "Russia", "person"),
        ("ZELENSKYY", "Volodymyr Zelensky", "Ukraine", "person"),
        ("Dmitriy Peskov", "Dmitry Peskov", "Russia", "person"),
        ("Ushakov", "Yuri Ushakov", "Russia", "person"),
        ("Kirill Dmitriyev", "Kirill Dmitriev", "Russia", "person"),
        ("Umerov", "Rustem Umerov", "Ukraine", "person"),
        ("Budanov", "Kyrylo Budanov", "Ukraine", "person"),
        ("Shoigu", "Sergei Shoigu", "Russia", "person"),
        ("Biden", "Joe Biden", "United States", "person"),
        ("Trump", "Donald Trump", "United States", "person"),
        ("Witkoff", "Steve Witkoff", "United States", "person"),
        ("Rubio", "Marco Rubio", "United States", "person"),
        ("Erdoğan", "Recep Tayyip Erdogan", "Turkey", "person"),
        ("Fidan", "Hakan Fidan", "Turkey", "person"),
        ("Macron", "Emmanuel Macron", "France", "person"),
        ("Bennett", "Naftali Bennett", "Israel", "person"),
        ("Lukashenka", "Alexander Lukashenko", "Belarus", "person"),
        ("Abramovich", "Roman Abramovich", "none", "person"),
        ("Russia's Defense Ministry", "Russian Defence Ministry", "Russia", "group"),
        ("the White House", "White House", "United States", "group"),
        ("U.S. State Department", "State Department", "United States", "group"),
        ("the Pentagon", "Pentagon", "United States", "group"),
        ("Ukraine's delegation", "Ukrainian delegation", "Ukraine", "group"),
        ("Russia's delegation", "Russian delegation", "Russia", "group"),
    ],
)
def test_lookup_resolves(
    alias_index: dict[str, str],
    by_name: dict[str, SpeakerEntry],
    written: str,
    canonical: str,
    side: str,
    kind: str,
) -> None:
    assert alias_index.get(fold(written)) == canonical
    entry = by_name[canonical]
    assert (entry.side, entry.kind) == (side, kind)


@pytest.mark.parametrize("generic", ["officials", "the delegation", "Western officials"])
def test_generic_phrases_are_not_aliases(alias_index: dict[str, str], generic: str) -> None:
    assert fold(generic) not in alias_index


def test_group_aliases_keep_the_head_noun(speakers: list[SpeakerEntry]) -> None:
    # The scorer matches group speakers on the head noun; an alias with another head
    # ("Russian negotiators" for "Russian delegation") would turn a right answer wrong.
    for s in speakers:
        if s.kind == "group" and s.name.split()[-1] == "delegation":
            assert all("delegation" in a.split() for a in s.aliases), s.name


def test_roles_carry_dates_for_the_central_figures(by_name: dict[str, SpeakerEntry]) -> None:
    lavrov = by_name["Sergei Lavrov"].roles
    assert any(r.title == "Russian foreign minister" and r.since is not None for r in lavrov)
    kuleba = by_name["Dmytro Kuleba"].roles
    sybiha = by_name["Andrii Sybiha"].roles
    kuleba_until = next(r.until for r in kuleba if r.title == "Ukrainian foreign minister")
    sybiha_since = next(r.since for r in sybiha if r.title == "Ukrainian foreign minister")
    assert kuleba_until is not None and sybiha_since is not None
    assert kuleba_until <= sybiha_since


# --- a user's file over the shipped one ------------------------------------


def test_user_file_merges_over_shipped(tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text(
        "speakers:\n"
        "  - name: Volodymyr Zelensky\n"
        "    aliases: [Zelenskyj, Selenskyj]\n"
        "  - name: Ivana Examplova\n"
        "    side: Ukraine\n"
        "    aliases: [Examplova]\n"
        "    roles:\n"
        "      - {title: Ukrainian deputy minister of examples, since: 2025-06-01}\n",
        encoding="utf-8",
    )
    base = {s.name: s for s in shipped().speakers}
    merged = {s.name: s for s in load([user]).speakers}

    zel = merged["Volodymyr Zelensky"]
    old = base["Volodymyr Zelensky"]
    assert zel.aliases[: len(old.aliases)] == old.aliases  # shipped aliases kept, in order
    assert {"Zelenskyj", "Selenskyj"} <= set(zel.aliases)
    assert (zel.side, zel.kind, zel.roles) == (old.side, old.kind, old.roles)

    new = merged["Ivana Examplova"]
    assert new.side == "Ukraine" and new.kind == "person"
    assert new.roles[0].since is not None and new.roles[0].since.isoformat() == "2025-06-01"
    assert len(merged) == len(base) + 1
    # merging does not touch the shipped lexicon itself
    assert "Zelenskyj" not in shipped().speakers[0].aliases


def test_user_file_can_override_a_side(tmp_path: Path) -> None:
    user = tmp_path / "side.yaml"
    user.write_text("speakers:\n  - name: Roman Abramovich\n    side: Russia\n", encoding="utf-8")
    merged = {s.name: s for s in load([user]).speakers}
    shipped_entry = next(s for s in shipped().speakers if s.name == "Roman Abramovich")
    assert merged["Roman Abramovich"].side == "Russia"
    assert merged["Roman Abramovich"].aliases == shipped_entry.aliases


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "speakers:\n  - name: X Person\n    kind: robot\n",
            ":speakers[0] (X Person): kind: ",
        ),
        (
            "speakers:\n  - name: Y Person\n    alias: [Y]\n",
            ":speakers[0] (Y Person): alias: ",
        ),
        (
            "speakers:\n  - name: Ok\n  - name: Z Person\n"
            "    roles:\n      - {title: t, since: soon}\n",
            ":speakers[1] (Z Person): roles.0.since: ",
        ),
        (
            "speakers:\n  - side: Russia\n",
            ":speakers[0]: name: ",
        ),
        (
            "speakers:\n  - name: W Person\n    aliases: W\n",
            ":speakers[0] (W Person): aliases: ",
        ),
    ],
)
def test_malformed_user_file_names_file_and_entry(tmp_path: Path, body: str, expected: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(body, encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        load([bad])
    message = str(info.value)
    assert message.startswith(f"{bad}{expected}"), message
    assert "\n" not in message


def test_user_file_with_bad_yaml_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("speakers:\n  - name: A\n    aliases: [unclosed\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"broken\.yaml:\d+: invalid YAML"):
        load([bad])
