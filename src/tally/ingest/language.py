"""The language an article is written in, by py3langid (a naive Bayes identifier over 97
languages, trained on news, government and encyclopedia text).

Tally's extraction rules are English ones: run on Russian, "11 000" reads as 11 and 0. An
article is marked as another language only when the identifier is sure of it; a short or
mixed text stays English, so that a doubtful call never costs an English article its figures.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

ENGLISH = "en"
SAMPLE_CHARS = 4000  # the identifier's cost is linear in its input; this much is enough to judge
MIN_LETTERS = 40  # below this a text is too short to tell
MIN_CONFIDENCE = 0.8  # normalised probability of the top language
MIN_SCRIPT_LETTERS = 10  # enough letters to tell a script (ten Chinese characters are a sentence)
MIN_OTHER_SCRIPT = 0.5  # share of letters outside the Latin script that makes a text not English
UNDETERMINED = "und"  # ISO 639-2: another script, the identifier saying English all the same


def _other_script_share(letters: list[str]) -> float:
    """The share of letters outside the Latin script (basic, supplements, extended)."""
    latin = sum(1 for ch in letters if ord(ch) <= 0x24F or 0x1E00 <= ord(ch) <= 0x1EFF)
    return 1 - latin / len(letters)


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language of ``text``; "en" when unsure.

    Args:
        text: An article's body text (only the first few thousand characters are read).

    Returns:
        A code such as "en", "ru", "ko"; "en" for short, mixed or doubtful texts.
    """
    sample = text[:SAMPLE_CHARS]
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) >= MIN_SCRIPT_LETTERS and _other_script_share(letters) >= MIN_OTHER_SCRIPT:
        # Written mostly in another script (Chinese, Arabic, Cyrillic...): not English whatever
        # the identifier's confidence, which on short Chinese runs as low as 0.7.
        language, _ = _identifier().classify(sample)
        return str(language) if language != ENGLISH else UNDETERMINED
    if len(letters) < MIN_LETTERS:
        return ENGLISH
    language, confidence = _identifier().classify(sample)
    if language != ENGLISH and confidence >= MIN_CONFIDENCE:
        return str(language)
    return ENGLISH
