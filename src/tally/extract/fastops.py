"""Matrix products for the English model through numpy's BLAS instead of blis.

spaCy's small English model spends most of its time in thinc's ``gemm``, which calls the
bundled blis library. On the machines measured here numpy's OpenBLAS does the same products
2-3 times faster on one thread, and the parses come out identical (checked token by token
on the seeds, see tests/extract/test_speedups.py), so Tally's pipeline swaps the
operations of its models for this subclass.
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.language import Language
from thinc.api import NumpyOps


class NumpyGemmOps(NumpyOps):
    """thinc's NumpyOps with ``gemm`` done by ``numpy.matmul``."""

    def gemm(self, x: Any, y: Any, out: Any = None, trans1: bool = False, trans2: bool = False) -> Any:
        """``x @ y`` (either transposed first), written into ``out`` when given."""
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        numpy.matmul(a, b, out=out)
        return out


def use_numpy_gemm(nlp: Language) -> Language:
    """Make every model in the pipeline multiply matrices with numpy; returns ``nlp``."""
    ops = NumpyGemmOps()
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops
    return nlp
