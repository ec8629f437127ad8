"""Fixtures for the web app: stores built by hand and through the real pipeline, a client that
comes from loopback, and a live server on a free loopback port for the browser."""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tally.store import Store
from tally.options import IngestOptions
from tally.extract.fields import fill
from tally.types import Article, Claim, Segment
from tally.web.server import create_app

TOKEN = "test-token-1234"
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
TOPIC = EXAMPLES / "dprk-russia.toml"

# Articles written for these tests. The XSS one carries markup that must only ever be text.
XSS_SCRIPT = "<script>window.__pwned=1</script>"
XSS_IMG = '<img src=x onerror="window.__pwned=1">'
XSS_TEXT = (
    "title: Flood relief <b>update</b>\n"
    "outlet: River Gazette\n"
    "published: 2025-05-02\n"
    "---\n"
    f"Rescue crews moved about 4,000 residents out of the valley overnight. {XSS_SCRIPT}\n\n"
    f"Officials said 12 shelters were open on Friday. {XSS_IMG}\n"
)
UPLOAD_TEXT = (
    "title: Shelter count rises after the storm\n"
    "outlet: Coastal Courier\n"
    "published: 2025-06-10\n"
    "---\n"
    "The regional authority said on Tuesday that 2,350 people were staying in emergency "
    "shelters after the storm, up from about 1,900 a day earlier.\n"
)


def loopback_client(app: FastAPI) -> TestClient:
    """A test client that looks like a browser on the same machine."""
    return TestClient(app, base_url="http://127.0.0.1:8000", client=("127.0.0.1", 50123))


def remote_client(app: FastAPI) -> TestClient:
    """A test client that looks like another machine on the network."""
    return TestClient(app, base_url="http://192.168.1.20:8000", client=("192.168.1.7", 50124))


def handmade_article(text: str, segments: list[Segment] | None = None, **meta: str) -> Article:
    """An article with a made-up id, stored without the text pipeline."""
    ident = hashlib.sha1(text.encode()).hexdigest()
    return Article(id=ident, origin=f"{ident[:8]}.txt", text=text, segments=segments or [], **meta)


def claim_for(text: str, mention: str, sentence: str, **fields: object) -> Claim:
    """A claim whose mention and sentence are located in ``text``, with the fields extract
    reads from the sentence."""
    start = text.index(sentence)
    at = text.index(mention, start)
    return fill([Claim(
        sentence=sentence,
        mention=mention,
        start=at,
        end=at + len(mention),
        sentence_start=start,
        **fields,
    )])[0]


@pytest.fixture
def handmade_db(tmp_path: Path) -> Path:
    """A store with two sources on one quantity, one with a reader comment, and the XSS
    article, written through the Store API (no spaCy)."""
    db = tmp_path / "hand.db"
    first = (
        "Rescue crews moved about 4,000 residents out of the valley, the civil defence agency "
        "said on Monday. Roads stayed closed.\nI think it was 9,000 people at least."
    )
    body_end = first.index("\nI think")
    second = "The Red Cross said 5,200 residents had been evacuated by Wednesday."
    xss = f"Officials said 12 shelters were open. {XSS_SCRIPT} {XSS_IMG} More soon."
    with Store(db) as store:
        a1 = handmade_article(
            first,
            [Segment("body", 0, body_end), Segment("comment", body_end, len(first))],
            outlet="Valley News",
            title="Valley evacuated",
            published="2025-03-03",
            published_origin="given",
        )
        store.add_article(
            a1,
            [
                claim_for(
                    first,
                    "about 4,000",
                    first[: first.index("Roads")].strip(),
                    low=4000,
                    approx="about",
                    unit="residents",
                    outcome="evacuated",
                    source="civil defence agency",
                    as_of="2025-03-03",
                    quantity="evacuated",
                ),
                claim_for(
                    first,
                    "9,000",
                    "I think it was 9,000 people at least.",
                    low=9000,
                    approx="at_least",
                    unit="residents",
                    outcome="evacuated",
                    part="comment",
                    quantity="evacuated",
                ),
            ],
        )
        a2 = handmade_article(
            second,
            outlet="Wire <i>Service</i>",
            title="Evacuations",
            published="2025-03-05",
            published_origin="inferred",
        )
        store.add_article(
            a2,
            [
                claim_for(
                    second,
                    "5,200",
                    second,
                    low=5200,
                    unit="residents",
                    outcome="evacuated",
                    source="the Red Cross",
                    as_of="2025-03-05",
                    quantity="evacuated",
                )
            ],
        )
        a3 = handmade_article(xss, title=f"Shelters {XSS_SCRIPT}", outlet="River Gazette")
        store.add_article(
            a3,
            [
                claim_for(
                    xss,
                    "12",
                    "Officials said 12 shelters were open.",
                    low=12,
                    unit="shelters",
                    quantity="shelters_open",
                    source=XSS_IMG,
                )
            ],
        )
    return db


@pytest.fixture
def hand_app(handmade_db: Path) -> FastAPI:
    return create_app(handmade_db, token=TOKEN)


@pytest.fixture
def client(hand_app: FastAPI) -> Iterator[TestClient]:
    with loopback_client(hand_app) as c:
        yield c


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled example corpus and the XSS article, through the real pipeline."""
    from tally.app import ingest_paths

    folder = tmp_path_factory.mktemp("corpus")
    (folder / "xss-floods.txt").write_text(XSS_TEXT, encoding="utf-8")
    db = folder / "corpus.db"
    options = IngestOptions(db=db, topic=TOPIC, progress=False)
    result = ingest_paths([EXAMPLES / "corpus", folder / "xss-floods.txt"], options)
    assert result.added >= 6 and not result.errors
    return db


@dataclass
class LiveServer:
    """A running app: its base URL, the app and the database under it."""

    url: str
    app: FastAPI
    db: Path


@contextmanager
def serving(app: FastAPI, db: Path) -> Iterator[LiveServer]:
    """Serve ``app`` with uvicorn on a free loopback port in a thread, until the block ends."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", app, db)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(corpus_db: Path) -> Iterator[LiveServer]:
    """The app over the corpus (read-only use: tests that write get their own server)."""
    with serving(create_app(corpus_db, token=TOKEN, topic=TOPIC), corpus_db) as live:
        yield live


@pytest.fixture
def empty_server(tmp_path: Path) -> Iterator[LiveServer]:
    """The app over an empty database, with the example topic, for tests that ingest."""
    db = tmp_path / "empty.db"
    with serving(create_app(db, token=TOKEN, topic=TOPIC), db) as live:
        yield live
