"""Hand-written articles and claims for the store tests (a flood story in our own words)."""

from __future__ import annotations

import hashlib

from tally.types import Article, Claim, Segment

BODY = (
    "Officials in the capital said on Tuesday that the river had risen by three metres overnight "
    "and that about 4,000 residents had left their homes in the low districts. Rescue teams "
    "reported that at least 12 people had died and dozens more were missing after the bridge "
    "near the old market gave way under the weight of the water."
)


def make_article(text: str = BODY, origin: str = "data/flood.txt", **kw: object) -> Article:
    segments = kw.pop("segments", [Segment("body", 0, len(text))])
    return Article(
        id=hashlib.sha256(text.encode()).hexdigest()[:16],
        origin=origin,
        text=text,
        segments=segments,  # type: ignore[arg-type]
        outlet="River Times",
        title="Flood",
        published="2025-03-04",
        published_origin="given",
        **kw,  # type: ignore[arg-type]
    )


def make_claims(article: Article) -> list[Claim]:
    start = article.text.find("4,000")
    return [
        Claim(
            sentence=article.text[:200],
            mention="about 4,000 residents",
            start=start,
            end=start + 5,
            low=4000,
            approx="about",
            unit="residents",
            outcome="displaced",
            source="Officials",
            source_chain=["Officials", "River Times"],
            as_of="2025-03",
            quantity="displaced",
            confidence=0.8,
        ),
        Claim(
            sentence="A reader wrote 50 people died.",
            mention="50 people",
            start=10,
            end=19,
            low=50,
            unit="people",
            part="comment",
        ),
    ]
