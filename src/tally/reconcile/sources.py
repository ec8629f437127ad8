"""Who said a figure: one identity per source, however the texts spell it, with a kind and weight.

A name is normalised before it is looked up: case, "the", possessives, punctuation and role
words ("spokesman") go; every country's capital, demonym and long name (from countryinfo)
becomes the country ("Seoul's spy agency" -> "south korea intelligence agency"); the word
order does not matter ("Ministry of the Interior" = "Interior Ministry"). An acronym is the
source whose initials it spells, when the corpus or the table names that source in full
("NIS" = "National Intelligence Service"). The packaged ``sources.toml`` holds only what is
true of every topic (kinds, weights, spelling variants); a topic's ``[sources]`` table and a
user's own table add canonical names, aliases and the belligerents of a war.
"""

from __future__ import annotations

from tally import rx as re  # linear-time matching: see tally/rx.py
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from tally import lexicon
from tally.errors import TopicError
from tally.types import Article, Claim, SourceDef, Topic

DEFAULT_PATH = Path(__file__).with_name("sources.toml")
_DROP = {"the", "a", "an", "of", "for", "and", "on", "in", "at", "by", "to"}
# Words that name a person speaking for a body, not another body: "a police spokesman" = police.
_ROLE = {"spokesman", "spokeswoman", "spokesperson", "statement", "spokespeople", "said"}
_PUNCT = re.compile(r"[^a-z0-9 ]+")
_PAREN = re.compile(r"\(([^)]*)\)")
# Capitals that are also English words or common names: never read as a country.
_NOT_CAPITALS = {"male", "victoria", "kingston", "hamilton", "georgetown", "saint", "city",
                 "the valley", "road town", "avarua", "alofi", "apia"}  # fmt: skip


def _fold(text: str) -> str:
    """Lower case, accents and curly quotes folded, possessives dropped."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    text = text.encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\b(?:[a-z]\.){2,}", lambda m: m.group(0).replace(".", ""), text)  # N.I.S.
    return re.sub(r"'s\b|s'(?=\s|$)", "", text)


@lru_cache(maxsize=1)
def country_words() -> dict[str, str]:
    """Every country's capital, demonym and long names, folded, mapped to its folded name."""
    from countryinfo import all_countries  # imported late: loading the data takes ~0.1 s

    out: dict[str, tuple[float, str]] = {}
    names: set[str] = set()
    for country in all_countries():
        info = country.info()
        name = " ".join(_PUNCT.sub(" ", _fold(str(info.get("name", "")))).split())
        if not name:
            continue
        names.add(name)
        population = float(info.get("population") or 0)
        capital = str(info.get("capital") or "").replace(" D.C.", "")
        variants = [capital, str(info.get("demonym") or "")]
        variants += [s for s in info.get("altSpellings") or [] if len(str(s)) > 3]
        for variant in variants:
            folded = " ".join(_PUNCT.sub(" ", _fold(str(variant))).split())
            # A demonym several territories share ("American") is the most populous one's.
            if folded and folded not in _NOT_CAPITALS and population >= out.get(folded, (-1.0, ""))[0]:
                out[folded] = (population, name)
    words = {variant: name for variant, (_, name) in out.items()}
    # A country's own name is kept, never rewritten by a shorter variant.
    return words | {name: name for name in names}


@dataclass(frozen=True)
class Source:
    """One independent source: a stable key, a label for readers, a kind and its weight."""

    key: str
    label: str
    kind: str
    weight: float


@dataclass(frozen=True)
class _Alias:
    source: Source
    match: frozenset[str]  # keys (sorted words) that are this source
    contains: tuple[str, ...]  # normalised phrases that, inside a name, make it this source


@dataclass
class SourceTable:
    """The source kinds, their weights, spelling variants, aliases and belligerents."""

    words: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, dict[str, object]] = field(default_factory=dict)
    belligerents: list[str] = field(default_factory=list)
    aliases: list[dict[str, object]] = field(default_factory=list)
    acronyms: dict[str, Source] = field(default_factory=dict)
    _entries: list[_Alias] | None = field(default=None, repr=False, compare=False)
    _cache: dict[str, Source] = field(default_factory=dict, repr=False, compare=False)
    _norm_cache: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    _pattern: re.Pattern[str] | None = field(default=None, repr=False, compare=False)

    def weight(self, kind: str) -> float:
        """The weight of a source kind (0.5 for a kind the table does not know)."""
        value = self.kinds.get(kind, {}).get("weight", 0.5)
        return float(value) if isinstance(value, int | float) else 0.5

    def kind_label(self, kind: str) -> str:
        """The reader's name of a kind ("intelligence agency")."""
        return str(self.kinds.get(kind, {}).get("label", kind.replace("_", " ")))

    def normalise(self, name: str) -> str:
        """Folded words in order, without articles, role words or punctuation; places named
        by their country ("Seoul's spy agency" -> "south korea intelligence agency")."""
        cached = self._norm_cache.get(name)
        if cached is None:
            cached = self._norm_cache[name] = self._normalise(name)
        return cached

    def _replacer(self) -> re.Pattern[str]:
        if self._pattern is None:
            table = {**country_words(), **self.words}
            # Longest first, one pass: "american samoan" is read before "american" could be.
            alts = sorted(table, key=len, reverse=True)
            self._pattern = re.compile(r"(?<![a-z0-9])(" + "|".join(map(re.escape, alts)) + r")(?![a-z0-9])")
        return self._pattern

    def _normalise(self, name: str) -> str:
        text = _PUNCT.sub(" ", _fold(_PAREN.sub(" ", name)))
        table = {**country_words(), **self.words}
        text = self._replacer().sub(lambda m: table[m.group(1)], " ".join(text.split()))
        words = [w for w in text.split() if w not in _DROP]
        kept = [w for w in words if w not in _ROLE]
        return " ".join(kept or words)

    def key(self, name: str) -> str:
        """The identity of an unlisted name: its normalised words, in sorted order."""
        return " ".join(sorted(set(self.normalise(name).split())))

    def _alias_entries(self) -> list[_Alias]:
        if self._entries is None:
            entries = []
            for alias in self.aliases:
                kind = str(alias.get("kind", "other"))
                weight = alias.get("weight")
                source = Source(
                    str(alias["key"]),
                    str(alias["label"]),
                    kind,
                    float(weight) if isinstance(weight, int | float) else self.weight(kind),
                )
                names = [str(m) for m in _as_list(alias.get("match"))]
                contains = [str(c) for c in _as_list(alias.get("contains"))]
                entries.append(
                    _Alias(
                        source,
                        frozenset(self.key(n) for n in names),
                        tuple(self.normalise(c) for c in contains if self.normalise(c)),
                    )
                )
            self._entries = entries
        return self._entries

    def lookup(self, name: str) -> Source:
        """The source a name refers to: an alias entry or acronym, else one made from the name."""
        cached = self._cache.get(name)
        if cached is None:
            cached = self._cache[name] = self._lookup(name)
        return cached

    def _lookup(self, name: str) -> Source:
        key, norm = self.key(name), self.normalise(name)
        entries = self._alias_entries()
        for entry in entries:
            if key in entry.match:
                return entry.source
        padded = f" {norm} "
        for entry in entries:
            if any(f" {c} " in padded for c in entry.contains):
                return entry.source
        written_as_acronym = any(w.replace(".", "") == norm.upper() for w in name.split())
        if written_as_acronym and " " not in norm and norm in self.acronyms:
            return self.acronyms[norm]
        kind = self.guess_kind(norm)
        label = re.sub(r"^(the|a|an)\s+", "", name.strip(), flags=re.IGNORECASE)
        label = label[:1].upper() + label[1:]  # "police" and "Police" read as one name
        return Source(key, label, kind, self.weight(kind))

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
        return any(f" {self.normalise(c)} " in f" {norm} " for c in self.belligerents)

    def extended(
        self, topic: Topic | None = None, names: Iterable[str] = (), user: SourceTable | None = None
    ) -> SourceTable:
        """This table with a user's table, a topic's sources and belligerents, and the acronyms
        that the given names spell out ("National Intelligence Service" makes "NIS" one with it).

        Args:
            topic: Its ``[sources]`` become aliases, its ``belligerents`` replace the table's.
            names: Every source name of the corpus, to learn acronyms from.
            user: A user's own source table, whose aliases come before the packaged ones.

        Returns:
            A new table; this one is not changed.
        """
        aliases = list(user.aliases if user else []) + list(self.aliases)
        words = {**self.words, **(user.words if user else {})}
        kinds = {**self.kinds, **(user.kinds if user else {})}
        belligerents = list(user.belligerents if user and user.belligerents else self.belligerents)
        if topic is not None:
            aliases = [_topic_alias(d) for d in topic.sources] + aliases
            if topic.belligerents is not None:
                belligerents = list(topic.belligerents)
        out = SourceTable(words=words, kinds=kinds, belligerents=belligerents, aliases=aliases)
        out.acronyms = out._learn_acronyms(
            [*names, *(d.name for d in topic.sources)] if topic else names
        )
        return out

    def _learn_acronyms(self, names: Iterable[str]) -> dict[str, Source]:
        found: dict[str, set[Source]] = {}
        for name in set(names):
            for inner in _PAREN.findall(name):  # "National Intelligence Service (NIS)"
                if re.fullmatch(r"[A-Z][A-Z.]{1,7}", inner.strip()):
                    found.setdefault(inner.replace(".", "").lower(), set()).add(self.lookup(name))
            initials = _initials(name)
            if initials:
                found.setdefault(initials, set()).add(self.lookup(name))
        # An acronym that two different bodies share is left alone.
        return {acr: next(iter(s)) for acr, s in found.items() if len(s) == 1}


@lru_cache(maxsize=1)
def _country_pattern() -> re.Pattern[str]:
    alts = sorted(country_words(), key=len, reverse=True)
    return re.compile(r"(?<![a-z0-9])(" + "|".join(map(re.escape, alts)) + r")(?![a-z0-9])")


def _initials(name: str) -> str | None:
    """The acronym a full name makes, its country left out: "South Korea's National
    Intelligence Service" -> "nis"; None for a name of one word."""
    text = " ".join(_PUNCT.sub(" ", _fold(_PAREN.sub(" ", name))).split())
    words = [w for w in _country_pattern().sub(" ", text).split() if w not in _DROP | _ROLE]
    return "".join(w[0] for w in words) if len(words) >= 2 else None


def _as_list(value: object) -> list[object]:
    return list(value) if isinstance(value, list | tuple) else []


def _topic_alias(source: SourceDef) -> dict[str, object]:
    names = [source.name, *source.aliases]
    alias: dict[str, object] = {
        "key": "src:" + re.sub(r"[^a-z0-9]+", "-", _fold(source.name)).strip("-"),
        "label": source.name,
        "kind": source.kind,
        "match": names,
        "contains": names,
    }
    if source.weight is not None:
        alias["weight"] = source.weight
    return alias


def load_sources(path: str | Path | None = None) -> SourceTable:
    """Read a source table (the packaged ``sources.toml`` when no path is given).

    Args:
        path: A TOML file with ``[words]``, ``[kinds.*]``, ``[belligerents]`` and ``[[alias]]``.

    Returns:
        The table.

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
    # The packaged kinds live in the lexicon; a user's table may add kinds or override them.
    kinds = lexicon.entry("sources.kinds") if path is None else data.get("kinds", {})
    return SourceTable(
        words={_fold(str(k)): _fold(str(v)) for k, v in data.get("words", {}).items()},
        kinds={str(k): dict(v) for k, v in kinds.items()},
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


__all__ = ["Source", "SourceTable", "claim_source", "country_words", "load_sources"]
