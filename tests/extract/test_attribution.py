"""Who the rules read as a figure's source, on sentences written for these tests.

These shapes are the candidate generators the trained chooser picks from
(``tally.extract.choose``), so they are read with the rules alone; what the chooser makes of
them is measured leave-one-topic-out (``tests/learn``).
"""

from functools import partial

import pytest

from tally.extract import extract_claims as extract_with_model

pytestmark = pytest.mark.model
extract_claims = partial(extract_with_model, models=None)


def source_of(text: str, mention: str) -> str | None:
    claims = [c for c in extract_claims(text) if mention in c.mention]
    assert claims, [c.mention for c in extract_claims(text)]
    return claims[0].source


@pytest.mark.parametrize(
    ("text", "mention", "source"),
    [
        ("About 2,000 houses were destroyed, according to the Red Cross.", "2,000", "Red Cross"),
        ("The Health Ministry said 45 people had died.", "45", "Health Ministry"),
        ("Mayor Ana Ruiz told reporters that 300 families were evacuated.", "300", "Ana Ruiz"),
        ("Western diplomats estimate that 1,200 fighters crossed the river.", "1,200", "Western diplomats"),
        ("Local media, citing the fire brigade, reported 12 deaths.", "12", "fire brigade"),
        ("Under the UN's estimates, 40,000 people fled.", "40,000", "UN"),
        ("The health ministry said the country has recorded 15,312 cases.", "15,312", "health ministry"),
        ("OCHA gave a higher figure, estimating that some 1,350 people had died.", "1,350", "OCHA"),
        ("A poll by the Median institute found that 58% of voters agreed.", "58%", "Median institute"),
        ("A poll published on Friday by the Median institute found that 58% agreed.", "58%", "Median institute"),
        ("The organising coalition said 180,000 people took part.", "180,000", "coalition"),
        ("Ukraine's air force said it had destroyed 79 drones.", "79", "air force"),
        ("Forecasters at the weather agency expect floods in 14 states.", "14", "Forecasters"),
        ("NHS England data show 1,087 children were admitted.", "1,087", "NHS England"),
        ("The student union UNEF said 150 schools were blockaded.", "150", "UNEF"),
        ("The Spanish charity Caminando Fronteras said 10,457 people died.", "10,457", "Caminando Fronteras"),
        ("There were 38 cases, according to the Africa Centres for Disease Control and Prevention.", "38",
         "Africa Centres for Disease Control and Prevention"),
        ("A joint count by the BBC Russian service has identified 135,118 soldiers.", "135,118", "BBC Russian service"),
        ("Frontex, the EU's border agency, detected about 239,000 crossings.", "239,000", "Frontex"),
        ("Cases hit 4,000, according to figures published by the Health Security Agency.", "4,000",
         "Health Security Agency"),
        ("The rate was 18.4 cases per 100,000 last year, the UKHSA said.", "18.4", "UKHSA"),
        ("The agency has updated its figures: 412 people have died, AFAD said.", "412", "AFAD"),
    ],
)
def test_source_shapes(text: str, mention: str, source: str) -> None:
    got = source_of(text, mention)
    assert got is not None and source.lower() in got.lower()


def test_a_figure_the_outlet_states_itself_has_no_source() -> None:
    assert source_of("The river rose by 3 metres overnight.", "3") is None


def test_a_quotation_lends_its_speaker_to_figures_inside_it_across_paragraphs() -> None:
    text = (
        'Analyst Petra Holm spoke at length. "The army loses about 900 men a week.\n'
        'It needs 5,000 recruits a month to keep up," Holm told the radio station.'
    )
    claims = extract_claims(text)
    assert {c.source for c in claims} == {"Petra Holm"}


def test_a_continuing_sentence_keeps_the_previous_report_source() -> None:
    text = (
        "The flood followed a report by the regional water agency, which estimated that "
        "4,000 homes were at risk. Among them, about 600 lie below the dam."
    )
    sources = [c.source for c in extract_claims(text)]
    assert len(sources) == 2 and all(s and "water agency" in s for s in sources)


def test_an_unrelated_next_sentence_does_not_inherit_the_source() -> None:
    text = "The agency said 4,000 homes were at risk. The town has 12 schools."
    claims = extract_claims(text)
    assert claims[0].source is not None and claims[1].source is None


def test_the_chain_records_the_speaker_and_whom_they_cite() -> None:
    text = "Senator Kim Ho said, citing the spy agency, that 3,000 troops had left."
    claim = extract_claims(text)[0]
    assert claim.source is not None and "spy agency" in claim.source
    assert len(claim.source_chain) == 2


def test_two_speakers_in_one_sentence_each_keep_their_figure() -> None:
    text = "Police said 12,000 people attended, while organisers put the crowd at 50,000."
    sources = [c.source for c in extract_claims(text)]
    assert sources == ["Police", "organisers"]


def test_according_to_and_a_speech_verb_each_keep_their_figure_and_chain() -> None:
    text = "About 50,000 people marched, according to organisers, while police put the figure at 12,000."
    claims = extract_claims(text)
    assert [(c.source, c.source_chain) for c in claims] == [("organisers", ["organisers"]), ("police", ["police"])]


def test_he_resolves_to_the_last_person_named_as_a_source() -> None:
    text = "Mayor Ana Ruiz said 300 homes were lost. On Monday, he added that 40 bridges fell."
    assert [c.source for c in extract_claims(text)] == ["Ana Ruiz", "Ana Ruiz"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("North Korea has sent about 9,000 troops to the front, Seoul's National Intelligence Service said on Monday.",
         "National Intelligence Service"),
        ("About 7,000 troops have been sent, South Korean officials have said.", "South Korean officials"),
    ],
)
def test_a_speaker_at_the_end_of_the_sentence_is_found(text: str, source: str) -> None:
    got = extract_claims(text)[0].source
    assert got is not None and source in got


def test_a_verb_like_claimed_with_a_non_speaker_subject_is_no_source() -> None:
    assert extract_claims("Heavy fighting had claimed roughly a third of the unit.")[0].source is None


def test_the_source_country_is_not_the_actor() -> None:
    claim = extract_claims("Britain's Defence Ministry puts Russian losses at more than 6,000 soldiers.")[0]
    assert claim.actor == "Russian"


def test_a_quoted_speaker_with_an_appositive_is_named_by_the_name() -> None:
    text = '"We counted 92 bodies," Carla Mendes, the head of the regional council, told reporters.'
    assert extract_claims(text)[0].source == "Carla Mendes"


def test_a_relayed_figure_keeps_its_original_speaker() -> None:
    text = ("The spy agency told lawmakers that about 100 soldiers had died, "
            "according to lawmaker Lee Seong-kweun.")
    claim = extract_claims(text)[0]
    assert claim.source is not None and "spy agency" in claim.source
    assert "Lee Seong-kweun" in claim.source_chain


def test_an_acronym_in_brackets_is_kept_whole() -> None:
    text = "According to the UN human rights office (OHCHR), at least 12,300 civilians were killed."
    assert extract_claims(text)[0].source == "UN human rights office (OHCHR)"


def test_a_later_quote_closed_by_she_said_keeps_the_named_speaker() -> None:
    text = ('"We treated 4,500 patients," said Dr Amina Yusuf. '
            '"About 300 more arrive every day," she said.')
    assert [c.source for c in extract_claims(text)] == ["Amina Yusuf", "Amina Yusuf"]


@pytest.mark.parametrize(
    "text",
    ["KYIV, Feb 7 (Reuters) - Ukraine's military said it had killed 1,200 soldiers.",
     "JUBA (AFP) - The country's military said 1,200 soldiers had left.",
     "SEOUL — South Korea's military said 1,200 soldiers had left."],
)
def test_a_wire_dateline_is_never_the_source(text: str) -> None:
    claim = extract_claims(text)[0]
    assert claim.source is not None and "military" in claim.source
    assert text[claim.start : claim.end] == "1,200"


def test_a_titled_speaker_after_a_quote_is_named_without_the_title() -> None:
    text = '"We have 250 beds and all are full," said Dr. Mary Achol, who runs the ward.'
    assert [c.source for c in extract_claims(text)] == ["Mary Achol"]


@pytest.mark.parametrize(
    ("text", "sources"),
    [
        ("The defence ministry said 96 drones were launched. It said 41 of them were destroyed.",
         ["defence ministry", "defence ministry"]),
        ("Officials said 300 homes burned. They said 40 people were missing.", ["Officials", "Officials"]),
        ("It said 40 people were missing.", [None]),  # no body named before it
    ],
)
def test_it_and_they_resolve_to_the_last_body_that_spoke(text: str, sources: list) -> None:
    assert [c.source for c in extract_claims(text)] == sources


@pytest.mark.parametrize(
    "second", ["Nearly 1,000 more were injured.", "Another 300 were hurt.", "A further 12 are missing."]
)
def test_a_sentence_adding_more_of_the_same_count_keeps_its_source(second: str) -> None:
    claims = extract_claims("At least 40 people died, according to the Red Cross. " + second)
    assert [c.source for c in claims] == ["Red Cross", "Red Cross"]


def test_a_quote_closed_by_she_added_keeps_the_last_named_speaker() -> None:
    text = ('"We see 400 new cases a day," said Dr. Mary Achol. "The wards have 250 beds." '
            "She added that more were coming.")
    assert [c.source for c in extract_claims(text)] == ["Mary Achol", "Mary Achol"]


def test_a_quote_goes_on_in_the_same_voice_across_paragraphs() -> None:
    text = ('"Troops are trading men for metres," the official said. "Some days they lose 200 or 300 men.\n'
            '"They recruit about 30,000 men a month, which covers their losses."')
    assert [c.source for c in extract_claims(text)] == ["official", "official"]


def test_it_said_reads_the_sentence_before_even_without_a_figure() -> None:
    text = ("Air defences shot down 79 drones, the air force said. The defence ministry said its forces struck "
            "energy sites. It said 41 drones were destroyed.")
    assert [c.source for c in extract_claims(text)] == ["air force", "defence ministry"]


@pytest.mark.parametrize(
    "text",
    ["Around 28% of parents kept children home, while a quarter cited safety worries.",
     "Estimates of the dead range from 430,000 to 800,000."],
)
def test_what_is_cited_or_ranged_from_is_no_source_unless_it_can_speak(text: str) -> None:
    assert extract_claims(text)[0].source is None


def test_he_says_after_a_quote_is_the_last_person_the_text_named() -> None:
    text = ("Oleksandr Hrytsenko has cleared fields near Izium for years.\n"
            '"So far we have cleared about 140 hectares," he says.\n'
            "The World Bank puts the cost at $486 billion.\n"
            '"I had 600 hectares," says farmer Petro Bondar. He says he borrowed 1.8 million hryvnias.')
    sources = {c.mention: c.source for c in extract_claims(text)}
    assert (sources["about 140"], sources["600"], sources["1.8 million"]) == (
        "Oleksandr Hrytsenko", "Petro Bondar", "Petro Bondar")


def test_the_agency_is_the_agency_named_before() -> None:
    text = "The UN refugee agency UNHCR said 6.7 million people had fled. The agency says 3,600 staff are deployed."
    assert [c.source for c in extract_claims(text)] == ["UNHCR"] * 2


def test_the_agency_is_the_last_body_that_spoke_when_none_was_called_an_agency() -> None:
    text = "The WHO put the figure higher. The agency counted 4,590 cases."
    assert [c.source for c in extract_claims(text)] == ["WHO"]


def test_lines_of_a_list_take_the_source_and_label_the_sentence_before_gave() -> None:
    text = ("The IISS estimates Russia's inventory as follows:\n"
            "Tanks in active service: 2,900\nTanks in storage: 4,000 (estimate)\n")
    claims = extract_claims(text)
    assert [(c.source, c.unit, c.approx) for c in claims] == [
        ("IISS", "tanks in active service", "exact"), ("IISS", "tanks in storage", "about")]


def test_he_said_after_a_titled_name_in_any_script_is_that_person() -> None:
    text = "Interior Minister Laurent Nuñez spoke on Thursday. He said 41 police officers were hurt."
    assert extract_claims(text)[0].source == "Laurent Nuñez"


def test_the_government_is_not_the_agency_that_spoke_last() -> None:
    text = ("Forecasters at the hydrological agency expect floods in 14 states. "
            "Last year floods killed 205 people, according to the government.")
    assert [c.source for c in extract_claims(text)][-1] == "government"
