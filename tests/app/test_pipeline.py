"""The pipeline on real files: ingest -> extract -> classify -> store -> reconcile -> report."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tally import app as pipeline
from tally.app import Printed, Recorder
from tally.errors import InputError, StoreError, TopicError
from tally.store import Store
from tally.options import IngestOptions, IngestResult, ReportOptions

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[2]

FIRST = (
    "Floods in the Tarn valley\n\n"
    "Heavy rain flooded the Tarn valley this week. Regional officials said on Monday that at "
    "least 12 people had been killed by the floods and that rescuers had reached every village "
    "on the left bank. The fire service said crews were still searching for 30 missing people.\n"
)
SECOND = (
    "Tarn death toll rises\n\n"
    "The death toll from the floods in the Tarn valley has risen to 19, the regional governor "
    "said on Thursday. More than 5,000 people have now fled their homes, according to the Red "
    "Cross, which opened shelters in three schools.\n"
)
TOPIC = """\
name = "Floods in the Tarn valley"

[[quantity]]
id = "flood_evacuated"
label = "People who left their homes"
near = ["fled", "evacuated", "left their homes"]

[[quantity]]
id = "flood_deaths"
label = "People killed by the floods"
outcomes = ["killed"]
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "tarn-monday.txt").write_text(FIRST, encoding="utf-8")
    (folder / "tarn-thursday.txt").write_text(SECOND, encoding="utf-8")
    return folder


@pytest.fixture
def topic(tmp_path: Path) -> Path:
    path = tmp_path / "floods.toml"
    path.write_text(TOPIC, encoding="utf-8")
    return path


def quiet() -> Recorder:
    return Recorder()


def ingest(corpus: Path, db: Path, topic: Path | None = None) -> IngestResult:
    options = IngestOptions(db=db, topic=topic, progress=False, published="2025-03-08")
    return pipeline.ingest_paths([corpus], options, quiet())


def test_ingest_stores_articles_with_classified_claims(
    corpus: Path, topic: Path, tmp_path: Path
) -> None:
    db = tmp_path / "t.db"
    result = ingest(corpus, db, topic)
    assert (result.added, result.skipped, result.errors) == (2, 0, [])
    with Store(db) as store:
        claims = store.claims()
        assert {a.name for a in store.articles()} == {"tarn-monday.txt", "tarn-thursday.txt"}
    assert result.claims == len(claims) > 0
    deaths = {c.low for c in claims if c.quantity == "flood_deaths"}
    assert {12.0, 19.0} <= deaths
    assert {c.doc for c in claims} == {"tarn-monday.txt", "tarn-thursday.txt"}


def test_ingesting_the_same_content_twice_changes_nothing(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    ingest(corpus, db)
    with Store(db) as store:
        before = (store.articles(), store.claims())
    again = ingest(corpus, db)
    assert (again.added, again.skipped, again.claims) == (0, 2, 0)
    with Store(db) as store:
        assert (store.articles(), store.claims()) == before


def test_a_near_copy_under_another_name_is_stored_as_duplicate(
    corpus: Path, tmp_path: Path
) -> None:
    (corpus / "mirror.txt").write_text(FIRST + "\nShare this story.\n", encoding="utf-8")
    result = ingest(corpus, tmp_path / "t.db")
    assert (result.added, result.duplicates) == (3, 1)


def test_a_bad_topic_stops_before_anything_is_stored(corpus: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\n[[quantity]]\nid = "a"\ncolour = "red"\n', encoding="utf-8")
    db = tmp_path / "t.db"
    with pytest.raises(TopicError) as info:
        ingest(corpus, db, bad)
    assert str(bad) in str(info.value)
    assert not db.exists()


def test_published_option_dates_undated_articles(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    ingest(corpus, db)
    with Store(db) as store:
        assert {a.published for a in store.articles()} == {"2025-03-08"}


def test_report_json_lists_an_estimate_per_quantity(
    corpus: Path, topic: Path, tmp_path: Path
) -> None:
    db = tmp_path / "t.db"
    ingest(corpus, db, topic)
    out = io.StringIO()
    pipeline.report(ReportOptions(db=db, topic=topic, format="json"), Printed(out=out))
    estimates = json.loads(out.getvalue())["estimates"]
    deaths = next(e for e in estimates if e["quantity"] == "flood_deaths")
    assert deaths["high"] is None or deaths["high"] >= 19


def test_report_writes_an_html_page(corpus: Path, topic: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    ingest(corpus, db, topic)
    page = tmp_path / "report.html"
    pipeline.report(ReportOptions(db=db, topic=topic, output=page), quiet())
    html = page.read_text(encoding="utf-8")
    assert "<html" in html.lower() and "flood_deaths" in html


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_to_a_file_writes_every_stored_claim(corpus: Path, tmp_path: Path, fmt: str) -> None:
    db = tmp_path / "t.db"
    result = ingest(corpus, db)
    out = tmp_path / f"claims.{fmt}"
    options = ReportOptions(db=db, include_comments=True)
    written = pipeline.export_claims(options, fmt, out)  # type: ignore[arg-type]
    lines = out.read_text(encoding="utf-8").splitlines()
    assert written == result.claims == len(lines) - (1 if fmt == "csv" else 0)


@pytest.mark.parametrize("command", ["report", "export"])
def test_reading_commands_refuse_a_missing_database(tmp_path: Path, command: str) -> None:
    db = tmp_path / "nothing.db"
    with pytest.raises(StoreError, match="nothing.db"):
        if command == "report":
            pipeline.report(ReportOptions(db=db), quiet())
        else:
            pipeline.export_claims(ReportOptions(db=db), "jsonl", io.StringIO())
    assert not db.exists()


def test_ingest_text_stores_a_pasted_article(topic: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    options = IngestOptions(db=db, topic=topic, progress=False)
    result = pipeline.ingest_text(SECOND, {"title": "Pasted", "published": "2025-03-08"}, options)
    assert result.added == 1 and len(result.article_ids) == 1
    with Store(db) as store:
        article = store.article(result.article_ids[0])
        assert article is not None and article.published == "2025-03-08"
        assert any(c.quantity == "flood_deaths" for c in store.claims())
    assert pipeline.ingest_text(SECOND, {}, options).skipped == 1


def test_the_bundled_examples_are_found() -> None:
    examples = pipeline.examples_dir()
    assert (examples / "dprk-russia.toml").is_file()
    assert any((examples / "corpus").iterdir())


@pytest.mark.slow
def test_the_readme_python_example_runs(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (tmp_path / "example.py").write_text(readme.split("```python\n", 1)[1].split("```", 1)[0])
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    done = subprocess.run(
        [sys.executable, "example.py"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    with Store(tmp_path / "news.db") as store:
        assert store.stats()["classified"] > 0
    assert "dprk_" in done.stdout


@pytest.mark.parametrize("text", ["", "  \n\t ", "title: Only a header\n---\n"])
def test_ingest_text_refuses_an_empty_paste(tmp_path: Path, text: str) -> None:
    db = tmp_path / "t.db"
    with pytest.raises(InputError, match="empty"):
        pipeline.ingest_text(text, {}, IngestOptions(db=db, progress=False))
    with Store(db) as store:
        assert store.articles() == []
