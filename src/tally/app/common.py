"""What the application's uses share: the topic file read, the store opened for reading, the
one-line summary of an ingest, the bundled examples."""

from __future__ import annotations

import hashlib
import os
from tally import rx as re  # linear-time matching: see tally/rx.py
from importlib.resources import files
from pathlib import Path

from tally.errors import InputError, OptionError, OutputError, StoreError
from tally.options import IngestResult, ReportOptions
from tally.store import Store
from tally.store.engine import is_url as is_db_url
from tally.store.engine import label
from tally.types import PARTS, Part, Topic

_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def load_topic_file(path: Path | None) -> Topic | None:
    """The topic in this file, or None without one.

    Args:
        path: A topic file (TOML), or None.

    Returns:
        The loaded topic.

    Raises:
        TopicError: The file cannot be read as a topic.
    """
    if path is None:
        return None
    from tally.classify import load_topic

    return load_topic(path)


def is_iso_date(value: str) -> bool:
    """Whether ``value`` is an ISO date of year, month or day precision (2025, 2025-03, 2025-03-14)."""
    from tally.dates import parse_iso

    return bool(_ISO_DATE.fullmatch(value)) and parse_iso(value) is not None


def check_published(value: str | None) -> None:
    """Refuse a publication date that is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY).

    Raises:
        OptionError: The value is not an ISO date.
    """
    if value is not None and not is_iso_date(value):
        raise OptionError(f"the publication date must be an ISO date such as 2025-03-14, not {value[:40]!r}")


def open_existing(db: str | Path) -> Store:
    """The store at ``db``, which must exist: reading commands must not leave an empty
    database behind a typo.

    Raises:
        StoreError: The database does not exist or cannot be opened.
    """
    if not is_db_url(db) and not Path(db).exists():
        raise StoreError("no such database; run `tally ingest` first", path=str(db))
    return Store(db)


def parts_of(options: ReportOptions) -> tuple[Part, ...]:
    """The parts of the articles a report counts: the body, or every part with comments."""
    return PARTS if options.include_comments else ("body",)


def check_writable(path: Path) -> None:
    """Raise OutputError now if ``path`` cannot be written, so that nothing is shown first."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError("is a directory, not a file", path=str(path))
    if not folder.is_dir():
        raise OutputError("cannot write: no such directory", path=str(path))
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise OutputError("cannot write: permission denied", path=str(path))


def file_digest(path: Path) -> str | None:
    """The SHA-256 of a file's bytes (None when it cannot be read; reading reports that).

    Args:
        path: The input file.

    Returns:
        The hex digest, the key of the store's record of ingested inputs.
    """
    try:
        with path.open("rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return None


def examples_dir() -> Path:
    """The bundled examples: ``tally/_examples`` in a wheel, ``examples/`` in a checkout."""
    bundled = Path(str(files("tally") / "_examples"))
    if bundled.is_dir():
        return bundled
    checkout = Path(__file__).resolve().parents[3] / "examples"
    if checkout.is_dir():
        return checkout
    raise InputError("the bundled examples are missing from this installation", path=str(bundled))


GUESSED_SHOWN = 20  # guessed dates listed after an ingest; `tally articles --guessed` has all


def summary_lines(result: IngestResult, db: str | Path) -> list[str]:
    """The articles whose publication date was guessed (or is missing), then the summary."""
    lines = result.guessed[:GUESSED_SHOWN]
    if len(result.guessed) > GUESSED_SHOWN:
        lines.append(f"... and {len(result.guessed) - GUESSED_SHOWN} more dates guessed or missing: "
                     "`tally articles --guessed` and `--undated` list them")  # fmt: skip
    return [*lines, summary(result, db)]


def summary(result: IngestResult, db: str | Path) -> str:
    """One line saying what an ingest did."""
    parts = [f"{result.added} article(s) added to {label(db)}", f"{result.claims} claim(s)"]
    if result.duplicates:
        parts.append(f"{result.duplicates} near-duplicate(s)")
    if result.versions:
        parts.append(f"{result.versions} new version(s) of changed pages or files (the old kept, marked)")
    if result.not_english:
        parts.append(f"{result.not_english} not in English (stored without figures)")
    if result.undated:
        parts.append(f"{result.undated} without a publication date")
    if guessed := len(result.guessed) - result.undated:
        parts.append(f"{guessed} with a guessed publication date")
    if result.warnings:
        parts.append(f"{len(result.warnings)} warning(s)")
    if result.filtered:
        parts.append(f"{result.filtered} feed item(s) off topic")
    if result.updated:
        parts.append(f"{result.updated} with new metadata only (recorded)")
    if result.skipped:
        parts.append(f"{result.skipped} already stored")
    if result.errors:
        parts.append(f"{len(result.errors)} input(s) failed")
    return ", ".join(parts)
