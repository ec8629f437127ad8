"""What a chooser may read of an article: its sentences, their parses and what the rules found.

The extractor's rules decide every field first; this is the record they leave for the
choosers (``tally.extract.choose``), which propose other candidates and let a trained model
pick. Nothing here decides anything.
"""

from __future__ import annotations

from tally import rx as re  # linear-time matching: see tally/rx.py
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc

from tally.dates import DateExpr
from tally.types import Article, Claim


@dataclass
class SentenceView:
    """One sentence: where it starts, its text, its paragraph and part, and its parse if any."""

    start: int
    text: str
    paragraph: int
    part: str
    doc: Doc | None = None
    # Each name the rules read as a speaker in this sentence, with the rule that found it.
    speakers: list[tuple[str, str]] = field(default_factory=list)
    dates: list[DateExpr] = field(default_factory=list)  # the dates it resolves to
    figures: list[tuple[int, int]] = field(default_factory=list)  # its figures' (start, end)


@dataclass
class ArticleView:
    """An article as the choosers see it: sentences in order, and the rules' claims."""

    article: Article
    sentences: list[SentenceView]
    claims: list[Claim] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    _words: dict[str, int] | None = None
    _first: dict[str, int] = field(default_factory=dict)
    _by_sentence: dict[int, list[Claim]] = field(default_factory=dict)
    # Each field's candidates per claim, made once: training reads them in every fold.
    candidates: dict[str, list] = field(default_factory=dict)

    def sentence_of(self, claim: Claim) -> int:
        """The index of the sentence a claim was read from."""
        if not self._starts:
            self._starts = [s.start for s in self.sentences]
        return max(0, bisect_right(self._starts, claim.sentence_start) - 1)

    def claims_in(self, sentence: int) -> list[Claim]:
        """The claims read from one sentence, in order."""
        if not self._by_sentence:
            for claim in self.claims:
                self._by_sentence.setdefault(self.sentence_of(claim), []).append(claim)
        return self._by_sentence.get(sentence, [])

    def word_count(self, word: str) -> int:
        """How often a (lower-case) word occurs in the article."""
        self._index_words()
        return self._words.get(word, 0) if self._words else 0

    def first_offset(self, word: str) -> int:
        """Where a (lower-case) word first occurs in the article, or -1."""
        self._index_words()
        return self._first.get(word, -1)

    def _index_words(self) -> None:
        if self._words is not None:
            return
        counts: dict[str, int] = {}
        for m in re.finditer(r"[a-z0-9]+", self.article.text.lower()):
            w = m.group()
            counts[w] = counts.get(w, 0) + 1
            self._first.setdefault(w, m.start())
        self._words = counts
