"""How the application layer tells its caller what it is doing: messages, output, progress.

An application function takes an :class:`Events` and reports through it, so it never knows
whether a terminal, a web job or a test is listening. ``tally.cli`` draws them with rich (a
progress bar, stderr and stdout); the web app's jobs keep them; :class:`Printed` writes plain
lines to the standard streams for a library caller who passes nothing.
"""

from __future__ import annotations

import sys
from typing import TextIO

from tally.types import Estimate, ReportContext


def one_line(text: str) -> str:
    """A message as one line, whatever it holds (file names and article text may hold newlines)."""
    return " ".join(text.split())


class Events:
    """Receives what an application function reports; this base keeps nothing.

    Subclasses override what they show. ``message`` lines are notes for the user (an input
    that failed or was skipped, a summary: stderr in a terminal); ``output`` is the command's
    product (a report, the lines of ``tally changes``: stdout).
    """

    def message(self, line: str) -> None:
        """A one-line note: a bad input, a skipped file, a summary."""

    def output(self, text: str) -> None:
        """The command's product, as text."""

    def table(self, estimates: list[Estimate], context: ReportContext) -> None:
        """The estimates as the terminal table; plain text unless a renderer overrides it."""
        from tally.report.table import table_text

        self.output(table_text(estimates, context))

    def progress(self, done: int, total: int) -> None:
        """How far a batch got: ``done`` items of ``total`` (which may grow as files are read)."""

    def finished(self) -> None:
        """The batch is over: a progress display can go."""


class Printed(Events):
    """Messages to stderr, output to stdout, as plain lines; no progress display.

    Args:
        out: Where output goes (stdout when None, looked up at each write).
        err: Where messages go (stderr when None).
    """

    def __init__(self, out: TextIO | None = None, err: TextIO | None = None) -> None:
        self._out, self._err = out, err

    def message(self, line: str) -> None:
        """Write the line to stderr."""
        print(one_line(line), file=self._err or sys.stderr)

    def output(self, text: str) -> None:
        """Write the text to stdout."""
        print(text, file=self._out or sys.stdout)


class Recorder(Events):
    """Keeps what it is told, for a caller that shows it later or not at all (a web job)."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.outputs: list[str] = []
        self.done = 0
        self.total = 0

    def message(self, line: str) -> None:
        """Keep the line."""
        self.messages.append(one_line(line))

    def output(self, text: str) -> None:
        """Keep the text."""
        self.outputs.append(text)

    def progress(self, done: int, total: int) -> None:
        """Keep the latest counts."""
        self.done, self.total = done, total
