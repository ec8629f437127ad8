"""Shared fixtures: where the shared corpus lives, and a blank spaCy pipeline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "eval" / "seeds.gold.jsonl"
SCORER = SHARED / "eval" / "score.py"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five real seed articles; skipped on a machine without ../shared."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not on this machine")
    return SEEDS


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


CHROMIUM = Path("/usr/bin/chromium")
# Debian's chromium as root, offline: no sandbox, no background traffic to Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One headless Debian chromium for the whole run, driven by Playwright."""
    playwright = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# The throwaway PostgreSQL server (postgres_server, postgres_url) for every test folder.
pytest_plugins = ["tests.postgres", "tests.shared_notice"]
