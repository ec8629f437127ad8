"""Paths and bad inputs: errors with codes naming the file, folders, globs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tally.errors import InputError, TallyError, UnsupportedFormat
from tally.ingest import count_inputs, expand
from tests.ingest.conftest import read, write
from tests.ingest.test_readers import BODY, PAGE, only

# --- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "kind", "words"),
    [
        ("empty.txt", "", InputError, "empty"),
        ("blank.txt", "  \n\n\t\n", InputError, "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", InputError, "binary"),
        (
            "latin.txt",
            "First line.\nCaf\xe9 owners counted 30 boats.\n".encode("latin-1"),
            InputError,
            "UTF-8",
        ),
        ("report.pdf", b"%PDF-1.4", UnsupportedFormat, ".pdf"),
        ("README", "no suffix at all", UnsupportedFormat, "(none)"),
    ],
)
def test_a_bad_file_is_one_error_with_its_code_and_a_one_line_message_naming_it(
    tmp_path: Path, name: str, content: str | bytes, kind: type[TallyError], words: str
) -> None:
    path = write(tmp_path / name, content)
    articles, errors = read([path])
    assert articles == []
    [error] = errors
    assert type(error) is kind
    message = str(error)
    assert message.startswith(f"{kind.code} {path}")
    assert words in message and "\n" not in message


def test_an_undecodable_byte_is_reported_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path / "latin.txt", "First line.\nCaf\xe9 owners.\n".encode("latin-1"))
    [error] = read([path])[1]
    assert error.line == 2 and "0xe9" in str(error)


@pytest.mark.parametrize(
    ("given", "words"),
    [
        ("missing.txt", "no such file"),
        ("nowhere/*.txt", "no file matches"),
        ("gone/**/*.jsonl", "no file matches"),
    ],
)
def test_a_missing_path_or_an_empty_glob_is_an_input_error_naming_it(
    tmp_path: Path, given: str, words: str
) -> None:
    raw = str(tmp_path / given)
    articles, errors = read([raw])
    assert articles == []
    [error] = errors
    assert isinstance(error, InputError) and error.code == "T101"
    assert str(error).startswith(f"T101 {raw}: {words}")


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "b.txt", "")
    write(tmp_path / "c.txt", BODY + "More later.\n")
    articles, errors = read([tmp_path, tmp_path / "missing.txt"])
    assert len(articles) == 2 and len(errors) == 2


# --- directories and globs ----------------------------------------------------------------


def test_directories_are_read_recursively_skipping_hidden_and_unsupported_files(
    tmp_path: Path,
) -> None:
    keep = [
        write(tmp_path / "a.txt", BODY),
        write(tmp_path / "deep" / "er" / "b.md", BODY + "b\n"),
        write(tmp_path / "deep" / "c.html", PAGE),
    ]
    write(tmp_path / ".draft.txt", BODY + "hidden file\n")
    write(tmp_path / ".cache" / "d.txt", BODY + "hidden folder\n")
    write(tmp_path / "notes.pdf", b"%PDF-1.4")
    found = list(expand([tmp_path]))
    assert sorted(str(p) for p in found) == sorted(str(p) for p in keep)
    assert count_inputs([tmp_path]) == 3
    articles, errors = read([tmp_path])
    assert errors == [] and len(articles) == 3


def test_a_glob_expands_to_the_files_it_matches(tmp_path: Path) -> None:
    write(tmp_path / "one.txt", BODY)
    write(tmp_path / "two.txt", BODY + "two\n")
    write(tmp_path / "three.jsonl", json.dumps({"text": BODY}))
    assert count_inputs([str(tmp_path / "*.txt")]) == 2
    articles, _ = read([str(tmp_path / "*.txt")])
    assert sorted(a.name for a in articles) == ["one.txt", "two.txt"]


def test_a_file_named_directly_is_read_whatever_its_place(tmp_path: Path) -> None:
    path = write(tmp_path / ".hidden" / "a.txt", BODY)
    assert only([path]).text == BODY
