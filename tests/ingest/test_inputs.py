"""Reading inputs: encodings, front matter, bad dates, JSONL ids, repeated paths, the examples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tally.errors import FormatError, InputError, InputWarning
from tally.ingest.article import MAX_TEXT_CHARS
from tally.ingest.readers import MAX_FILE_BYTES
from tally.ingest import count_inputs, expand
from tests.ingest.conftest import read, write

BODY = (
    "The harbour board said 38 fishing boats were damaged when the storm reached the coast.\n"
    "Repairs to the eastern pier will take about six weeks, the board's engineer said.\n"
)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (BODY.encode("utf-16"), "UTF-16"),
        ("\ufeff".encode() + "Caf\xe9".encode("cp1252"), "not UTF-8"),
    ],
    ids=["utf-16 with BOM", "cp1252 after a UTF-8 BOM"],
)
def test_text_that_is_not_utf8_fails_clearly(tmp_path: Path, content: bytes, words: str) -> None:
    path = write(tmp_path / "storm.txt", content)
    articles, [error] = read([path])
    assert articles == [] and isinstance(error, InputError)
    assert str(error).startswith(f"T101 {path}") and words in str(error)


def test_a_utf8_bom_is_dropped(tmp_path: Path) -> None:
    [article], errors = read([write(tmp_path / "storm.txt", "\ufeff".encode() + BODY.encode())])
    assert not errors and article.text == BODY


def test_markdown_front_matter_is_a_header(tmp_path: Path) -> None:
    text = "---\noutlet: Coast Weekly\npublished: 2025-01-09\n---\n" + BODY
    [article], _ = read([write(tmp_path / "storm.md", text)])
    assert (article.outlet, article.published, article.published_origin) == (
        "Coast Weekly",
        "2025-01-09",
        "given",
    )
    assert article.text == BODY


def test_a_markdown_rule_after_prose_is_not_a_header(tmp_path: Path) -> None:
    text = "Update: the board revised its count.\n---\n" + BODY
    [article], errors = read([write(tmp_path / "storm.md", text)])
    assert not errors and article.text == text


def test_an_unreadable_header_date_is_a_warning_naming_its_line_and_the_article_is_kept(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path / "storm.txt", "outlet: Coast Weekly\npublished: last Tuesday\n---\n" + BODY
    )
    [article], errors = read([path])
    assert errors == [] and article.outlet == "Coast Weekly"
    assert article.published_origin != "given"
    [warning] = article.warnings
    assert isinstance(warning, InputWarning) and warning.key == "published"
    assert (warning.path, warning.line) == (str(path), 2) and "last Tuesday" in str(warning)
    assert str(warning).startswith(f"T106 {path}:2: ")


def test_a_bad_header_url_is_a_warning_and_the_article_is_kept(tmp_path: Path) -> None:
    path = write(tmp_path / "storm.txt", "outlet: Coast Weekly\nurl: n/a\n---\n" + BODY)
    [article], errors = read([path])
    assert errors == [] and article.url is None
    [warning] = article.warnings
    assert (warning.line, getattr(warning, "key", None)) == (2, "url")


def test_jsonl_errors_name_the_file_and_line_and_ids_name_the_origin(tmp_path: Path) -> None:
    rows = [
        {"id": "storm-1", "text": BODY},
        {"text": BODY + "More boats.\n", "published": "someday"},
        {"text": 42},
        {"text": BODY + "Even more.\n", "origin": "https://coast.example/storm"},
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(json.dumps(r) for r in rows))
    articles, errors = read([path])
    assert [a.origin for a in articles] == [
        f"{path}#storm-1", f"{path}#L2", "https://coast.example/storm"
    ]
    assert [(type(e), e.path, e.line) for e in errors] == [(FormatError, str(path), 3)]
    [warning] = articles[1].warnings
    assert (warning.path, warning.line, getattr(warning, "key", None)) == (str(path), 2, "published")
    assert "someday" in str(warning) and articles[1].published_origin != "given"


def test_a_lone_surrogate_in_jsonl_is_replaced_and_the_batch_goes_on(tmp_path: Path) -> None:
    lines = ['{"text": "Officials said 12 boats sank.\\ud800 More later.", "title": "x\\udfff"}',
             json.dumps({"text": BODY})]  # fmt: skip
    path = write(tmp_path / "batch.jsonl", "\n".join(lines))
    articles, errors = read([path])
    assert errors == [] and len(articles) == 2
    assert "\ufffd" in articles[0].text and articles[0].text.encode("utf-8")
    assert {getattr(w, "key", None) for w in articles[0].warnings} == {"text", "title"}
    assert all(w.line == 1 for w in articles[0].warnings)


def test_a_metadata_value_that_is_not_text_is_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path / "batch.jsonl", json.dumps({"text": BODY, "title": ["a", "list"]}))
    [article], errors = read([path])
    assert errors == [] and article.title != "['a', 'list']"
    assert [getattr(w, "key", None) for w in article.warnings] == ["title"]


def test_a_file_over_the_size_cap_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:  # sparse: the cap is checked on the size, before reading
        out.truncate(MAX_FILE_BYTES + 1)
    articles, [error] = read([path])
    assert articles == [] and isinstance(error, InputError) and "too large" in str(error)


def test_text_over_the_character_cap_is_refused_with_a_message_to_split(tmp_path: Path) -> None:
    path = write(tmp_path / "long.txt", "word " * (MAX_TEXT_CHARS // 5 + 10))
    articles, [error] = read([path])
    assert articles == [] and "split the file" in str(error) and str(error).startswith("T101")


def test_the_id_ignores_line_endings_and_unicode_composition(tmp_path: Path) -> None:
    composed = "Caf\u00e9 owners counted 30 boats.\nThe pier reopened.\n"
    decomposed = "Cafe\u0301 owners counted 30 boats.\r\nThe pier reopened.\r\n"
    [a], _ = read([write(tmp_path / "a.txt", composed)])
    [b], _ = read([write(tmp_path / "b.txt", decomposed)])
    assert a.id == b.id and a.text == b.text


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    path = write(tmp_path / "news" / "storm.txt", BODY)
    given: list[str | Path] = [tmp_path / "news", path, str(tmp_path / "news" / "*.txt")]
    assert count_inputs(given) == 1
    assert len(read(given)[0]) == 1


def test_a_glob_matching_folders_reads_them_like_folders(tmp_path: Path) -> None:
    write(tmp_path / "2025-01" / "a.txt", BODY)
    write(tmp_path / "2025-02" / "b.txt", BODY + "b\n")
    write(tmp_path / "2025-02" / "notes.pdf", b"%PDF-1.4")
    found = list(expand([str(tmp_path / "2025-*")]))
    assert [p.name for p in found if isinstance(p, Path)] == ["a.txt", "b.txt"]


def test_an_inferred_date_keeps_the_precision_the_text_gives(tmp_path: Path) -> None:
    text = (
        "The storm of October 2024 damaged the pier.\nIn January 2025 the board counted 38 boats.\n"
    )
    [article], _ = read([write(tmp_path / "storm.txt", text)])
    assert (article.published, article.published_origin) == ("2025-01", "inferred")


def test_html_comment_chrome_is_furniture(tmp_path: Path) -> None:
    page = f"""<html><head><meta property="og:site_name" content="Coast Weekly"></head><body>
    <article><h1>Storm damages 38 boats</h1>
    <p>{BODY.splitlines()[0]} The board has asked for emergency funds from the county.</p>
    <p>{BODY.splitlines()[1]} Fishing crews have been told to stay in port until Friday.</p>
    </article>
    <div class="comments"><h2>Comments</h2>
    <div class="comment"><p class="author">gull_42</p><p>My uncle lost his boat, it was more like 50 damaged.</p></div>
    </div></body></html>"""
    [article], _ = read([write(tmp_path / "storm.html", page)])
    text = article.text
    assert article.part_at(text.index("more like 50")) == "comment"
    assert article.part_at(text.index("gull_42")) == "furniture"
    assert article.part_at(text.index("38 fishing boats")) == "body"


def test_the_example_corpus_reads_without_errors(examples_dir: Path) -> None:
    articles, errors = read([examples_dir / "corpus"])
    assert not errors, [str(e) for e in errors]
    assert len(articles) >= 5
    assert all(a.published and a.published_origin in ("given", "page") for a in articles)
    assert len({a.outlet for a in articles}) >= 3
    with_comments = [a for a in articles if any(s.part == "comment" for s in a.segments)]
    assert {a.name for a in with_comments} >= {"2025-02-casualties.txt", "2025-03-shells.html"}


def test_an_undecodable_jsonl_line_is_one_error_and_the_other_lines_still_read(
    tmp_path: Path,
) -> None:
    good = json.dumps({"text": BODY}).encode()
    bad = json.dumps({"text": "Caf\xe9"}).encode().replace(b"\\u00e9", b"\xe9")
    path = write(tmp_path / "batch.jsonl", good + b"\n" + bad + b"\n" + good.replace(b"38", b"39"))
    articles, errors = read([path])
    assert len(articles) == 2
    assert [(type(e), e.line) for e in errors] == [(InputError, 2)]


def test_a_long_jsonl_file_with_accents_reads_in_full(tmp_path: Path) -> None:
    # Long enough that a character straddles any fixed-size first read.
    rows = [{"text": f"Caf\u00e9 {i}: the board counted {i} boats. " * 30} for i in range(40)]
    path = write(
        tmp_path / "batch.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    )
    articles, errors = read([path])
    assert errors == [] and len(articles) == 40


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"], ids=["empty", "blank lines"])
def test_an_empty_jsonl_file_is_one_input_error(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path / "batch.jsonl", content)
    articles, [error] = read([path])
    assert articles == [] and isinstance(error, InputError) and "empty" in str(error)


WORDPRESS = """<!DOCTYPE html><html><head><title>Pier repairs delayed &ndash; Coast Weekly</title>
<meta property="og:site_name" content="Coast Weekly"></head><body>
<div class="entry-content">
<p>Repairs to the eastern pier will not finish before the autumn, the harbour board said on
Friday, leaving about 40 boats without a berth for the summer season.</p>
<p>The board had promised to finish the work by June. Contractors found more damage than
expected, and the bill has risen to 14 million euros from 9 million, it said.</p>
</div>
<div id="comments" class="comments-area">
<h2 class="comments-title">2 thoughts on &ldquo;Pier repairs delayed&rdquo;</h2>
<ol class="comment-list">
<li class="comment"><div class="comment-content"><p>14 million? They said 5 million at most.</p></div></li>
<li class="comment"><div class="comment-content"><p>My boat has been ashore since March.</p></div></li>
</ol></div></body></html>"""


def test_a_blog_page_without_a_headline_takes_its_title_not_the_comments_heading(
    tmp_path: Path,
) -> None:
    [article], _ = read([write(tmp_path / "pier.html", WORDPRESS)])
    assert article.title == "Pier repairs delayed"
    assert article.part_at(article.text.index("5 million at most")) == "comment"
    assert article.part_at(article.text.index("about 40 boats")) == "body"


@pytest.mark.parametrize(
    ("first", "title"),
    [
        ("Storm damages 38 boats in the harbour", "Storm damages 38 boats in the harbour"),
        ("Home STORMS & FLOODS\nStorm damages 38 boats", "Storm damages 38 boats"),
        (
            "Why the pier failed: a look at the repairs",
            "Why the pier failed: a look at the repairs",
        ),
        ("The storm reached the coast on Friday.", None),
        ("title: Storm damages 38 boats", None),
    ],
    ids=["headline", "after a breadcrumb", "with a colon", "a sentence", "header line"],
)
def test_a_text_without_a_title_takes_its_headline_line(
    tmp_path: Path, first: str, title: str | None
) -> None:
    [article], _ = read([write(tmp_path / "storm.txt", f"{first}\n{BODY}")])
    assert article.title == title


def test_without_an_outlet_the_urls_site_stands_in(tmp_path: Path) -> None:
    rows = [
        {"text": BODY, "url": "https://www.coastweekly.example/2025/storm"},
        {"text": BODY + "x\n", "url": "https://coastweekly.example/s", "outlet": "Coast Weekly"},
        {"text": BODY + "y\n"},
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(json.dumps(r) for r in rows))
    articles, _ = read([path])
    assert [a.outlet for a in articles] == ["coastweekly.example", "Coast Weekly", None]


def test_markdown_marks_are_dropped_so_urls_do_not_read_as_figures(tmp_path: Path) -> None:
    text = (
        "---\nurl: https://coast.example/2025/01/09/storm\npublished: 2025-01-09\n---\n"
        "# Storm damages 38 boats\n\n"
        "> The board said **38 boats** were hit, as [its report](https://coast.example/2025/r.pdf)"
        " shows.\n![The eastern pier](https://coast.example/img/2024/pier.jpg)\n"
    )
    [article], _ = read([write(tmp_path / "storm.md", text)])
    assert article.title == "Storm damages 38 boats"
    assert article.url == "https://coast.example/2025/01/09/storm"
    assert "The board said 38 boats were hit, as its report shows." in article.text
    assert "https" not in article.text and "#" not in article.text


def test_a_txt_file_is_not_read_as_markdown(tmp_path: Path) -> None:
    text = "Rates rose 2 ** 3 times, the board said, in [brackets](as written).\n"
    [article], _ = read([write(tmp_path / "storm.txt", text)])
    assert article.text == text
