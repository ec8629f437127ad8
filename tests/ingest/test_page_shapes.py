"""split_parts on more page shapes: navigation, author bios, inline link blocks, comment chrome."""

from __future__ import annotations

import itertools
import random

import pytest

from tally.ingest.parts import split_parts
from tally.types import Part, Segment

P1 = "Wildfires burned through 12,000 hectares of pine forest last week, the forestry agency said."
P2 = "About 900 firefighters and 40 aircraft were still working on the eastern edge on Sunday."
P3 = "Officials said the cost of the damage would not be known until the autumn survey."


def part_of(text: str, segments: list[Segment], line: str) -> Part:
    start = text.index(line)
    parts = {s.part for s in segments if s.start < start + len(line) and start < s.end}
    assert len(parts) == 1, f"{line!r} spans {parts}"
    return parts.pop()


def check(text: str, expected: dict[str, Part]) -> None:
    segments = split_parts(text)
    got = {line: part_of(text, segments, line) for line in expected}
    assert got == expected
    for para in (P1, P2, P3):
        if para in text and para not in expected:
            assert part_of(text, segments, para) == "body", para


@pytest.mark.parametrize(
    ("top", "expected"),
    [
        ("Menu\nSearch\nSign in\n", {"Menu": "furniture", "Search": "furniture", "Sign in": "furniture"}),
        ("News | World | Europe | Climate\n", {"News | World | Europe | Climate": "furniture"}),
        ("News\nWorld\nEurope\n", {"News": "furniture", "World": "furniture", "Europe": "furniture"}),
        ("Climate\nForest fires spread along the eastern ridge\n", {
            "Climate": "furniture", "Forest fires spread along the eastern ridge": "body"}),
        ("Forest fires spread along the eastern ridge\n", {
            "Forest fires spread along the eastern ridge": "body"}),
        ("Skip to content\nHome › Climate › Wildfires\n", {
            "Skip to content": "furniture", "Home › Climate › Wildfires": "furniture"}),
    ],
    ids=["menu words", "separated links", "menu run", "section label", "headline", "breadcrumb"],
)  # fmt: skip
def test_navigation_above_the_article_is_furniture_but_a_headline_is_body(
    top: str, expected: dict[str, Part]
) -> None:
    check(f"{top}{P1}\n{P2}\n", expected)


def test_subheadings_inside_the_article_stay_body() -> None:
    text = (
        f"Fires on the ridge\n{P1}\nWhat Comes Next\n{P2}\nCosts\nRecovery Plans\nFunding\n{P3}\n"
    )
    check(text, {"What Comes Next": "body", "Costs": "body", "Recovery Plans": "body"})


@pytest.mark.parametrize(
    "bio",
    [
        "Marta Lind, Senior Lecturer in Forest Ecology, University of Umeå.",
        "Marta Lind is a research fellow at the Institute for Fire Studies.",
        "Marta Lind teaches forest ecology at a university in the north.",
        "Marta Lind is a senior correspondent for Valley Courier.",
    ],
)
def test_an_author_bio_line_ends_the_article_and_comments_follow(bio: str) -> None:
    text = f"{P1}\n{P2}\n{bio}\nSo sad to see, I hiked there last year.\nI heard 20,000 hectares.\n"
    check(text, {
        bio: "body",
        "So sad to see, I hiked there last year.": "comment",
        "I heard 20,000 hectares.": "comment",
    })  # fmt: skip


@pytest.mark.parametrize(
    "line",
    [
        "Marta Lind, a correspondent in the north, visited the burned villages on Monday.",
        "Marta Lind, a professor at the university, said 300 homes were at risk.",
        "The agency's director is a forester by training and has led it since 2019.",
        "Its director is a former journalist who ran the local paper for years.",
        "The governor is the author of the evacuation plan, which has been criticised.",
        "The agency is the region's main analyst of fire risk in the summer months.",
    ],
)
def test_sentences_that_name_a_role_inside_the_article_do_not_end_it(line: str) -> None:
    check(f"{P1}\n{line}\n{P2}\n{P3}\n", {line: "body"})


def test_a_read_also_block_inside_the_article_does_not_end_it() -> None:
    more = (
        "Residents of two villages were allowed home on Monday after the wind turned, although "
        "the agency warned that the fire could flare up again if the dry weather held."
    )
    text = f"{P1}\nRead also:\nHeatwave breaks records across the south\n{more}\n{P2}\n"
    check(text, {
        "Read also:": "furniture",
        "Heatwave breaks records across the south": "furniture",
        more: "body",
    })  # fmt: skip


def test_after_a_page_end_link_block_prose_stays_furniture() -> None:
    tagline = (
        "Valley Courier brings you local news, weather and sport from across the valley and the "
        "hills beyond, every day of the year, from our newsroom in the old mill."
    )
    check(f"{P1}\n{P2}\nYou may also like\n{tagline}\n", {tagline: "furniture"})


@pytest.mark.parametrize(
    "line",
    [
        "Share this article",
        "Facebook Twitter WhatsApp Email",
        "By Jan Berg, 18 March 2025",
        "BY JAN BERG",
        "Published: 18 March 2025 10:42",
        "Updated March 18, 2025 at 9:30 am EST",
        "4 min read",
        "Photo by Jan Berg / Valley Courier",
        "Advertisement",
        "READ MORE: Heatwave breaks records across the south",
        "Reporting by Jan Berg; Editing by Ola Sund",
    ],
)
def test_page_chrome_inside_the_article_is_furniture(line: str) -> None:
    check(f"{P1}\n{line}\n{P2}\n{P3}\n", {line: "furniture"})


@pytest.mark.parametrize(
    "line",
    [
        "By mid-January, about 300 homes had been evacuated, the agency said.",
        "By Sunday the fire had crossed the river",
        "Published figures put the damage at 40 million euros.",
        "Home to 300 families, the village was emptied on Monday.",
        "Related: 3,000 more firefighters were sent in January.",
        "Advertisement revenue at the local paper fell by 10 percent.",
        "Search teams found 12 more hikers",
        "11,000 | 12,000 | 14,000",
        "Share prices fell 3 percent on the news.",
    ],
)
@pytest.mark.parametrize("where", ["top", "middle"])
def test_sentences_that_start_like_chrome_stay_body(line: str, where: str) -> None:
    text = f"{line}\n{P1}\n{P2}\n" if where == "top" else f"{P1}\n{line}\n{P2}\n"
    check(text, {line: "body"})


def test_comment_chrome_after_the_end_is_furniture_and_the_comments_stay_comments() -> None:
    text = (
        f"{P1}\n{P2}\nRead the original article.\n"
        "3 thoughts on “Forest fires spread”\nember_77\n2 hours ago\n"
        "They said 900 firefighters but I counted far fewer.\nReply\n12 likes\n"
    )
    check(text, {
        "Read the original article.": "body",
        "3 thoughts on “Forest fires spread”": "furniture",
        "ember_77": "furniture",
        "2 hours ago": "furniture",
        "They said 900 firefighters but I counted far fewer.": "comment",
        "Reply": "furniture",
        "12 likes": "furniture",
    })  # fmt: skip


def test_a_teaser_title_and_repeated_lead_after_comments_are_furniture() -> None:
    text = (
        f"{P1}\n{P2}\nThis article was originally published by Valley Courier.\n"
        "Stay safe out there everyone.\nForest fires spread along the eastern ridge\n"
        f"{P1}\n"
    )
    check(text, {
        "Stay safe out there everyone.": "comment",
        "Forest fires spread along the eastern ridge": "furniture",
    })  # fmt: skip


def test_a_comments_section_on_its_own_is_comments_and_chrome() -> None:
    text = "Comments (2)\nember_77\nGreat reporting, thank you.\nReply\n"
    segments = split_parts(text, after_end=True)
    assert part_of(text, segments, "Great reporting, thank you.") == "comment"
    assert {part_of(text, segments, x) for x in ("Comments (2)", "ember_77", "Reply")} == {
        "furniture"
    }


def test_a_long_page_splits_quickly_enough_to_be_linear() -> None:
    # Not a timing test: a quadratic repeat check would make this size crawl.
    comments = "\n".join(
        f"Comment number {i} says the count was {i * 7} not {i}." for i in range(6000)
    )
    text = f"{P1}\n{P2}\nRead the original article.\n{comments}\n"
    segments = split_parts(text)
    assert segments[-1].end == len(text) and segments[-1].part == "comment"


@pytest.mark.parametrize(
    "top",
    [
        "Trending\nHeatwave in the south\n",
        "12 comments\n",
        "This article was originally published by Valley Courier.\n",
        "Related:\n",
    ],
    ids=["trending block", "comment count", "credit on top", "related header"],
)
def test_end_markers_above_the_first_paragraph_do_not_end_the_article(top: str) -> None:
    text = f"{top}Forest fires spread along the eastern ridge\n{P1}\n{P2}\n{P3}\n"
    segments = split_parts(text)
    for para in (P1, P2, P3):
        assert part_of(text, segments, para) == "body"
    assert part_of(text, segments, top.split("\n")[0]) in ("furniture", "body")


def test_any_mix_of_page_lines_gives_segments_that_cover_the_text() -> None:
    pool = [P1, P2, P3, "", "  ", "Menu", "Read also:", "12 comments", "Reply", "ember_77",
            "Read the original article.", "Share this article", "Jul 8, 2025 13:11 598",
            "Marta Lind is a research fellow at the Institute.", "You may also like", "\t",
            "So sad.", "By Jan Berg", "Photo: Jan Berg", "Снимка: БГНЕС", "x" * 300]  # fmt: skip
    rng = random.Random(7)
    for _ in range(300):
        text = "\n".join(rng.choice(pool) for _ in range(rng.randint(0, 25)))
        text += rng.choice(["", "\n", "\n\n"])
        segments = split_parts(text)
        if not text:
            continue
        assert segments[0].start == 0 and segments[-1].end == len(text)
        assert all(a.end == b.start and a.part != b.part for a, b in itertools.pairwise(segments))
        assert all(s.start < s.end for s in segments)


@pytest.mark.parametrize(
    "line",
    ["Soldiers fire a howitzer near the front, May 2023. REUTERS/Alina Smutko",
     "(AP Photo/Efrem Lukatsky)", "Share on Facebook"],
)
def test_wire_photo_credits_and_share_links_inside_the_article_are_furniture(line: str) -> None:
    from tally.ingest.parts import split_parts

    text = ("Officials said 300 homes were flooded in the valley on Monday, the worst in a decade.\n"
            f"{line}\nRescuers said another 40 people were missing, and 12 bridges collapsed.\n")
    start = text.index(line)
    parts = [s.part for s in split_parts(text) if s.start <= start < s.end]
    assert parts == ["furniture"]
