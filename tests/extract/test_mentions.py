"""Number shapes and non-claim shapes, on sentences written for these tests."""

import pytest

from tally.extract.mentions import find_mentions


def one(sentence: str):
    found = [m for m in find_mentions(sentence) if m.approx != "vague"]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "low", "high", "approx"),
    [
        ("Officials counted between 14,000 and 15,000 soldiers at the camp.", 14000, 15000, "range"),
        ("Aid groups expect 25,000-30,000 people to leave the valley.", 25000, 30000, "range"),
        ("The ministry said 300 to 400 homes were flooded.", 300, 400, "range"),
        ("Seoul believes 8 to 9 million shells were shipped.", 8e6, 9e6, "range"),
        ("A crowd of 10,000 or so marched downtown.", 10000, None, "about"),
        ("Roughly 2,000 volunteers joined the search.", 2000, None, "about"),
        ("The storm destroyed some 600 houses.", 600, None, "about"),
        ("An estimated 4,000 fighters were hurt.", 4000, None, "about"),
        ("Rescuers pulled more than 120 people from the rubble.", 120, None, "at_least"),
        ("The outbreak has surpassed 5,000 cases.", 5000, None, "at_least"),
        ("Police detained at least 80 protesters.", 80, None, "at_least"),
        ("The factory can ship up to nine million rounds a year.", None, 9e6, "at_most"),
        ("As many as 700 homes lost power.", None, 700, "at_most"),
        ("Nearly 3,000 workers walked out.", None, 3000, "at_most"),
        ("Almost a third of the staff left.", None, 33.33, "at_most"),
        ("Just under 450 ballots were spoiled.", None, 450, "at_most"),
        ("Water levels stayed lower than 2.5 metres.", None, 2.5, "at_most"),
        ("Limit exposure to no more than 0.5 units a day.", None, 0.5, "at_most"),
        ("Not more than 12 people may enter.", None, 12, "at_most"),
        ("Turnout was higher than 60 percent.", 60, None, "at_least"),
        ("Ticket sales will top 40,000 this year.", 40000, None, "at_least"),
        ("The grant came on top of a 6,000 euro award.", 6000, None, "exact"),
        ("The top three teams went through.", 3, None, "exact"),
        ("The army sent eleven-thousand men north.", 11000, None, "exact"),
        ("Officials reported fifty new infections.", 50, None, "exact"),
        ("Roughly half of the town was evacuated.", 50, None, "about"),
        ("Turnout reached 62% on Sunday.", 62, None, "exact"),
        ("The fine was $35,000 per vessel.", 35000, None, "exact"),
    ],
)
def test_figure_shapes_give_bounds_and_hedges(sentence, low, high, approx) -> None:
    m = one(sentence)
    assert m.approx == approx
    assert (m.low is None) == (low is None) and (m.high is None) == (high is None)
    if low is not None:
        assert m.low == pytest.approx(low, rel=1e-3)
    if high is not None:
        assert m.high == pytest.approx(high, rel=1e-3)


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [("Turnout reached 62% on Sunday.", "percent"), ("About 40 per cent voted.", "percent"),
     ("The fine was $35,000.", "USD"), ("It cost 3 million euros.", "EUR")],
)
def test_percent_and_money_carry_their_unit(sentence, unit) -> None:
    assert one(sentence).unit_hint == unit


@pytest.mark.parametrize(
    "sentence",
    [
        "The war of 1950-53 ended in an armistice.",
        "Talks resumed in August 2024 after a pause.",
        "The summit took place on 7 February in the capital.",
        "The first train left at 13:11 from the station.",
        "The brigade fired 122-mm rounds all night.",
        "Engineers tested the KN-23 near the border.",
        "An old M-1978 gun was spotted in the photo.",
        "The 11th Corps moved south.",
        "A 240-millimeter launcher was photographed.",
        "In 2022, the council voted again.",
        "It was the worst flood since 1998.",
    ],
)
def test_dates_calibres_models_and_ordinals_are_not_claims(sentence: str) -> None:
    assert [m for m in find_mentions(sentence) if m.approx != "vague"] == []


@pytest.mark.parametrize(
    ("sentence", "low", "high"),
    [("Hundreds of homes were damaged.", 100, 1000),
     ("Millions of rounds were shipped.", 1e6, 1e7),
     ("Dozens of officers travelled with him.", 12, 120),
     ("A few officers travelled with him.", None, None)],
)
def test_vague_amounts_are_vague_with_at_most_an_order_of_magnitude(sentence, low, high) -> None:
    found = find_mentions(sentence)
    assert [m.approx for m in found] == ["vague"]
    assert (found[0].low, found[0].high) == (low, high)


def test_two_figures_joined_by_and_stay_two() -> None:
    found = find_mentions("The strike killed 300 and wounded 400 people.")
    assert [(m.low, m.approx) for m in found] == [(300, "exact"), (400, "exact")]


def test_scale_on_second_figure_does_not_leak_into_a_calibre() -> None:
    found = find_mentions("They supplied fifty 240-millimeter rockets and twenty guns.")
    assert [m.low for m in found] == [50, 20]


@pytest.mark.parametrize(
    ("sentence", "low", "unit"),
    [("A 10,000-strong force crossed.", 10000, None),
     ("It has a 6.1-inch screen.", 6.1, "inch"), ("The engine makes 640bhp.", 640, "bhp")],
)
def test_hyphenated_and_attached_measures_are_figures(sentence, low, unit) -> None:
    m = one(sentence)
    assert m.low == low and m.unit_hint == unit


@pytest.mark.parametrize(
    "sentence",
    ["The 65-year-old driver survived.", "Ms Ortiz, 34 years old, was rescued.", "Survivors: Ana (F, 41) and Luis (M, 9).",
     "Call the helpline at 1070 or 9812345670.", "[size=2]Posted by admin[/size]"],
)
def test_ages_phone_numbers_and_markup_are_not_figures(sentence: str) -> None:
    assert find_mentions(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "lows"),
    [("No one was killed in the blaze.", [0]), ("No deaths were reported.", [0]),
     ("There was no one else on the ferry.", []), ("One man, who asked not to be named, waited.", []),
     ("The strike now covers 45 – 20 at the north plant and 25 at the south plant.", [45, 20, 25])],
)
def test_zero_counts_individuals_and_a_total_before_its_parts(sentence: str, lows: list[float]) -> None:
    assert [m.low for m in find_mentions(sentence) if m.approx != "vague"] == lows


def test_a_spaced_minus_after_a_name_is_a_sign_not_a_range() -> None:
    assert [m.low for m in find_mentions("In Europe: Stoxx 50 -1.3% FTSE -0.6%.")] == [-1.3, -0.6]


@pytest.mark.parametrize("sentence", ["The arrival of a third country's troops was feared.",
                                      "It supplied 122mm and 152mm shells."])
def test_ordinal_fractions_and_unspaced_calibres_are_not_claims(sentence: str) -> None:
    assert find_mentions(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "low", "high", "unit"),
    [
        ("The shares rose 9.4 per cent to $84.", 9.4, None, "percent"),
        ("The deal was worth $4.2b.", 4.2e9, None, "USD"),
        ("The club paid 35m for him.", 35e6, None, None),
        ("The fee is .5 per cent.", 0.5, None, "percent"),
        ("Prices range from $200 to $4 million.", 200, 4e6, "USD"),
        ("Homes sold for $8 to $9 million.", 8e6, 9e6, "USD"),
    ],
)
def test_money_scales_and_decimals(sentence, low, high, unit) -> None:
    m = find_mentions(sentence)[0]
    assert (m.low, m.high, m.unit_hint) == (pytest.approx(low), pytest.approx(high) if high else None, unit)


@pytest.mark.parametrize(
    "sentence",
    ["They live at 575 Wilbraham Road now.", "Tests for COVID -19 ran out.", "It ordered thousands of COVID -19 kits.",
     "Two MiG -29 jets were seen."],
)
def test_addresses_and_signed_names_are_not_claims(sentence: str) -> None:
    assert [m.text for m in find_mentions(sentence) if any(c.isdigit() for c in m.text)] == []


@pytest.mark.parametrize("sentence", ["People fled district 12 on foot.", "He was hurt in game 2 of the final.",
                                      "On day 3 of the siege the walls fell.", "The 3rd Brigade moved; brigade 47 held."])
def test_numbers_that_name_rather_than_count_are_not_claims(sentence: str) -> None:
    assert find_mentions(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "low", "unit"),
    [("One out of three Germans rent.", 33.33, "percent"), ("Roughly one in five adults smoke.", 20, "percent"),
     ("One fourth of the staff left.", 25, "percent"), ("It has a 2.4-liter engine.", 2.4, "liter"),
     ("Jobs grew by one per cent.", 1, "percent"), ("It rose in 2023 to 5 in May.", 5, None)],
)
def test_shares_sizes_and_small_figures(sentence, low, unit) -> None:
    m = one(sentence)
    assert m.low == pytest.approx(low, abs=0.01) and m.unit_hint == unit


@pytest.mark.parametrize(
    "sentence",
    ["Senard, 65, now faces the board.", "Dak Prescott (4) ran for a touchdown.",
     "The mass is about 1.99×10−30 kilograms.", "The 9/11 report came out; shops open 24/7.",
     "The game was tied at 89-89.", "The S&P 500 rose.", "Seas may rise by 2120, scientists said."],
)
def test_ages_shirt_numbers_notation_dates_ties_and_indices_are_not_claims(sentence: str) -> None:
    assert [m.low for m in find_mentions(sentence) if m.low not in (1.99,)] == []


def test_a_percent_written_once_after_a_range_makes_a_range() -> None:
    m = one("Growth was revised from 5 to 7 per cent.")
    assert (m.low, m.high, m.approx, m.unit_hint) == (5, 7, "range", "percent")


@pytest.mark.parametrize(
    ("sentence", "low", "high", "approx"),
    [("Demand for sub-300 sq m offices grew.", None, 300, "at_most"),
     ("The tip was ~1.2mm wide.", 1.2, None, "about"),
     ("It costs 2,435,000 yen ($22,480) now.", 22480, None, "exact")],
)
def test_sub_tilde_and_bracketed_money(sentence, low, high, approx) -> None:
    m = [x for x in find_mentions(sentence) if x.approx != "vague"][-1]
    assert (m.low, m.high, m.approx) == (low, high, approx)


@pytest.mark.parametrize(
    ("sentence", "bounds"),
    [
        ("They lose 200 or 300 men a day.", [(200, 300)]),
        ("It takes two or three days.", [(2, 3)]),
        ("It costs 8 or $9.", [(8, None), (9, None)]),  # one figure has a currency, one not
        ("Prices fell 25k or 40k against its rivals respectively.", [(25e3, None), (40e3, None)]),
        ("Pick 5 or 3 of them.", [(5, None), (3, None)]),
    ],
)
def test_figures_joined_by_or_make_a_range_only_when_they_read_as_one(sentence: str, bounds: list) -> None:
    assert [(m.low, m.high) for m in find_mentions(sentence)] == bounds


def test_a_unit_after_a_name_keeps_the_figure() -> None:
    assert [m.low for m in find_mentions("The MacBook Pro 16 inch costs more.")] == [16]


@pytest.mark.parametrize(
    ("sentence", "value", "approx"),
    [
        ("Imports grew more than sixfold in a decade.", 6, "at_least"),
        ("Cases rose 2.5-fold in a week.", 2.5, "exact"),
        ("The council expects a threefold rise in claims.", 3, "exact"),
    ],
)
def test_a_multiple_is_a_figure_in_times(sentence: str, value: float, approx: str) -> None:
    [m] = find_mentions(sentence)
    assert (m.low, m.approx, m.unit_hint) == (value, approx, "times")


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("The nozzle has a 1.5mm opening.", ["1.5mm"]),
        ("Crews fired 152mm shells and 5.56mm rounds.", []),
    ],
)
def test_millimetres_below_any_calibre_are_measures(sentence: str, kept: list[str]) -> None:
    assert [m.text for m in find_mentions(sentence)] == kept


@pytest.mark.parametrize(
    "sentence",
    ["S&P 500 futures slipped 0.3% overnight.", "Shares of FTSE 100 firms rose 1.2% on Monday."],
)
def test_a_stock_index_number_is_a_name_whatever_follows(sentence: str) -> None:
    assert [m.unit_hint for m in find_mentions(sentence)] == ["percent"]


@pytest.mark.parametrize(
    ("sentence", "low", "high", "approx"),
    [
        ("Sales slowed in the run-up to 40 store openings.", 40, None, "exact"),
        ("Hiring froze in the lead up to 300 layoffs.", 300, None, "exact"),
        ("Clinics vaccinate children under the age of 5 first.", None, 5, "at_most"),
        ("The bar serves guests over the age of 21 only.", 21, None, "at_least"),
        ("Adults burn about 2000 - 2500 calories a day.", 2000, 2500, "range"),
        ("Night temperatures dropped by 1 to 1.5 degrees.", 1, 1.5, "range"),
    ],
)
def test_lead_up_age_limits_and_ranges_after_a_change(sentence, low, high, approx) -> None:
    m = one(sentence)
    assert (m.low, m.high, m.approx) == (low, high, approx)


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("Shares rose 5 to 300 pence.", [5, 300]),  # a change, then the level it reached
        ("Sales rose 60% in 2018 to 3.9 million units.", [60, 3.9e6]),
    ],
)
def test_a_change_and_the_level_it_reaches_stay_two_figures(sentence: str, values: list[float]) -> None:
    assert [m.low for m in find_mentions(sentence)] == values


def test_an_age_limit_is_counted_in_years() -> None:
    assert one("Clinics vaccinate children under the age of 5 first.").unit_hint == "years"


def test_wire_style_yen_is_a_currency() -> None:
    m = one("Sony now expects a profit of Y=590 billion.")
    assert (m.low, m.unit_hint) == (590e9, "JPY")


@pytest.mark.parametrize("sentence", ["Homes in the 90049 ZIP code sold fast.", "Dial the 212 area code first."])
def test_postal_and_dialling_codes_are_not_claims(sentence: str) -> None:
    assert find_mentions(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("An ounce is 1⁄32 of a quart.", 3.125, "percent"),  # a share, like "a third of"
        ("About 2/3 of voters agreed.", 66.67, "percent"),
        ("Stir in 1/2 pound of sugar.", 0.5, None),  # half of the unit that follows
        ("Drill a 3/4-inch hole.", 0.75, "inch"),
    ],
)
def test_a_fraction_with_a_slash_is_a_figure(sentence: str, value: float, unit: str | None) -> None:
    m = one(sentence)
    assert (m.low, m.unit_hint) == (pytest.approx(value, rel=1e-3), unit)


@pytest.mark.parametrize(
    ("sentence", "low", "unit"),
    [
        ("The 37m (121ft)-long hull was towed.", 37, "m"),
        ("A 12m-long whale washed up.", 12, "m"),
        ("The mast is 40m tall.", 40, "m"),
        ("The club paid $37m for him.", 37e6, "USD"),
    ],
)
def test_m_is_metres_before_a_length_and_millions_otherwise(sentence: str, low: float, unit: str) -> None:
    m = find_mentions(sentence)[0]
    assert (m.low, m.unit_hint) == (low, unit)


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("The hearing limit is between 15kHz and 17kHz.", [(15, 17)]),
        ("Bids ranged between 5kg and 7kg of gold.", [(5, 7)]),
        ("It weighs 5kg and carries 7kg.", [(5, None), (7, None)]),
    ],
)
def test_between_two_figures_with_their_units_is_a_range(sentence: str, values: list) -> None:
    assert [(m.low, m.high) for m in find_mentions(sentence)] == values


@pytest.mark.parametrize(
    "sentence",
    ["Tesla shipped its Model 3s.", "The 49ers won again.", "Rents rose in the 1990's.",
     "They sold 9 E 71st St, Manhattan, last year."],
)
def test_plurals_of_names_decades_and_street_numbers_are_not_claims(sentence: str) -> None:
    assert [m.low for m in find_mentions(sentence) if m.approx != "vague"] == []


@pytest.mark.parametrize(
    ("sentence", "low"),
    [("Fares will rise by an average of 1500 rupees.", 1500), ("A total of 2000 people came.", 2000),
     ("The array makes 550 megawatts Topaz said.", 550), ("It is about minus 387 Fahrenheit there.", -387)],
)
def test_amounts_that_look_like_years_or_names_are_figures(sentence: str, low: float) -> None:
    assert one(sentence).low == low


@pytest.mark.parametrize("sentence", ["The count was 980 two weeks ago.", "Three days ago the bridge fell."])
def test_a_time_ago_is_not_a_figure(sentence: str) -> None:
    assert [m.text for m in find_mentions(sentence)] == (["980"] if "980" in sentence else [])


@pytest.mark.parametrize(
    "sentence",
    ["A magnitude 6.8 earthquake struck.", "A 5.9-magnitude aftershock followed.", "Sub-zero nights are forecast.",
     "Children under five are most at risk.", "The margin is plus or minus 3.1 percentage points.",
     "Updated Tue 15 Oct 2024 07.12 BST"],
)
def test_magnitudes_age_groups_margins_and_clock_times_are_not_figures(sentence: str) -> None:
    assert [m.text for m in find_mentions(sentence) if m.approx != "vague"] == []


@pytest.mark.parametrize(
    ("sentence", "approx"),
    [("The toll climbed past 1,200.", "at_least"), ("Cases passed 15,000 on Monday.", "at_least"),
     ("Over the past 10 days rain fell.", "exact")],
)
def test_past_a_figure_is_a_floor_but_the_past_n_days_is_not(sentence: str, approx: str) -> None:
    assert one(sentence).approx == approx


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("Cases rose to 1,540, up from 1,399 in 2023.", [1540, 1399]),  # not one in 2023
        ("Nearly two dozen people died.", [24]),
        ("The rate was 18.4 cases per 100,000 people.", [18.4]),  # the denominator is no figure
        ("It orbits the sun every 33 years.", [33]),
        ("Five-year-olds were vaccinated first.", []),
    ],
)
def test_shares_dozens_rates_and_age_groups(sentence: str, values: list[float]) -> None:
    found = [m.high if m.approx == "at_most" else m.low for m in find_mentions(sentence)]
    assert found == values


@pytest.mark.parametrize(
    "sentence",
    ["Only metro lines 1 and 14 ran.", "Districts 3 to 5 flooded.", "Call 211 for information.",
     "Updated 15.11.2025, 14:05", "Version 3.5.1 is out."],
)
def test_line_numbers_phone_numbers_and_dotted_dates_are_not_figures(sentence: str) -> None:
    assert find_mentions(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("Half a million people fled the coast.", [(500000, "exact")]),
        ("A couple of hundred residents gathered.", [(200, "exact")]),
        ("A tenth of the harvest rotted.", [(10, "exact")]),
        ("The bank raised rates by a quarter of a percentage point.", [(0.25, "exact")]),
        ("Organisers said not 20,000 but 12,000 people came.", [(12000, "exact")]),
        ("On 2024-11-02, 300 volunteers arrived.", [(300, "exact")]),
        ("It shipped 4 million PS5 consoles and 2 million iPhone 15 handsets.", [(4e6, "exact"), (2e6, "exact")]),
        ("The board approved a PS6m bonus and PS21,700 in fees.", [(6e6, "exact"), (21700, "exact")]),
        ("The driver, 52, was unhurt.", []),
        ("Call 555-0134 for help.", []),
    ],
)
def test_figures_written_in_words_names_and_codes(sentence: str, values: list[tuple[float, str]]) -> None:
    assert [(m.low if m.low is not None else m.high, m.approx) for m in find_mentions(sentence)] == values
