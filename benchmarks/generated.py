"""Generated news articles for the scale benchmark and the concurrency tests (our own words).

Each article reports on a flood, fire, storm or outbreak in an invented district, with figures
attributed to invented agencies; a seeded random draw makes every article's text distinct.
Every ``copy_every``-th article is a near-copy of an earlier one (the same story under another
site's menu line and a time stamp), as a wire story republished elsewhere would be.

Usage: ``python benchmarks/generated.py N OUT_DIR`` writes N text files.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

PLACES = (
    "Varnholm", "Ostrava Vale", "Kelmari", "Dunmore Flats", "Sarith", "Port Alyn", "Trevanne",
    "Mossgate", "Ilbrook", "Canterra", "Hollin Ridge", "Zarek", "Peltham", "Ombray", "Lisk",
)  # fmt: skip
AGENCIES = (
    "the regional emergency office", "the Red Lantern relief society", "the health ministry",
    "the district governor", "the national weather service", "the civil protection agency",
    "the provincial police", "the water authority", "local hospital officials",
)  # fmt: skip
EVENTS = ("flood", "wildfire", "storm", "cholera outbreak", "landslide", "heatwave")
MONTHS = ("March", "April", "May", "June", "July", "August", "September", "October")
OUTCOMES = (
    ("people had been displaced", 200, 40_000),
    ("homes were destroyed", 10, 3_000),
    ("people died", 1, 400),
    ("people were injured", 5, 2_000),
    ("cases were confirmed", 20, 9_000),
    ("families received emergency shelter", 30, 6_000),
)
FILLER = (
    "Roads into the valley remained closed on {day} {month}, and crews worked through the night.",
    "Residents described water rising faster than in any year they could remember.",
    "Volunteers set up kitchens in two schools and a sports hall near the market.",
    "The bridge on the northern road was inspected and declared safe for light traffic.",
    "Forecasters expected drier weather by the end of the week in {place}.",
    "Aid convoys reached the outer villages after a detour through the hills.",
    "Schools in {place} will stay shut until the buildings have been checked.",
)


def article(n: int, rng: random.Random) -> str:
    """The text of article number ``n``: a header, then five to nine sentences."""
    place = rng.choice(PLACES)
    event = rng.choice(EVENTS)
    month = rng.choice(MONTHS)
    day = rng.randint(1, 28)
    lines = [
        f"title: {event.title()} in {place}, report {n}",
        f"outlet: {rng.choice(('Valley Courier', 'The Northern Post', 'Coastline Daily'))}",
        f"published: 2025-{MONTHS.index(month) + 3:02d}-{day:02d}",
        "---",
    ]
    sentences = [f"A {event} struck {place} in early {month}, bulletin {n} of the season said."]
    for outcome, low, high in rng.sample(OUTCOMES, rng.randint(2, 4)):
        agency = rng.choice(AGENCIES)
        figure = f"{rng.randint(low, high):,}"
        hedge = rng.choice(("", "about ", "at least ", "more than "))
        sentences.append(f"{agency.capitalize()} said on {day} {month} that {hedge}{figure} {outcome}.")
    for template in rng.sample(FILLER, rng.randint(2, 4)):
        sentences.append(template.format(place=place, month=month, day=day))
    return "\n".join(lines) + "\n" + " ".join(sentences) + "\n"


def corpus(count: int, seed: int = 7, copy_every: int = 10) -> list[str]:
    """``count`` article texts; every ``copy_every``-th one a near-copy of an earlier one."""
    rng = random.Random(seed)
    texts: list[str] = []
    for n in range(count):
        if copy_every and n % copy_every == copy_every - 1 and texts:
            original = texts[rng.randrange(len(texts))]
            header, body = original.split("---\n", 1)
            texts.append(f"{header}---\nHome | World | Weather\n{body}Updated at {n % 24:02d}:{n % 60:02d}.\n")
        else:
            texts.append(article(n, rng))
    return texts


def write(count: int, out: Path, seed: int = 7) -> list[Path]:
    """Write the corpus as ``out/NNNNN.txt`` files; returns their paths in order."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, text in enumerate(corpus(count, seed)):
        path = out / f"{n:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    write(int(sys.argv[1]), Path(sys.argv[2]))
