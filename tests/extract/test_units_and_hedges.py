"""What a figure counts and how exact it is, by the shape of the phrase (our sentences)."""

from __future__ import annotations

import pytest

from tally import extract_claims

pytestmark = pytest.mark.model


def claim(text: str, mention: str):
    found = [c for c in extract_claims(text) if mention in c.mention]
    assert found, [c.mention for c in extract_claims(text)]
    return found[0]


@pytest.mark.parametrize(
    ("text", "mention", "unit", "rule"),
    [
        ("About 9,400 nurses walked out – 5,100 at Northgate, 2,800 at Eastfield.", "5,100", "nurses",
         "linked-to-previous-figure"),
        ("About 9,400 nurses walked out – 5,100 at Northgate, 2,800 at Eastfield.", "2,800", "nurses",
         "linked-to-previous-figure"),
        ("Officials said 40 of the evacuees were children.", "40", "evacuees", "counted-noun"),
        ("Nearly half of those rescued -- 45 -- were children.", "45", "children", "partitive-or-predicate"),
        ("Among the missing, at least 12 were fishermen.", "12", "fishermen", "partitive-or-predicate"),
        ("Another 14 bodies were recovered, bringing the total to 73.", "73", "bodies", "total-of-previous"),
        ("At least 31 died and over 200 were injured in the blast.", "200", "injured", "outcome-word"),
        ("The death toll has risen to 52.", "52", "deaths", "level-subject"),
    ],
)
def test_units_by_shape(text: str, mention: str, unit: str, rule: str) -> None:
    c = claim(text, mention)
    assert (c.unit, c.rules["unit"]) == (unit, rule)


@pytest.mark.parametrize(
    ("text", "mention", "approx", "rule"),
    [
        ("The spill may be as high as 90,000 litres.", "90,000", "at_most", "hedge-phrase"),
        ("The crowd was closer to 8,000, organisers said.", "8,000", "about", "hedge-phrase"),
        ("As few as 300 people voted.", "300", "at_least", "hedge-phrase"),
        ("The review brought the total up to 64 million accounts.", "64 million", "exact", "exact"),
        ("At least 18 people were killed and 40 others injured.", "40", "at_least", "hedge-shared-by-joined-pair"),
        ("The lake is about 12 miles wide and 30 miles long.", "30", "exact", "exact"),
    ],
)
def test_hedges_by_shape(text: str, mention: str, approx: str, rule: str) -> None:
    c = claim(text, mention)
    assert (c.approx, c.rules["approx"]) == (approx, rule)
