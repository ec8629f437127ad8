"""Calendar words shared by the stages that read dates (ingest and extract).

Kept apart from both stages so that reading a publication date never loads the extractor.
"""

from __future__ import annotations

MONTH_NUMBERS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# Wire services whose datelines ("KYIV, March 3 (Reuters) -") open a story.
WIRE_AGENCIES = r"Reuters|AP|AFP|Bloomberg|UPI|dpa|Xinhua|EFE|ANSA|Kyodo|Yonhap|PTI|IANS|TASS|CNN|BBC"
# "early", "mid-", "the end of" before a month or season: the date keeps its month.
PART_OF = (
    r"(?:(?:early|mid|late|the end of|end of|the beginning of|beginning of|the middle of"
    r"|the (?:first|second|third|fourth|last|final) (?:week|weekend|days|half) of)[\s-]+)?"
)
