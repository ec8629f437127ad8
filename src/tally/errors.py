"""Tally's errors, in one place, each with a stable code that can be grepped and tested.

A message is one line that names the file (and line) at fault: ``T102 data/a.jsonl:7: ...``.
"""

from __future__ import annotations


class TallyError(Exception):
    """Base class: every error Tally raises on purpose carries a code."""

    code = "T000"

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.message = message
        self.path = path
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        return f"{self.code} {where}{self.message}"


class InputError(TallyError):
    """An input file cannot be read as an article (missing, empty, binary, undecodable)."""

    code = "T101"


class FormatError(TallyError):
    """An input file is readable but malformed (a bad JSONL line, a bad header)."""

    code = "T102"


class UnsupportedFormat(TallyError):
    """A file whose extension Tally does not ingest."""

    code = "T103"


class FetchError(TallyError):
    """A URL that cannot be fetched: refused by robots.txt, an HTTP error, a timeout, too large.

    ``transient`` says whether trying again later may succeed (a timeout, a 503).
    """

    code = "T104"

    def __init__(self, message: str, *, path: str | None = None, transient: bool = False):
        self.transient = transient
        super().__init__(message, path=path)


class PrivateAddressError(FetchError):
    """A URL (or a redirect) whose host is an internal address: loopback, private, link-local,
    multicast, reserved; refused unless private addresses are allowed (``--allow-private``)."""

    code = "T107"


class FeedError(TallyError):
    """A fetched feed or sitemap that is not RSS, Atom or a sitemap Tally can read."""

    code = "T105"


class InputWarning(TallyError):
    """A metadata value Tally cannot read (a date of "unknown", a bad URL, a lone surrogate):
    the article is kept without it. Reported, but not a failed input."""

    code = "T106"

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 key: str | None = None):  # fmt: skip
        self.key = key
        super().__init__(message, path=path, line=line)


class TopicError(TallyError):
    """A topic file with a syntax error, an unknown key or a bad value."""

    code = "T201"


class StoreError(TallyError):
    """The database cannot be opened or is not a Tally database."""

    code = "T301"


class NotFoundError(TallyError):
    """A claim or article asked for by id is not in the database."""

    code = "T302"


class ModelError(TallyError):
    """The spaCy English model is not installed, or a trained model file cannot be read."""

    code = "T401"


class UploadError(TallyError):
    """A web upload that is too large or of a type Tally does not take."""

    code = "T501"


class OutputError(TallyError):
    """An output file (export, HTML report) cannot be written."""

    code = "T601"


class OptionError(TallyError):
    """A command-line option with a value Tally cannot use (``--published yesterday``)."""

    code = "T701"


ALL_ERRORS: tuple[type[TallyError], ...] = (
    InputError,
    FormatError,
    UnsupportedFormat,
    FetchError,
    PrivateAddressError,
    FeedError,
    InputWarning,
    TopicError,
    NotFoundError,
    StoreError,
    ModelError,
    UploadError,
    OutputError,
    OptionError,
)
