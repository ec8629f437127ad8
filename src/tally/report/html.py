"""The HTML report: one self-contained page with a chart per quantity, titled by the topic.

Plotly's "basic" bundle (static/plotly-basic.min.js, 1.2 MB) is inlined once for all charts.

Every piece of article text is untrusted: the template autoescapes it, and the chart data is
JSON with ``<``, ``>`` and ``&`` escaped, so no sentence can close a tag or open a script.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from tally.report.charts import timeline_figure
from tally.report.data import estimate_dict
from tally.report.summary import summary_rows, unclassified_line, unclassified_rows
from tally.types import Article, Claim, Estimate, ReportContext

PLOTLY_JS = Path(__file__).with_name("static") / "plotly-basic.min.js"

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("tally.report", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
)


def _safe_json(value: Any) -> Markup:
    text = json.dumps(value, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _split(claim: Claim) -> tuple[str, str, str]:
    """The claim's sentence before, at and after its mention, cut at the claim's own offsets."""
    at, sentence, mention = claim.start - claim.sentence_start, claim.sentence, claim.mention
    if not mention or at < 0 or sentence[at : at + len(mention)] != mention:
        return sentence, "", ""
    return sentence[:at], mention, sentence[at + len(mention) :]


def _url(article: Article | None) -> str | None:
    # Only web links become hrefs: a javascript: or file: origin stays plain text.
    for candidate in (article.url, article.origin) if article else ():
        if candidate and candidate.lower().startswith(("https://", "http://")):
            return candidate
    return None


def page_context(
    estimates: list[Estimate], articles: Mapping[str, Article] | None = None
) -> dict[str, Any]:
    """What the template needs: estimate dicts with split sentences, and the chart JSON."""
    arts = articles or {}
    rows = []
    figures: dict[str, Any] = {}
    for qi, est in enumerate(estimates):
        data = estimate_dict(est)
        for report, source_report in zip(data["reports"], est.reports, strict=True):
            for claim, found in zip(report["claims"], source_report.claims, strict=True):
                before, mention, after = _split(found)
                article = arts.get(claim["article_id"] or "")
                claim.update(before=before, mention=mention, after=after, url=_url(article))
                claim["doc"] = claim["doc"] or (article.name if article else "")
        rows.append(data)
        figures[f"chart-{qi}"] = json.loads(timeline_figure(est, qi).to_json())
    return {"estimates": rows, "figures_json": _safe_json(figures)}


Articles = Mapping[str, Article] | Iterable[Article] | ReportContext | None


def _context(articles: Articles) -> ReportContext:
    if isinstance(articles, ReportContext):
        return articles
    arts = articles if isinstance(articles, Mapping) else {a.id: a for a in articles or ()}
    return ReportContext(articles=dict(arts))


def render_html(estimates: list[Estimate], articles: Articles = None) -> str:
    """The report page as a string (Plotly's JavaScript inlined once: it works offline).

    Args:
        estimates: What :func:`tally.reconcile.reconcile` returned.
        articles: The report's context (title, unclassified claims, articles), or only the
            articles by id or as a list.

    Returns:
        The page.
    """
    ctx = _context(articles)
    context = page_context(estimates, ctx.articles)
    template = _ENV.get_template("report.html.j2")
    plotly_js = PLOTLY_JS.read_text(encoding="utf-8").replace("</script", "<\\/script")
    summary = summary_rows(estimates)
    return template.render(plotly_js=Markup(plotly_js), title=ctx.title, summary=summary,
                           unclassified=unclassified_line(ctx), unclassified_rows=unclassified_rows(ctx),
                           **context)  # fmt: skip


def write_html(estimates: list[Estimate], path: str | Path, articles: Articles = None) -> Path:
    """Write the self-contained report page.

    Args:
        estimates: What :func:`tally.reconcile.reconcile` returned.
        path: The HTML file to write (parent folders must exist).
        articles: The report's context, or articles by id (or a list), to link each claim to
            its article's web address.

    Returns:
        The path written.

    Raises:
        OSError: The file cannot be written (tally.app.reporting turns this into an OutputError).
    """
    out = Path(path)
    out.write_text(render_html(estimates, articles), encoding="utf-8")
    return out
