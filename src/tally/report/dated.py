"""Publication dates a user may want to check: the lines the ingest summary and `tally articles`
print for each stored article's date, where it came from and the words it was read from."""

from __future__ import annotations

from typing import Literal

from tally.types import GUESSED_DATE_ORIGINS, Article

Which = Literal["all", "undated", "guessed"]

_ORIGIN_WORDS = {
    "given": "given",
    "page": "the page's metadata",
    "url": "the URL",
    "feed": "the feed item",
    "dateline": "the dateline",
    "caption": "a photo caption (the story is no older)",
    "inferred": "inferred from the latest date the text mentions",
}


def is_guessed(article: Article) -> bool:
    """Whether the article's date was read from its own text rather than given or published
    with it (a dateline, a caption, an inferred date)."""
    return article.published is not None and article.published_origin in GUESSED_DATE_ORIGINS


def wanted(article: Article, which: Which) -> bool:
    """Whether ``tally articles`` lists the article under ``which``."""
    if which == "undated":
        return article.published is None
    if which == "guessed":
        return is_guessed(article)
    return True


def date_note(article: Article) -> str:
    """How an article is dated: "2021-02-16 (a photo caption ...: “Crews clear ice ...”)"."""
    if article.published is None:
        return "undated"
    how = _ORIGIN_WORDS.get(article.published_origin or "", article.published_origin or "unknown")
    phrase = " ".join((article.published_phrase or "").split())
    if len(phrase) > 80:
        phrase = phrase[:79] + "…"
    return f"{article.published} ({how}{f': “{phrase}”' if phrase else ''})"


def article_line(article: Article) -> str:
    """One line of `tally articles`: id prefix, date and its origin, file name, title."""
    title = f" — {article.title}" if article.title else ""
    return f"{article.id[:12]}  {date_note(article)}  {article.name}{title}"


def guessed_line(article: Article) -> str:
    """The ingest summary's line for an article whose date was guessed (or is missing)."""
    fix = f"fix with `tally articles --published YYYY-MM-DD {article.name}`"
    if article.published is None:
        return f"no publication date for {article.name}; {fix}"
    return f"guessed date for {article.name}: {date_note(article)}; {fix}"
