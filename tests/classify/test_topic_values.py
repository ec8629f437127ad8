"""Topic values are checked: a misspelt outcome, modality, actor or source kind is an error
naming its line with a suggestion; [sources], belligerents and currency words load."""

from __future__ import annotations

from pathlib import Path

import pytest

from tally.classify import load_topic
from tally.classify.rules import matches
from tally.errors import TopicError
from tally.types import Claim


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "topic.toml"
    path.write_text('name = "Floods"\n\n' + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "line", "hint"),
    [
        ('[[quantity]]\nid = "dead"\noutcomes = ["kiled"]\n', 5, "did you mean 'killed'?"),
        ('[[quantity]]\nid = "dead"\nmodalities = ["reportd"]\n', 5, "did you mean 'reported'?"),
        ('[actors]\n"Red Cross" = ["icrc"]\n\n[[quantity]]\nid = "q"\nactors = ["Red Cros"]\n',
         8, "did you mean 'Red Cross'?"),
        ('[sources]\n"Interior Ministry" = { aliases = ["the ministry"], kind = "goverment" }\n'
         '\n[[quantity]]\nid = "q"\n', 4, "did you mean 'government'?"),
    ],
    ids=["outcome", "modality", "actor", "source-kind"],
)  # fmt: skip
def test_a_misspelt_value_is_an_error_naming_its_line_with_a_suggestion(
    tmp_path: Path, body: str, line: int, hint: str
) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(TopicError) as info:
        load_topic(path)
    message = str(info.value)
    assert message.startswith(f"T201 {path}:{line}:") and hint in message


def test_sources_table_and_belligerents_load(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        'belligerents = ["Ukraine", "Russia"]\n\n[sources]\n'
        '"Interior Ministry" = ["ministry of the interior", "the ministry"]\n'
        '"Flood Relief Trust" = { aliases = ["the trust"], kind = "humanitarian", weight = 0.9 }\n'
        '\n[[quantity]]\nid = "dead"\noutcomes = ["deaths"]\n',
    )
    topic = load_topic(path)
    assert [(s.name, s.kind, s.weight) for s in topic.sources] == [
        ("Interior Ministry", "other", None),
        ("Flood Relief Trust", "humanitarian", 0.9),
    ]
    assert topic.belligerents == ["Ukraine", "Russia"]
    assert topic.quantities[0].outcomes == ["killed"]  # "deaths" is the extractor's "killed"


def test_euros_fit_claims_stored_as_eur(tmp_path: Path) -> None:
    topic = load_topic(_write(tmp_path, '[[quantity]]\nid = "aid"\nunits = ["euros"]\n'))
    claim = Claim(sentence="The EU pledged 5 million euros.", mention="5 million euros", start=15,
                  end=30, low=5e6, unit="EUR")  # fmt: skip
    assert matches(claim, topic.quantities[0], topic)
