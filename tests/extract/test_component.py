import spacy

import tally.extract  # noqa: F401  (registers the component)


def test_tally_figures_component_marks_figures_on_a_blank_pipeline() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("tally_figures")
    doc = nlp("About 300 homes burned in 2023, and up to nine million people lost power.")
    assert [s.text for s in doc.spans["figures"]] == ["About 300", "up to nine million"]
