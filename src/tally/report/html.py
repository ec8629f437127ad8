"""The HTML report: one self-contained page (Plotly inlined) with a chart per quantity.

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
from plotly.offline import get_plotlyjs

from tally.report.charts import timeline_figure
from tally.report.data import estimate_dict
from tally.types import Article, Estimate

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("tally.report", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
)


def _safe_json(value: Any) -> Markup:
    text = json.dumps(value, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _split(sentence: str, mention: str) -> tuple[str, str, str]:
    at = sentence.find(mention) if mention else -1
    if at < 0:
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
        for report in data["reports"]:
            for claim in report["claims"]:
                before, mention, after = _split(claim["sentence"], claim["mention"])
                article = arts.get(claim["article_id"] or "")
                claim.update(before=before, mention=mention, after=after, url=_url(article))
                claim["doc"] = claim["doc"] or (article.name if article else "")
        rows.append(data)
        figures[f"chart-{qi}"] = json.loads(timeline_figure(est, qi).to_json())
    return {"estimates": rows, "figures_json": _safe_json(figures)}


def render_html(
    estimates: list[Estimate], articles: Mapping[str, Article] | Iterable[Article] | None = None
) -> str:
    """The report page as a string (Plotly's JavaScript inlined: it works offline)."""
    arts = articles if isinstance(articles, Mapping) else {a.id: a for a in articles or ()}
    context = page_context(estimates, arts)
    template = _ENV.get_template("report.html.j2")
    return template.render(plotly_js=Markup(get_plotlyjs()), **context)


def write_html(
    estimates: list[Estimate],
    path: str | Path,
    articles: Mapping[str, Article] | Iterable[Article] | None = None,
) -> Path:
    """Write the self-contained report page.

    Args:
        estimates: What :func:`tally.reconcile.reconcile` returned.
        path: The HTML file to write (parent folders must exist).
        articles: Articles by id (or a list), to link each claim to its article's web address.

    Returns:
        The path written.

    Raises:
        OSError: The file cannot be written (the pipeline turns this into an OutputError).
    """
    out = Path(path)
    out.write_text(render_html(estimates, articles), encoding="utf-8")
    return out
