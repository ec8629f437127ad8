"""Extract: Article -> Claims (figures, hedges, units, sources, dates, meaning)."""

from tally.extract.model import load_model, tally_figures
from tally.extract.pipeline import extract_article, extract_claims, extract_many

__all__ = ["extract_article", "extract_claims", "extract_many", "load_model", "tally_figures"]
