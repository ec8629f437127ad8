"""Property tests: split_parts covers any text, and the readers turn any input into an
Article or a TallyError, never an exception."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tally.errors import TallyError
from tally.ingest import from_text
from tally.ingest.parts import split_parts
from tally.ingest.readers import read_file
from tally.types import Article
from tests.news_text import news_text

SUFFIXES = [".txt", ".md", ".html", ".jsonl"]


@given(st.one_of(news_text, st.text(max_size=400)), st.booleans())
def test_split_parts_covers_the_text_in_order(text: str, after_end: bool) -> None:
    segments = split_parts(text, after_end=after_end)
    assert segments[0].start == 0 and segments[-1].end == len(text)
    for a, b in zip(segments, segments[1:]):
        assert a.end == b.start and a.part != b.part
    assert all(s.start <= s.end for s in segments)


@given(news_text)
def test_from_text_gives_an_article_or_a_tally_error(text: str) -> None:
    try:
        article = from_text(text, "fuzz.txt")
    except TallyError:
        return
    assert isinstance(article, Article)
    article.text.encode("utf-8")  # storable: no lone surrogates


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    content=st.one_of(
        st.binary(max_size=300),
        news_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.lists(
            st.one_of(
                st.dictionaries(st.sampled_from(["text", "html", "title", "published", "url", "id"]),
                                st.one_of(news_text, st.integers(), st.none(), st.lists(st.integers()))),
                st.text(max_size=20),
            ),
            max_size=4,
        ).map(lambda rows: "\n".join(json.dumps(r) for r in rows).encode("utf-8")),
    ),
    suffix=st.sampled_from(SUFFIXES),
)  # fmt: skip
def test_read_file_yields_articles_or_errors_for_any_bytes(
    tmp_path: Path, content: bytes, suffix: str
) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(content)
    for item in read_file(path):
        assert isinstance(item, (Article, TallyError))
        if isinstance(item, Article):
            item.text.encode("utf-8")  # storable: no lone surrogates
