"""The YAML lexicon loader: shipped files, user files merged over them, and errors
reported as one line `file:entry: problem`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from talks import lexicon as lx
from talks.errors import LexiconError


def _write(tmp_path: Path, text: str, name: str = "user.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_lexicon_loads_and_knows_the_main_parties() -> None:
    lex = lx.load()
    names = lex.party_names()
    assert "Russia" in names and "Ukraine" in names
    assert lex.debris, "the shipped debris lexicon is empty"


def test_shipped_topic_keys_are_lower_snake_case() -> None:
    for key in lx.load().topic_keys():
        assert re.fullmatch(r"[a-z0-9_]+", key), key


def test_load_file_reads_every_section(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
speakers:
  - name: Ivan Example
    side: Russia
    aliases: [Example]
    roles: [{title: envoy, since: 2022-03-01}]
parties:
  - {name: Atlantis, names: [Atlantis], adjectives: [Atlantean]}
topics:
  - {key: fish_quota, proposition: Fishing quotas are shared, signals: [{pattern: fish}]}
debris:
  - pattern: "buy our t-shirts"
words:
  extra_list: [alpha, beta]
""",
    )
    lex = lx.load_file(path)
    assert [s.name for s in lex.speakers] == ["Ivan Example"]
    assert lex.speakers[0].roles[0].since is not None
    assert lex.speakers[0].roles[0].since.isoformat() == "2022-03-01"
    assert lex.party_names() == ["Atlantis"]
    assert lex.topic_keys() == ["fish_quota"]
    assert [d.pattern for d in lex.debris] == ["buy our t-shirts"]
    assert lex.words == {"extra_list": ["alpha", "beta"]}


def test_empty_file_is_an_empty_lexicon(tmp_path: Path) -> None:
    assert lx.load_file(_write(tmp_path, "")) == lx.Lexicon()


def test_merge_extends_lists_and_replaces_given_fields() -> None:
    base = lx.Lexicon(
        speakers=[lx.SpeakerEntry(name="Ivan Example", side="none", aliases=["Example"])],
        words={"roles": ["envoy"]},
    )
    extra = lx.Lexicon(
        speakers=[
            lx.SpeakerEntry(name="ivan example", side="Russia", aliases=["I. Example", "Example"]),
            lx.SpeakerEntry(name="Olga Other", side="Ukraine"),
        ],
        words={"roles": ["aide", "envoy"], "pronouns": ["he"]},
    )
    merged = lx.merge(base, extra)
    assert [s.name for s in merged.speakers] == ["Ivan Example", "Olga Other"]
    ivan = merged.speakers[0]
    assert ivan.side == "Russia"
    assert ivan.aliases == ["Example", "I. Example"]
    assert merged.words == {"roles": ["envoy", "aide"], "pronouns": ["he"]}
    # the inputs are left alone
    assert base.speakers[0].side == "none"


def test_merge_keeps_fields_the_user_did_not_give() -> None:
    base = lx.Lexicon(speakers=[lx.SpeakerEntry(name="Ivan Example", side="Russia")])
    extra = lx.Lexicon.model_validate({"speakers": [{"name": "Ivan Example", "aliases": ["IE"]}]})
    merged = lx.merge(base, extra)
    assert merged.speakers[0].side == "Russia"
    assert merged.speakers[0].aliases == ["IE"]


def test_load_merges_user_files_over_the_shipped_one(tmp_path: Path) -> None:
    user = _write(tmp_path, "parties:\n  - {name: Atlantis, names: [Atlantis]}\n")
    lex = lx.load([user])
    assert "Atlantis" in lex.party_names()
    assert "Russia" in lex.party_names()
    assert "Atlantis" not in lx.load().party_names()


def test_user_lexicon_paths_from_option_or_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, c = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "c.yaml"
    assert lx.user_lexicon_paths() == ()
    monkeypatch.setenv("TALKS_LEXICON", f"{a}{__import__('os').pathsep}{b}")
    assert lx.user_lexicon_paths() == (a, b)
    assert lx.user_lexicon_paths([c]) == (c,)


# --- malformed files: one line, file:entry: problem -------------------------------


def _error(path: Path) -> str:
    with pytest.raises(LexiconError) as info:
        lx.load_file(path)
    message = str(info.value)
    assert "\n" not in message, message
    assert message.startswith(f"{path}:"), message
    return message


def test_invalid_yaml_names_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "speakers:\n  - name: A\n  - name: [unclosed\n")
    message = _error(path)
    assert re.match(rf"{re.escape(str(path))}:\d+: invalid YAML", message), message


def test_unknown_section(tmp_path: Path) -> None:
    message = _error(_write(tmp_path, "speakerz:\n  - name: A\n"))
    assert "speakerz" in message and "unknown section" in message


def test_section_must_be_a_list(tmp_path: Path) -> None:
    message = _error(_write(tmp_path, "speakers:\n  name: A\n"))
    assert ":speakers:" in message and "list" in message


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    message = _error(_write(tmp_path, "- name: A\n"))
    assert "mapping" in message


def test_unknown_field_names_the_entry(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "speakers:\n  - name: Good One\n  - name: Ivan Example\n    sied: Russia\n",
    )
    message = _error(path)
    assert message.startswith(f"{path}:speakers[1] (Ivan Example): sied:"), message


def test_missing_required_field_names_the_entry(tmp_path: Path) -> None:
    message = _error(_write(tmp_path, "parties:\n  - names: [Atlantis]\n"))
    assert ":parties[0]: name:" in message, message


def test_wrong_value_names_the_field(tmp_path: Path) -> None:
    path = _write(tmp_path, "speakers:\n  - name: Ivan\n    kind: robot\n")
    message = _error(path)
    assert message.startswith(f"{path}:speakers[0] (Ivan): kind:"), message


def test_bad_topic_key(tmp_path: Path) -> None:
    path = _write(tmp_path, "topics:\n  - {key: Fish-Quota, proposition: x}\n")
    message = _error(path)
    assert "topics[0] (Fish-Quota)" in message and "lower_snake_case" in message


def test_impossible_date_is_a_lexicon_error_not_a_crash(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "speakers:\n  - name: Ivan\n    roles: [{title: envoy, since: 2022-13-01}]\n"
    )
    _error(path)


def test_missing_file(tmp_path: Path) -> None:
    message = _error(tmp_path / "nope.yaml")
    assert "not found" in message


def test_one_bad_file_loads_nothing(tmp_path: Path) -> None:
    good = _write(tmp_path, "parties:\n  - {name: Atlantis}\n", "good.yaml")
    bad = _write(tmp_path, "parties:\n  - {nam: Lemuria}\n", "bad.yaml")
    with pytest.raises(LexiconError, match=r"bad\.yaml"):
        lx.load([good, bad])
