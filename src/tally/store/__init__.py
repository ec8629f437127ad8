"""The SQLite store of articles and claims (see :class:`Store`)."""

from tally.store.core import Store
from tally.store.dedup import body_text, signature

__all__ = ["Store", "body_text", "signature"]
