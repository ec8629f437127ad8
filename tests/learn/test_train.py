"""`tally train` on a user's own labels (our own short ferry stories), alone and with the shared data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tally.cli import app
from tally.extract import extract_many
from tally.extract.choose import load_models
from tally.ingest import iter_articles
from tally.types import Article

pytestmark = pytest.mark.model
pytest.importorskip("lightgbm")

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def _train(tmp_path: Path, name: str, *extra: str) -> tuple[int, str, Path]:
    out = tmp_path / name
    args = ["train", "-o", str(out), "--gold", str(DATA / "ferry.gold.jsonl"), "--corpus", str(DATA / "corpus"), *extra]
    result = CliRunner().invoke(app, args)
    return result.exit_code, result.output, out


def test_training_on_own_labels_writes_a_model_that_extraction_uses(tmp_path: Path) -> None:
    code, output, model = _train(tmp_path, "own.json", "--no-shared")
    assert code == 0, output
    data = json.loads(model.read_text())
    assert data["trained_on"]["gold"][0]["file"].endswith("ferry.gold.jsonl")
    assert data["trained_on"]["examples"]["source"]["figures"] >= 8
    articles = [a for a in iter_articles([DATA / "corpus"]) if isinstance(a, Article)]
    claims = [c for cl in extract_many(articles, models=load_models(model)) for c in cl]
    assert claims and all("source.candidates" in c.rules for c in claims)


def test_training_is_deterministic(tmp_path: Path) -> None:
    first = _train(tmp_path, "a.json", "--no-shared")[2].read_bytes()
    second = _train(tmp_path, "b.json", "--no-shared")[2].read_bytes()
    assert first == second


def test_a_gold_file_needs_its_corpus(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["train", "-o", str(tmp_path / "m.json"), "--gold", str(DATA / "ferry.gold.jsonl")])
    assert result.exit_code == 2
    assert result.output.strip().startswith("T701") and len(result.output.strip().splitlines()) == 1


def test_a_labelled_document_missing_from_the_corpus_is_named(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(DATA / "corpus" / "ferry-1.txt", corpus)
    result = CliRunner().invoke(app, ["train", "-o", str(tmp_path / "m.json"), "--no-shared",
                                      "--gold", str(DATA / "ferry.gold.jsonl"), "--corpus", str(corpus)])  # fmt: skip
    assert result.exit_code == 2
    assert "ferry.gold.jsonl" in result.output and "ferry-2.txt" in result.output


@pytest.mark.slow
def test_own_labels_join_the_shared_data(tmp_path: Path) -> None:
    if not (SHARED / "eval").is_dir():
        pytest.skip("../shared is not on this machine")
    code, output, model = _train(tmp_path, "both.json", "--shared", str(SHARED))
    assert code == 0, output
    files = [g["file"] for g in json.loads(model.read_text())["trained_on"]["gold"]]
    assert files[:3] == ["seeds.gold.jsonl", "dev.gold.jsonl", "train.gold.jsonl"]
    assert files[3].endswith("ferry.gold.jsonl")
