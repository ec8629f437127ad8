"""Quoted speech: who speaks inside quotation marks, even across paragraphs.

A quotation closed by '..., Samus told hromadske.' lends its speaker to every figure inside
it; a quotation that runs over paragraphs reopens each one without closing the last.
"""

from __future__ import annotations

from tally import rx as re  # linear-time matching: see tally/rx.py

from tally import lexicon

from tally.extract.names import PRONOUNS, clean_name, last_named_person, strip_titles

# A speech verb as written after a quotation: "said", "insists", "told", "added".
_SAID = lexicon.inflected("verbs.speech", "verbs.quote_only")
_QUOTE_SPEAKER = re.compile(
    rf"^\s*,?\s*(?:(?P<who>[^\"“”.!?]{{2,90}}?)\s+{_SAID}\b"
    rf"|{_SAID}\s+(?P<who2>[^\"“”.!?,]{{2,90}}))",
)
_PRONOUN_SAID = re.compile(rf"^\s*,?\s*(?:(?:he|she)\s+{_SAID}|{_SAID}\s+(?:he|she))\b", re.IGNORECASE)
_NAME_TAIL = re.compile(r"((?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’.-]+)\s*$")
_NAME_HEAD = re.compile(r"^\s*((?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’.-]+)")


def quote_regions(text: str) -> list[tuple[int, int, str]]:
    """Spans of quoted speech with a named speaker after the closing quote.

    A quotation that runs over paragraphs reopens each one without closing the last; every
    paragraph of it gets the speaker named at its end. A quotation with no speaker right after
    an attributed one goes on in that voice.

    Returns:
        (start, end, speaker) for each quotation whose speaker can be read.
    """
    regions: list[tuple[int, int, str]] = []
    pending: list[tuple[int, int]] = []  # earlier paragraphs of the open quotation
    opened: int | None = None
    for m in re.finditer(r"[\"“”]", text):
        ch = m.group(0)
        if opened is None:
            if ch != "”":
                opened = m.end()
            continue
        if ch == "“" or (ch == '"' and (m.start() == 0 or text[m.start() - 1] == "\n")):
            pending.append((opened, m.start()))
            opened = m.end()
            continue
        if m.start() - opened > 2500:
            pending, opened = [], (None if ch == "”" else m.end())
            continue
        # The speaker of a quotation is named in its own paragraph, never in the next one.
        after = text[m.end() : m.end() + 160].split("\n", 1)[0]
        first = pending[0][0] if pending else opened  # where the quotation began
        speaker = _speaker_after(after)
        speaker = strip_titles(clean_name(speaker)) if speaker else None
        if speaker is None and _PRONOUN_SAID.match(after[:40]):
            # '"...," she said.': the speaker quoted last, else the last person named
            speaker = regions[-1][2] if regions else last_named_person(text[:first])
        if speaker is None and regions and first - regions[-1][1] < 200 and not _QUOTE_SPEAKER.match(after):
            speaker = regions[-1][2]  # '"...," the official said. "In some places ..."'
        if speaker:
            regions.extend((a, b, speaker) for a, b in pending)
            regions.append((opened, m.start(), speaker))
        pending, opened = [], None
    return regions


_LATE_SPEAKER = re.compile(
    rf",\s*{_SAID}\s+((?:[A-Z][\w'’.-]+\s+){{0,4}}[A-Z][\w'’.-]+)"
)
_TITLE_DOT = re.compile(r"\b(Dr|Mr|Mrs|Ms|Prof|Gen|Sen|Rep|Lt|Col|Capt|Sgt|Gov|Maj|Adm|Cpl|Supt|Insp)\.")


def _speaker_after(after: str) -> str | None:
    after = _TITLE_DOT.sub(r"\1", after)  # '," said Dr. Mary Achol': the dot ends no sentence
    sm = _QUOTE_SPEAKER.match(after)
    if not sm:
        return None
    who = (sm.group("who") or sm.group("who2") or "").strip()
    if sm.group("who") and (any(ch.isdigit() for ch in who) or len(who.split()) > 8):
        # '" with 790 bodies recovered ..., said Lt. Mir Rabbi': the speaker comes after the verb.
        late = _LATE_SPEAKER.search(after)
        return late.group(1) if late else None
    if sm.group("who2"):
        head = _NAME_HEAD.match(who)
        return head.group(1) if head else None
    if "," in who:
        # "Carlos Ruiz, the head of the regional government," -> the name before the comma.
        head = _NAME_HEAD.match(who)
        if head and who[head.end() :].lstrip().startswith(","):
            return head.group(1)
        who = who.rsplit(",", 1)[-1].strip() or who
    tail = _NAME_TAIL.search(who)
    if tail and tail.group(1).lower() not in PRONOUNS:
        return tail.group(1)
    return None if who.lower() in PRONOUNS else who
