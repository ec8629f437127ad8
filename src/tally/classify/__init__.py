"""Classify: a topic file names the quantities to track; claims are assigned to them."""

from tally.classify.rules import (
    canonical_actor,
    classify,
    group_key,
    group_label,
    local_context,
    matches,
)
from tally.classify.topic import load_topic

__all__ = [
    "canonical_actor", "classify", "group_key", "group_label", "load_topic", "local_context",
    "matches",
]  # fmt: skip
