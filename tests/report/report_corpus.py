"""A small corpus of our own (claims written for the tests, not copied from articles)."""

from __future__ import annotations

from tally.extract.fields import fill
from tally.types import Article, Claim, QuantityDef, Topic

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _claim(
    quantity: str,
    mention: str,
    low: float | None,
    high: float | None = None,
    *,
    approx: str = "exact",
    source: str | None = None,
    as_of: str | None = None,
    article: str = "a1",
    sentence: str | None = None,
) -> Claim:
    text = sentence or f"Officials said {mention} by then."
    at = max(text.find(mention), 0)  # where the extractor would have found it
    return fill([Claim(
        sentence=text,
        mention=mention,
        start=at,
        end=at + len(mention),
        low=low,
        high=high,
        approx=approx,  # type: ignore[arg-type]
        source=source,
        as_of=as_of,
        article_id=article,
        doc=f"{article}.txt",
        quantity=quantity,
    )])[0]


def corpus() -> tuple[list[Claim], Topic, dict[str, Article]]:
    """Two quantities: troops sent (with a range, a floor and a ceiling) and shells supplied."""
    topic = Topic(
        "demo",
        [
            QuantityDef("troops_sent", "Troops sent"),
            QuantityDef("shells_supplied", "Shells supplied"),
        ],
    )
    arts = {
        "a1": Article(
            id="a1",
            origin="https://example.org/a1",
            text="",
            outlet="Morning Herald",
            published="2024-11-20",
        ),
        "a2": Article(
            id="a2", origin="a2.txt", text="", outlet="Evening Star", published="2025-02-10"
        ),
        "a3": Article(
            id="a3", origin="a3.txt", text="", outlet="Weekly Courier", published="2025-04-02"
        ),
    }
    claims = [
        _claim("troops_sent", "11,000 troops", 11000, source="Jane Analyst", as_of="2024-11"),
        _claim(
            "troops_sent",
            "more than 12,000 troops",
            12000,
            approx="at_least",
            source="Western officials",
            article="a2",
        ),
        _claim(
            "troops_sent",
            "between 14,000 and 15,000 troops",
            14000,
            15000,
            approx="range",
            source="US officials",
            article="a3",
        ),
        _claim(
            "troops_sent",
            "up to 15,000 soldiers",
            None,
            15000,
            approx="at_most",
            article="a3",
            sentence=f"An aside {HOSTILE} put it at up to 15,000 soldiers.",
        ),
        _claim(
            "shells_supplied",
            "more than 8 million shells",
            8e6,
            approx="at_least",
            source="Seoul's spy agency",
            article="a1",
        ),
        _claim(
            "shells_supplied", "up to 9 million shells", None, 9e6, approx="at_most", article="a2"
        ),
        _claim(
            "shells_supplied",
            "more than 12 million shells",
            12e6,
            approx="at_least",
            source=HOSTILE,
            article="a3",
        ),
    ]
    return claims, topic, arts
