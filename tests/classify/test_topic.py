"""Topic files as a new user writes them: good ones load, mistakes name their line."""

from pathlib import Path

import pytest

from tally.classify import load_topic
from tally.errors import TopicError

ROOT = Path(__file__).resolve().parents[2]

GOOD = """\
name = "River flood"

[actors]
"Valley" = ["valley", "valley county"]

[[quantity]]
id = "flood_dead"
label = "People killed by the flood"
outcomes = ["killed"]

[[quantity]]
id = "homes_flooded"
units = ["homes", "houses"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "topic.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_topic_loads_in_file_order(tmp_path: Path) -> None:
    topic = load_topic(write(tmp_path, GOOD))
    assert [q.id for q in topic.quantities] == ["flood_dead", "homes_flooded"]
    assert topic.actors == {"Valley": ["valley", "valley county"]}


def test_the_flagship_topic_loads() -> None:
    topic = load_topic(ROOT / "examples" / "dprk-russia.toml")
    assert topic.get("dprk_troops_deployed") is not None
    assert len(topic.quantities) == 19


@pytest.mark.parametrize(
    ("broken", "line", "words"),
    [
        (GOOD.replace('outcomes = ["killed"]', 'outcome = ["killed"]'), 9, "did you mean 'outcomes'"),
        (GOOD.replace('units = ["homes", "houses"]', 'unitz = ["homes"]'), 13, "unknown key 'unitz'"),
        (GOOD.replace('label = "People', 'label = People'), 8, "TOML syntax"),
        (GOOD.replace('outcomes = ["killed"]', 'modalities = ["likely"]'), 9, "unknown modality"),
        (GOOD.replace('id = "homes_flooded"', 'id = "flood_dead"'), 12, "defined twice"),
        (GOOD + '\n[[quantity]]\nid = "x"\nactors = ["Mars"]\n', 17, "not in [actors]"),
    ],
)
def test_mistakes_give_an_error_naming_the_line(tmp_path: Path, broken: str, line: int, words: str) -> None:
    path = write(tmp_path, broken)
    with pytest.raises(TopicError) as err:
        load_topic(path)
    message = str(err.value)
    assert message.startswith(f"T201 {path}:{line}: ")
    assert words in message
    assert "\n" not in message


def test_a_missing_topic_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(TopicError, match="topic file not found"):
        load_topic(tmp_path / "nope.toml")
