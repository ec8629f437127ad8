"""Near-duplicate detection: MinHash signatures of an article's body, and an index over them.

Two articles are near-copies when the Jaccard similarity of their word 5-shingles is at least
0.8 (one wire story on two sites, with different menus and time stamps). datasketch computes
the signatures; their LSH bands are stored (schema.article_bands), so the store finds
candidates by an indexed lookup without comparing every pair or holding an index in memory.
"""

from __future__ import annotations

import hashlib
from tally import rx as re  # linear-time matching: see tally/rx.py
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


BANDS, ROWS = 16, 4  # many short bands favour recall; every candidate is checked after


def band_keys(sig: MinHash) -> list[tuple[int, int]]:
    """The signature's LSH bands, each as (band number, a signed 64-bit hash of its values)."""
    values = sig.hashvalues.astype(np.uint32)
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        keys.append((band, int.from_bytes(digest, "big", signed=True)))
    return keys


def jaccard(a: MinHash, b: MinHash) -> float:
    """The estimated Jaccard similarity of two signatures."""
    return float(a.jaccard(b))
