"""extract_claims end to end: time, meaning and parts, on texts written for these tests."""

import pytest

from tally.extract import extract_claims

pytestmark = pytest.mark.model


def claim(text: str, mention: str, published: str | None = None):
    """How one figure is read; every figure found, whether or not the trained judge calls it a claim."""
    found = [c for c in extract_claims(text, published=published, figures="all") if mention in c.mention]
    assert found, [c.mention for c in extract_claims(text, published=published, figures="all")]
    return found[0]


@pytest.mark.parametrize(
    ("text", "mention", "as_of"),
    [
        ("As of mid-January, officials counted 900 dead.", "900", "2025-01"),
        ("The second convoy of 40 trucks arrived on 7 February.", "40", "2025-02-07"),
        ("Since October 2024, when 1,500 troops arrived, more came.", "1,500", "2024-10"),
        ("By Friday, 75 schools had closed.", "75", "2025-02-14"),
    ],
)
def test_as_of_resolves_against_the_publication_date(text, mention, as_of) -> None:
    assert claim(text, mention, published="2025-02-20").as_of == as_of


def test_since_a_date_describes_now_not_that_date() -> None:
    assert claim("Since fall 2024, the army has moved 3,000 troops north.", "3,000").as_of is None


def test_as_of_without_publication_date_uses_the_latest_date_the_text_mentions() -> None:
    text = "Shelling began in October 2024. By mid-January, 1,000 people had fled."
    assert claim(text, "1,000").as_of == "2025-01"


@pytest.mark.parametrize(
    ("text", "mention", "outcome"),
    [
        ("The blast killed 30 workers at the plant.", "30", "killed"),
        ("About 200 people were injured in the crush.", "200", "wounded"),
        ("More than 6,000 soldiers have been killed or wounded.", "6,000", "casualties"),
        ("The rebels captured 12 soldiers near the pass.", "12", "captured"),
        ("The country has shipped 2 million shells to its ally.", "2 million", "supplied"),
        ("The country deployed 5,000 troops to the border.", "5,000", "deployed"),
    ],
)
def test_outcome_of_the_figure(text, mention, outcome) -> None:
    assert claim(text, mention).outcome == outcome


def test_each_figure_in_a_sentence_gets_its_own_outcome() -> None:
    text = "About 1,000 soldiers were killed, with another 3,000 wounded or missing."
    assert [c.outcome for c in extract_claims(text)] == ["killed", "wounded"]


@pytest.mark.parametrize(
    ("text", "mention", "modality"),
    [
        ("The government plans to send 2,000 more medics.", "2,000", "planned"),
        ("The country has the capacity to send up to 150,000 troops.", "150,000", "capacity"),
        ("The 400 volunteers could quickly turn into 4,000.", "4,000", "projected"),
        ("If the dam fails, 20,000 homes would flood.", "20,000", "hypothetical"),
        ("The army sent 5,000 troops last year.", "5,000", "reported"),
    ],
)
def test_modality_of_the_figure(text, mention, modality) -> None:
    assert claim(text, mention).modality == modality


@pytest.mark.parametrize(
    ("text", "mention", "trend"),
    [
        ("Prices rose by 5% in May.", "5%", "up"),
        ("Exports fell by 300 tonnes.", "300", "down"),
        ("Shares gained 8% on Monday.", "8%", "up"),
        ("The index lost 190 points.", "190", "down"),
        ("Exports fell to 300 tonnes.", "300", None),  # the level reached is a level
        ("The index lost 190 points, or 0.6%.", "0.6%", "down"),
        ("Shares rose 8% to 99 yuan.", "99", None),
        ("Shares rose 8% to 99 yuan.", "8%", "up"),
        ("Sales were up from 50 per cent.", "50", None),
        ("The town sent an additional 40 firefighters.", "40", "added"),
        ("The firm expects to grow sales by 35 per cent.", "35", "up"),
        ("The forecast was revised upward by 40 million.", "40", "up"),
        ("The defence gave up 517 yards.", "517", None),
        ("Rainfall dropped by 20 millimetres (0.8 inches).", "0.8", "down"),
        ("Night frost cut yields by 1 to 1.5 tonnes (2,200 to 3,300 pounds).", "1 to 1.5", "down"),
        ("Night frost cut yields by 1 to 1.5 tonnes (2,200 to 3,300 pounds).", "2,200 to 3,300", "down"),
        ("The grant rose by Y=40 billion this year.", "Y=40 billion", "up"),
        ("Output jumped from 240 to 273 units.", "from 240 to 273", None),
        ("The toll climbed past 1,200 on Friday.", "past 1,200", None),  # a level crossed
        ("Air defences shot down 79 drones.", "79", None),
        ("The army is signing up 30,000 recruits a month.", "30,000", None),
        ("The index ended down 1% at 1,463 points.", "1%", "down"),
        ("Prices should increase between 5% and 6%.", "between 5% and 6%", "up"),
    ],
)
def test_trend_marks_changes_not_the_levels_they_reach(text, mention, trend) -> None:
    assert claim(text, mention).trend == trend


def test_actor_is_the_nationality_on_the_counted_noun() -> None:
    assert claim("Some 800 Russian soldiers crossed the river.", "800").actor == "Russian"


def test_unit_is_the_counted_noun_with_its_compounds() -> None:
    c = claim("The factory delivered 9 million 155-mm artillery shells.", "9 million")
    assert c.unit == "artillery shells"


def test_offsets_point_at_the_mention_in_the_text() -> None:
    text = "Rain fell.\nRescuers found 14 survivors."
    c = extract_claims(text)[0]
    assert text[c.start : c.end] == c.mention == "14"
    assert text[c.sentence_start :].startswith(c.sentence)


@pytest.mark.parametrize(
    ("text", "outcomes"),
    [
        (
            "3,419 people had been killed in Turkey and more than 20,000 injured.",
            ["killed", "wounded"],
        ),
        ("Around 300 had been killed and 2,700 wounded.", ["killed", "wounded"]),
        (
            "By March, 40% of the unit had been killed, injured, missing or captured.",
            ["casualties"],
        ),
    ],
)
def test_outcome_is_read_nearest_the_figure(text, outcomes) -> None:
    assert [c.outcome for c in extract_claims(text)] == outcomes


def test_a_purpose_clause_does_not_lend_its_outcome() -> None:
    text = "The army sent an additional 3,000 troops to make up for its losses."
    assert extract_claims(text)[0].outcome != "casualties"


def test_lost_soldiers_are_casualties_not_a_falling_level() -> None:
    c = claim("Russian forces lost 1,200 soldiers over the past day.", "1,200")
    assert (c.outcome, c.trend) == ("casualties", None)


def test_an_unrelated_sentence_does_not_inherit_the_previous_actor() -> None:
    text = "About 100 North Koreans had died. The number of displaced people rose to 3.7 million."
    assert extract_claims(text)[1].actor is None


def test_a_continuing_sentence_inherits_the_previous_actor() -> None:
    text = "About 1,500 North Korean commandos arrived. This group was later joined by 10,000 more."
    assert extract_claims(text)[1].actor == "North Korean"


@pytest.mark.parametrize(
    ("text", "mention", "unit"),
    [("The death toll rose to 1,200 on Monday.", "1,200", "deaths"),
     ("The number of suspected cholera cases has climbed to 12,400.", "12,400", "suspected cholera cases")],
)
def test_a_level_takes_its_unit_from_what_its_subject_counts(text, mention, unit) -> None:
    assert claim(text, mention).unit == unit


def test_a_stated_plan_in_reported_speech_is_planned_not_hypothetical() -> None:
    text = "The agency said it would send up to 500,000 more doses."
    assert claim(text, "500,000").modality == "planned"


def test_since_an_event_began_describes_now() -> None:
    text = "Cases have climbed to 12,400 since the outbreak began in early March."
    found = claim(text, "12,400", published="2025-04-10")
    assert (found.as_of, found.as_of_basis) == ("2025-04-10", "published")


@pytest.mark.parametrize(
    ("text", "actor"),
    [("At least 12,000 DPRK troops were trained.", "DPRK"), ("NATO jets flew 40 sorties.", "NATO")],
)
def test_an_acronym_for_a_state_or_body_is_an_actor(text: str, actor: str) -> None:
    assert extract_claims(text)[0].actor == actor


@pytest.mark.parametrize(
    ("text", "unit"),
    [("Russia is losing over 1,000 soldiers a day.", "soldiers per day"),
     ("Oil rose to $58.24 per barrel.", "USD per barrel"),
     ("It ran 15 to 22 miles per hour.", "miles per hour"),
     ("He earns 500 euros a month.", "EUR per month")],
)
def test_rates_keep_their_per_unit(text: str, unit: str) -> None:
    assert extract_claims(text)[0].unit == unit


@pytest.mark.parametrize(
    ("text", "mention", "approx"),
    [
        ("The geese flew more than 100 kilometres (60 miles).", "60", "at_least"),
        ("The engine makes just under 296 hp (224 kW / 300 PS).", "300", "at_most"),
        ("About 40 tonnes (88,000 pounds) of grain spoiled.", "88,000", "about"),
        ("The bridge is 40 metres long and about 12 metres wide.", "40", "exact"),
    ],
)
def test_a_figure_restated_in_other_units_keeps_the_hedge(text: str, mention: str, approx: str) -> None:
    assert claim(text, mention).approx == approx


def test_figures_joined_by_or_share_the_noun_after_them() -> None:
    assert claim("Over the past three or four years, rents doubled.", "three").unit == "years"


def test_a_figure_does_not_take_the_noun_of_the_next_one() -> None:
    # "weeks" belongs to "two"; 980 counts what the figure it is compared with counts.
    assert claim("Cases reached 1,204, up from 980 two weeks ago.", "980").unit == "cases"


@pytest.mark.parametrize(
    ("text", "mention", "unit"),
    [("The party holds 135 of the 199 seats.", "135", "seats"),
     ("Cases rose to 240, up from 185 last week.", "185", "cases"),
     ("Cases rose to 240 on Friday.", "240", "cases"),
     ("Cases rose from 14 in early January to 38 in late February.", "14", "cases"),
     ("Shares fell 3 to 97 pence.", "3", None),
     ("Floods hit 96,000 homes, compared with 64,000 last year.", "64,000", "homes"),
     ("Russia launched 96 drones, including 18 over Kursk.", "18", "drones"),
     ("Officials counted 2,104 cases on Monday and 4,890 by 6 November.", "4,890", "cases"),
     ("At least three of the region's 17 hospitals shut.", "three", "hospitals"),
     ("Organisers said up to 70,000 joined the march.", "70,000", "people"),
     ("Police put the crowd at 45,000.", "45,000", "people"),
     ("About 2,000 attended the vigil.", "2,000", "people"),
     ("The storm killed at least 23 people and injured roughly 140 others.", "140", "people"),
     ("Seoul says at least 300 of them have been killed and 2,700 wounded.", "2,700", "wounded"),
     ("The rate was 18.4 cases per 100,000, against 5.1 nationally.", "18.4", "cases per 100,000")],
)
def test_units_come_from_the_counted_noun_not_a_time_phrase(text: str, mention: str, unit: str | None) -> None:
    assert claim(text, mention).unit == unit


@pytest.mark.parametrize(
    ("text", "mention", "modality"),
    [
        ("Russia sent 11,000 troops and at least 3,000 more could follow.", "3,000", "projected"),
        ("Aid agencies warn the true figure could be up to 400,000.", "400,000", "projected"),
        ("Casualties were highly likely to exceed 45,000.", "45,000", "projected"),
        ("The camps were built for 5,000 people.", "5,000", "capacity"),
        ("The army has 5,000 troops in the area.", "5,000", "reported"),
        ("Officials fear the number of evacuees may soon reach 80,000.", "80,000", "projected"),
        ("The refugee camp has room for 12,000 families.", "12,000", "capacity"),
        ("The government pledged to rebuild 4,000 homes.", "4,000", "planned"),
        ("Another 2,000 residents are expected to flee.", "2,000", "projected"),
    ],
)
def test_modality_of_projections_and_capacities(text: str, mention: str, modality: str) -> None:
    assert claim(text, mention).modality == modality


@pytest.mark.parametrize(
    ("text", "mention", "outcome"),
    [
        ("The strike killed three civilians and wounded 17.", "three", "killed"),
        ("The strike killed three civilians and wounded 17.", "17", "wounded"),
        ("At least 300 were killed and 2,700 injured.", "2,700", "wounded"),
        ("The fire has burned 48,310 acres.", "48,310", None),  # a wildfire supplies nothing
        ("Officials said 41 residents remain unaccounted for.", "41", "missing"),
        ("Russia fired 3,000 shells a day.", "3,000", "supplied"),
    ],
)
def test_outcome_comes_from_the_verb_a_figure_is_the_object_of(text: str, mention: str, outcome: str | None) -> None:
    assert claim(text, mention).outcome == outcome


def test_a_unit_keeps_its_words_apart_when_quotes_are_dropped() -> None:
    assert claim('Police said 8,000 "radical" individuals came.', "8,000").unit == "radical individuals"


@pytest.mark.parametrize(
    ("text", "mention", "outcome"),
    [("The airline lost $300 million last year.", "$300 million", None),
     ("The brigade lost 300 men in a week.", "300", "casualties")],
)
def test_money_lost_is_no_casualty(text: str, mention: str, outcome: str | None) -> None:
    assert claim(text, mention).outcome == outcome


@pytest.mark.parametrize(
    ("text", "mention", "unit"),
    [
        ("Some 20,000 took part in the march on Saturday.", "20,000", "people"),
        ("Police put the turnout at 45,000.", "45,000", "people"),
        ("About 8,000 turned out despite the rain.", "8,000", "people"),
    ],
)
def test_a_crowd_counted_without_a_noun_is_people(text: str, mention: str, unit: str) -> None:
    assert claim(text, mention).unit == unit


@pytest.mark.parametrize(
    ("text", "mention", "trend"),
    [
        ("Air defences shot down 79 drones overnight.", "79", None),
        ("The club has signed up 3,000 new members.", "3,000", None),
        ("Exports went up 12% in May.", "12%", "up"),
    ],
)
def test_a_phrasal_verb_with_up_or_down_is_no_trend(text: str, mention: str, trend: str | None) -> None:
    assert claim(text, mention).trend == trend


@pytest.mark.parametrize(
    ("text", "mention", "unit"),
    [
        ("Of the 212 climbers who set out on the north ridge that morning, many of them with guides hired in the"
         " valley, 180 reached the summit.", "180", "climbers"),
        ("Among the 40 patients flown to the capital on military planes, most of them burned in the blast at the"
         " depot, 12 remain in intensive care.", "12", "patients"),
    ],
)
def test_the_part_of_a_fronted_whole_counts_its_noun(text: str, mention: str, unit: str) -> None:
    c = claim(text, mention)
    assert (c.unit, c.rules["unit"]) == (unit, "part-of-fronted-whole")


@pytest.mark.parametrize(
    ("text", "mention", "unit"),
    [
        ("The swap freed more than 300 detained fishermen, and 40 other prisoners.", "300", "fishermen"),
        ("Helicopters lifted 26 stranded climbers off the glacier.", "26", "climbers"),
    ],
)
def test_a_participle_between_figure_and_noun_keeps_the_noun(text: str, mention: str, unit: str) -> None:
    assert unit in (claim(text, mention).unit or "")


@pytest.mark.parametrize("text", ["-0 people died in the blast, officials said.",
                                  "The page ran alert(1) before the report loaded."])
def test_negative_zero_and_a_function_argument_are_no_figures(text: str) -> None:
    assert extract_claims(text, figures="all") == []  # the rule's doing, not the claim judge's


def test_a_zero_and_a_negative_figure_still_are() -> None:
    found = extract_claims("Officials said 0 people died; it was -5 degrees.", figures="all")
    assert [c.low for c in found] == [0, -5]
