"""Runs without spaces cut before spaCy's tokenizer sees them.

The tokenizer strips a token's prefixes and suffixes one at a time, searching the rest again
each time, so a run such as 8,000 "(" or '"' costs quadratic time (26 s for a 16 KB file); no
word or figure is that long.
"""

from __future__ import annotations

from tally import rx as re  # linear-time matching: see tally/rx.py

MAX_TOKEN_CHARS = 64  # the longest run without spaces the tokenizer sees
_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_TOKEN_CHARS + 1))


def tokenizable(text: str) -> str:
    """The text with a space put in place of every ``MAX_TOKEN_CHARS + 1``-th character of a
    run without spaces: same length, so offsets hold, but no token longer than that."""
    if not _LONG_RUN.search(text):
        return text

    def cut(m: re.Match[str]) -> str:
        run = m.group()
        step = MAX_TOKEN_CHARS + 1
        return "".join(run[i : i + MAX_TOKEN_CHARS] + " " for i in range(0, len(run), step))[: len(run)]

    return _LONG_RUN.sub(cut, text)
