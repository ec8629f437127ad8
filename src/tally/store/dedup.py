"""Near-duplicate detection: MinHash signatures of an article's body, and an index over them.

Two articles are near-copies when the Jaccard similarity of their word 5-shingles is at least
0.8 (one wire story on two sites, with different menus and time stamps). datasketch computes
the signatures and the LSH index that finds candidates without comparing every pair.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from tally.types import Article

if TYPE_CHECKING:  # datasketch pulls in scipy (about a second); only writes need it
    from datasketch import MinHash

NUM_PERM = 64
SCHEME = "affine32"  # pinned: signatures written by one datasketch scheme must be read by it
DUPLICATE_JACCARD = 0.8
SHINGLE = 5


def body_text(article: Article) -> str:
    """The article's body: the text of its body segments, or all of it when unsegmented."""
    if not article.segments:
        return article.text
    return "\n".join(article.text[s.start : s.end] for s in article.segments if s.part == "body")


def signature(text: str) -> MinHash | None:
    """A MinHash of the word 5-shingles of ``text``; None when it holds no words."""
    words = re.findall(r"\w+", text.lower())
    if not words:
        return None
    from datasketch import MinHash

    n = min(SHINGLE, len(words))
    mh = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    mh.update_batch([" ".join(words[i : i + n]).encode() for i in range(len(words) - n + 1)])
    return mh


def load_signature(blob: bytes) -> MinHash:
    """A signature from the bytes :func:`signature_bytes` made."""
    from datasketch import MinHash

    values = np.frombuffer(blob, dtype=np.uint32)
    return MinHash(num_perm=NUM_PERM, scheme=SCHEME, hashvalues=values)


def signature_bytes(sig: MinHash) -> bytes:
    """The signature as bytes for the database."""
    return bytes(sig.hashvalues.astype(np.uint32).tobytes())


class DuplicateIndex:
    """The stored signatures in an LSH index, each mapped to the original it copies."""

    def __init__(self) -> None:
        from datasketch import MinHashLSH

        # Many short bands favour recall; every candidate is checked against the threshold.
        self._lsh = MinHashLSH(threshold=DUPLICATE_JACCARD, num_perm=NUM_PERM, params=(16, 4))
        self._sigs: dict[str, MinHash] = {}
        self._roots: dict[str, str] = {}
        self.last_rowid = 0

    def add(self, rows: Iterable[tuple[int, str, str | None, bytes]]) -> None:
        """Index stored articles: (rowid, id, duplicate_of, signature bytes), in rowid order."""
        for rowid, article_id, duplicate_of, blob in rows:
            sig = load_signature(blob)
            self._lsh.insert(article_id, sig)
            self._sigs[article_id] = sig
            self._roots[article_id] = duplicate_of or article_id
            self.last_rowid = rowid

    def find(self, sig: MinHash) -> str | None:
        """The id of the original that ``sig``'s text nearly copies, if any."""
        best: tuple[float, str] | None = None
        for key in self._lsh.query(sig):
            score = sig.jaccard(self._sigs[key])
            if score >= DUPLICATE_JACCARD and (best is None or score > best[0]):
                best = (score, key)
        return None if best is None else self._roots[best[1]]
