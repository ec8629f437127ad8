"""Who said a figure: source names normalised to one key, a kind and a weight.

The table lives in ``sources.toml`` next to this module (see its comments); users pass their
own with :func:`load_sources`. A claim without a source is the outlet's own report, keyed by
the outlet (or the article) of the original article when it is a near-duplicate of another.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tally.errors import TopicError
from tally.types import Article, Claim

DEFAULT_PATH = Path(__file__).with_name("sources.toml")
_DROP = re.compile(r"\b(the|a|an|of the)\b")
_PUNCT = re.compile(r"[^a-z0-9 ]+")


@dataclass(frozen=True)
class Source:
    """One independent source: a stable key, a label for readers, a kind and its weight."""

    key: str
    label: str
    kind: str
    weight: float


@dataclass
class SourceTable:
    """The source kinds, their weights and the alias table, as read from a TOML file."""

    words: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, dict[str, object]] = field(default_factory=dict)
    belligerents: list[str] = field(default_factory=list)
    aliases: list[dict[str, object]] = field(default_factory=list)
    _cache: dict[str, Source] = field(default_factory=dict, repr=False, compare=False)
    _norm_cache: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def weight(self, kind: str) -> float:
        """The weight of a source kind (0.5 for a kind the table does not know)."""
        value = self.kinds.get(kind, {}).get("weight", 0.5)
        return float(value) if isinstance(value, int | float) else 0.5

    def kind_label(self, kind: str) -> str:
        """The reader's name of a kind ("intelligence agency")."""
        return str(self.kinds.get(kind, {}).get("label", kind.replace("_", " ")))

    def normalise(self, name: str) -> str:
        """Lower case, no articles, possessives or punctuation; demonyms replaced by countries."""
        cached = self._norm_cache.get(name)
        if cached is None:
            cached = self._norm_cache[name] = self._normalise(name)
        return cached

    def _normalise(self, name: str) -> str:
        text = unicodedata.normalize("NFKC", name).lower().replace("’", "'")
        text = re.sub(r"'s\b|s'(?=\s|$)", "", text).replace("u.s.", "us").replace("u.k.", "uk")
        text = _PUNCT.sub(" ", text)
        text = " " + _DROP.sub(" ", text) + " "
        # Longest first, so "south korean" is replaced before "korean" could be.
        for word in sorted(self.words, key=len, reverse=True):
            text = text.replace(f" {word} ", f" {self.words[word]} ")
        return " ".join(text.split())

    def lookup(self, name: str) -> Source:
        """The source a name refers to: an alias entry, else a key made from the name itself."""
        cached = self._cache.get(name)
        if cached is None:
            cached = self._cache[name] = self._lookup(name)
        return cached

    def _lookup(self, name: str) -> Source:
        norm = self.normalise(name)
        for alias in self.aliases:
            matches = alias.get("match", [])
            contains = alias.get("contains", [])
            if (isinstance(matches, list) and norm in matches) or (
                isinstance(contains, list) and any(str(c) in norm for c in contains)
            ):
                kind = str(alias.get("kind", "other"))
                return Source(str(alias["key"]), str(alias["label"]), kind, self.weight(kind))
        kind = self.guess_kind(norm)
        return Source(norm, name.strip(), kind, self.weight(kind))

    def guess_kind(self, norm: str) -> str:
        """The kind of an unlisted source from the keywords of each kind, in table order."""
        padded = f" {norm} "
        for kind, spec in self.kinds.items():
            keywords = spec.get("keywords", [])
            if isinstance(keywords, list) and any(f" {k} " in padded for k in keywords):
                if kind in ("government", "intelligence_agency") and self._belligerent(norm):
                    return "belligerent_government"
                return kind
        return "other"

    def _belligerent(self, norm: str) -> bool:
        return any(f" {c} " in f" {norm} " for c in self.belligerents)


def load_sources(path: str | Path | None = None) -> SourceTable:
    """Read a source table (the packaged ``sources.toml`` when no path is given).

    Raises:
        TopicError: The file cannot be read or is not a valid source table.
    """
    where = Path(path) if path is not None else DEFAULT_PATH
    try:
        data = tomllib.loads(where.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise TopicError(f"cannot read the source table: {exc}", path=str(where)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise TopicError(f"bad TOML in the source table: {exc}", path=str(where)) from exc
    aliases = data.get("alias", [])
    if not isinstance(aliases, list) or any(
        not isinstance(a, dict) or "key" not in a or "label" not in a for a in aliases
    ):
        raise TopicError("every [[alias]] needs a key and a label", path=str(where))
    return SourceTable(
        words={str(k): str(v) for k, v in data.get("words", {}).items()},
        kinds={str(k): dict(v) for k, v in data.get("kinds", {}).items()},
        belligerents=[str(c) for c in data.get("belligerents", {}).get("countries", [])],
        aliases=aliases,
    )


def original_article(article_id: str | None, articles: Mapping[str, Article]) -> Article | None:
    """The article a near-duplicate repeats (following chains), or the article itself."""
    seen: set[str] = set()
    article = articles.get(article_id) if article_id else None
    while article is not None and article.duplicate_of and article.duplicate_of not in seen:
        seen.add(article.id)
        nxt = articles.get(article.duplicate_of)
        if nxt is None:
            break
        article = nxt
    return article


def claim_source(claim: Claim, table: SourceTable, articles: Mapping[str, Article]) -> Source:
    """The independent source of a claim: its named source, else the (original) outlet."""
    if claim.source and claim.source.strip():
        return table.lookup(claim.source)
    original = original_article(claim.article_id, articles)
    weight = table.weight("outlet")
    if original is not None and original.outlet:
        return Source(
            "outlet:" + table.normalise(original.outlet), original.outlet, "outlet", weight
        )
    if original is not None:
        return Source("article:" + original.id, original.name, "outlet", weight)
    doc = claim.doc or claim.article_id or "unknown article"
    return Source("article:" + doc, doc, "outlet", weight)
