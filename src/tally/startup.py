"""A sign of life on a terminal while a command loads what it needs.

Tally's commands spend seconds importing SQLAlchemy and the report libraries, and loading the
spaCy model, before they can say anything. The ``tally`` script turns this on: a line on
stderr ("tally: loading the language model…"), erased once loaded. Only on a terminal (a log
or a pipe gets nothing), only in the main process (not in extraction workers), and never when
Tally is used as a library.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Iterator
from contextlib import contextmanager

_enabled = False


def enable() -> None:
    """Show the loading lines from now on (the ``tally`` script calls this)."""
    global _enabled
    _enabled = True


@contextmanager
def loading(what: str) -> Iterator[None]:
    """While inside, "tally: loading WHAT…" stands on the terminal's stderr."""
    stream = sys.stderr
    show = _enabled and stream.isatty() and multiprocessing.current_process().name == "MainProcess"
    if show:
        stream.write(f"tally: loading {what}…")
        stream.flush()
    try:
        yield
    finally:
        if show:
            stream.write("\r\033[K")  # back to the start of the line, and clear it
            stream.flush()
