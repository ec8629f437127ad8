"""Hypothesis strategies for news-like and hostile text, shared by the property tests."""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st

# Bounded so that the suite stays within CI's time: each property runs this many examples.
settings.register_profile("tally", max_examples=60, deadline=None, derandomize=True)
settings.load_profile("tally")

PIECES = [
    "12", "2,500", "1.28", "309", "9" * 40, "-4", "0.5", "$", "€", "%", " percent", "per cent",
    " million", " thousand", " mıllıon", " bn", "k", " or ", " to ", " and ", "between ", "from ",
    "about ", "more than ", "up to ", "nearly ", "a third of ", "half of ", "dozens of ",
    "3/4 of ", "2025", "March 3, 2025", "on Friday", "(Reuters) -", "KYIV, ", " soldiers",
    " troops", " people were killed", " said ", "officials", "the ministry", '"', "“", "”",
    ", ", ". ", "; ", "\n", "\n\n", " ", "---", "title: x\n", "published: unknown\n",
    "Reply", "Share", "Comments", "11 000", "Власти", "정부는", "\u00a0", "\u2009", "\ufeff",
]  # fmt: skip

news_text = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=60
).map("".join)
"""Text made of figures, hedges, scale words, quotes, dates, markup and stray characters."""
