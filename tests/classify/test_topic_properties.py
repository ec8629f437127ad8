"""Property test: the topic loader answers any file with a Topic or a TopicError."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tally.classify import load_topic
from tally.errors import TopicError

KEYS = ["name", "[actors]", "[[quantity]]", "id", "label", "near", "units", "outcomes",
        "percent", "cumulative", "actors", "unknown_actor", "=", '"x"', "true", "12", "[", "]",
        "\n", '["a", "b"]', "{", "}", ",", "'", "#"]  # fmt: skip

toml_like = st.lists(st.one_of(st.sampled_from(KEYS), st.text(max_size=6)), max_size=40).map(" ".join)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(toml_like, st.text(max_size=200)))
def test_load_topic_gives_a_topic_or_a_topic_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "topic.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        topic = load_topic(path)
    except TopicError as err:
        assert str(err).startswith("T201 ")
        return
    assert topic.quantities is not None
