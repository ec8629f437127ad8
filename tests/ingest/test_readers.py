"""Reading files into Articles: text headers, HTML pages, JSON Lines, errors, directories."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from tally.errors import FormatError
from tally.types import Article
from tests.ingest.conftest import read, write

BODY = (
    "The ferry operator said 212 passengers were on board when the engine failed.\n"
    "All of them were brought ashore by lifeboat crews before nightfall, the coastguard said.\n"
)

PAGE = """<!DOCTYPE html>
<html><head>
<title>Ferry passengers rescued after engine failure | Bay Chronicle</title>
<meta property="og:site_name" content="Bay Chronicle">
<meta property="og:title" content="Ferry passengers rescued after engine failure">
<meta property="article:published_time" content="2025-06-14T08:00:00+00:00">
</head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sea">Sea</a></nav>
<article>
<h1>Ferry passengers rescued after engine failure</h1>
<p>The ferry operator said 212 passengers were on board when the engine failed off the
northern headland on Friday afternoon, leaving the vessel drifting towards the rocks.</p>
<p>All of them were brought ashore by lifeboat crews before nightfall, the coastguard said,
and four were taken to hospital with minor injuries. The operator has suspended the route
while engineers inspect the remaining ships in its fleet.</p>
<p>It was the second breakdown on the route this year, and local councillors have asked
for an inquiry into how the company maintains its vessels.</p>
</article>
<footer><p>Contact us</p><a href="/privacy">Privacy</a></footer>
<div class="comments">
<div class="comment"><p>My neighbour was on that boat, she says there were closer to 300 people.</p></div>
<div class="comment"><p>Well done to the lifeboat volunteers.</p></div>
</div>
</body></html>
"""


def only(paths: list[str | Path]) -> Article:
    articles, errors = read(paths)
    assert not errors, [str(e) for e in errors]
    assert len(articles) == 1
    return articles[0]


# --- plain text and its header -------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        (
            "url: https://bay.example/ferry\noutlet: Bay Chronicle\ntitle: Ferry rescue\n"
            "author: R. Hale\npublished: 2025-06-14\n---\n"
        ),
        "Outlet: Bay Chronicle\n\nTitle:   Ferry rescue\nPublished: 14 June 2025\n---\n\n",
        "outlet:Bay Chronicle\ntitle:Ferry rescue\npublished: June 14, 2025\r\n---\r\n",
    ],
    ids=["all keys", "capitals and blank lines", "no spaces and CRLF"],
)
def test_a_header_closed_by_dashes_gives_metadata_and_is_not_body(
    tmp_path: Path, header: str
) -> None:
    article = only([write(tmp_path / "ferry.txt", header + BODY)])
    assert article.outlet == "Bay Chronicle"
    assert article.title == "Ferry rescue"
    assert (article.published, article.published_origin) == ("2025-06-14", "given")
    assert article.text.startswith("The ferry operator said")
    assert "---" not in article.text and "outlet" not in article.text.lower()


@pytest.mark.parametrize(
    "text",
    [
        BODY,
        "Note: the figures below come from the operator.\n" + BODY,
        "Title: Ferry rescue\n" + BODY,
    ],
    ids=["no header", "prose with a colon", "key line without dashes"],
)
def test_without_dashes_the_whole_text_is_the_article(tmp_path: Path, text: str) -> None:
    article = only([write(tmp_path / "ferry.txt", text)])
    assert article.text == text
    assert article.title is None and article.outlet is None


def test_prose_before_the_dashes_is_not_taken_for_a_header(tmp_path: Path) -> None:
    text = "The ferry left on time.\nIt carried 212 passengers.\n---\n" + BODY
    article = only([write(tmp_path / "ferry.txt", text)])
    assert article.text == text


def test_an_unknown_header_key_is_a_format_error_naming_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "ferry.txt", "outlet: Bay Chronicle\nsection: Local\n---\n" + BODY)
    articles, errors = read([path])
    assert articles == []
    [error] = errors
    assert isinstance(error, FormatError) and error.code == "T102"
    assert (error.path, error.line) == (str(path), 2)
    assert str(error).startswith(f"T102 {path}:2: ") and "section" in str(error)


def test_published_is_inferred_from_the_latest_date_the_body_mentions(tmp_path: Path) -> None:
    text = (
        "The route reopened on 3 March 2025 after repairs.\n"
        "By April 12, 2025, the operator had carried 40,000 passengers, it said.\n"
        "The first breakdown was in January 2024.\n"
    )
    article = only([write(tmp_path / "ferry.txt", text)])
    assert (article.published, article.published_origin) == ("2025-04-12", "inferred")


def test_a_text_with_no_date_has_no_publication_date(tmp_path: Path) -> None:
    article = only([write(tmp_path / "ferry.txt", BODY)])
    assert (article.published, article.published_origin) == (None, None)


def test_the_id_is_stable_across_reads_and_follows_the_content(tmp_path: Path) -> None:
    first = only([write(tmp_path / "a.txt", BODY)])
    again = only([tmp_path / "a.txt"])
    copy = only([write(tmp_path / "b.txt", BODY)])
    other = only([write(tmp_path / "c.txt", BODY + "The inquiry opens next week.\n")])
    assert first.id == again.id == copy.id
    assert other.id != first.id


# --- HTML ---------------------------------------------------------------------------------


def test_an_html_page_gives_title_outlet_and_the_date_from_its_meta(tmp_path: Path) -> None:
    article = only([write(tmp_path / "ferry.html", PAGE)])
    assert article.title == "Ferry passengers rescued after engine failure"
    assert article.outlet == "Bay Chronicle"
    assert (article.published, article.published_origin) == ("2025-06-14", "page")
    assert "Privacy" not in article.text and "Sea" not in article.text.split("\n")


def test_an_html_pages_comments_are_marked_comment(tmp_path: Path) -> None:
    article = only([write(tmp_path / "ferry.html", PAGE)])
    comment = article.text.index("closer to 300 people")
    body = article.text.index("212 passengers")
    assert article.part_at(comment) == "comment"
    assert article.part_at(body) == "body"
    assert article.part_at(article.text.index("lifeboat volunteers")) == "comment"


@pytest.mark.parametrize("name", ["ferry.html", "ferry.txt"])
def test_segments_cover_the_whole_text_without_gaps(tmp_path: Path, name: str) -> None:
    content = PAGE if name.endswith("html") else BODY + "Read the original article.\nNice one.\n"
    article = only([write(tmp_path / name, content)])
    segments = article.segments
    assert segments[0].start == 0 and segments[-1].end == len(article.text)
    assert all(a.end == b.start for a, b in itertools.pairwise(segments))


# --- JSON Lines ------------------------------------------------------------------------------


def test_jsonl_gives_one_article_a_line_and_an_error_naming_a_bad_line(tmp_path: Path) -> None:
    good = [
        {
            "text": BODY,
            "outlet": "Bay Chronicle",
            "title": "Ferry rescue",
            "published": "2025-06-14",
        },
        {"text": "Harbour dues rose by 4 percent this year, the port said.", "outlet": "Port News"},
    ]
    lines = [json.dumps(good[0]), '{"text": "unterminated', "", json.dumps(good[1])]
    path = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    articles, errors = read([path])
    assert [a.outlet for a in articles] == ["Bay Chronicle", "Port News"]
    assert articles[0].published == "2025-06-14" and articles[0].published_origin == "given"
    assert [a.origin for a in articles] == [f"{path}#L1", f"{path}#L4"]
    [error] = errors
    assert isinstance(error, FormatError) and (error.path, error.line) == (str(path), 2)
    assert str(error).startswith(f"T102 {path}:2: ")


@pytest.mark.parametrize(
    "line",
    ['["a list"]', '{"title": "no text"}', '{"text": ""}', "42"],
    ids=["list", "no text field", "empty text", "number"],
)
def test_a_jsonl_line_without_text_is_a_format_error(tmp_path: Path, line: str) -> None:
    path = write(tmp_path / "batch.jsonl", json.dumps({"text": BODY}) + "\n" + line + "\n")
    articles, errors = read([path])
    assert len(articles) == 1
    [error] = errors
    assert isinstance(error, FormatError) and error.line == 2


def test_a_jsonl_line_may_carry_html(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pages.jsonl", json.dumps({"html": PAGE, "url": "https://bay.example/f"})
    )
    article = only([path])
    assert article.outlet == "Bay Chronicle" and article.origin == "https://bay.example/f"
    assert article.part_at(article.text.index("closer to 300")) == "comment"
