"""Citations: a sentence per quantity, each figure with a numbered reference to its article."""

from __future__ import annotations

import re

from report_corpus import HOSTILE

from tally.report import render
from tally.types import Article, Estimate, ReportContext


def _ctx(articles: dict[str, Article]) -> ReportContext:
    return ReportContext(title="Troops and shells", articles=articles)


def test_markdown_cites_each_latest_figure_with_numbered_references(
    estimates: list[Estimate], articles: dict[str, Article]
) -> None:
    text = render(estimates, "cite", context=_ctx(articles)) or ""
    troops = next(line for line in text.splitlines() if line.startswith("Troops sent:"))
    # the best-supported latest figure first, as the source gave it, then the other latest one
    assert re.match(r"Troops sent: 14,000–15,000, according to US officials \(2 April 2025\)\[\d\]", troops)
    assert "a report put it at up to 15,000 (2 April 2025)[" in troops
    refs = [line for line in text.splitlines() if re.match(r"\d+\. ", line)]
    numbers = {int(n) for n in re.findall(r"\[(\d+)\]", text.split("## References")[0])}
    assert numbers == set(range(1, len(refs) + 1))
    assert any("Weekly Courier" in r and "2025-04-02" in r for r in refs)


def test_wikitext_uses_ref_tags_once_per_article_and_a_reflist(
    estimates: list[Estimate], articles: dict[str, Article]
) -> None:
    text = render(estimates, "wikitext", context=_ctx(articles)) or ""
    assert text.startswith("== Troops and shells ==")
    assert text.rstrip().endswith("{{reflist}}")
    full = re.findall(r'<ref name="(t\d+)">\{\{cite news \|', text)
    assert len(full) == len(set(full)) >= 1
    reused = re.findall(r'<ref name="(t\d+)" />', text)
    assert reused and set(reused) <= set(full)  # a3 is cited by both quantities, in full once


def test_untrusted_text_is_escaped_in_both(
    estimates: list[Estimate], articles: dict[str, Article]
) -> None:
    for fmt in ("cite", "wikitext"):
        text = render(estimates, fmt, context=_ctx(articles)) or ""
        assert HOSTILE not in text and "<script>" not in text
