"""Citations: per quantity the sentence an editor would write, each figure with its reference.

"People killed: at least 53, according to Interior Ministry (16 March 2026)[1]; Flood Relief
Trust put it at 70–80 (16 March 2026)[2]." The references are numbered, one per article:
outlet, title, date, URL. Markdown numbers them itself; wikitext uses ``<ref>`` and
``{{reflist}}``, so a wiki numbers them.
"""

from __future__ import annotations

from tally import rx as re  # linear-time matching: see tally/rx.py
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from tally.dates.periods import iso_span
from tally.wording import format_number
from tally.report.markdown import md_escape
from tally.report.summary import figure
from tally.types import Article, Estimate, ReportContext, SourceReport


@dataclass
class _Refs:
    """References in order of first citation, one per article."""

    articles: dict[str, Article]
    order: list[str] = field(default_factory=list)

    def number(self, article_id: str) -> int:
        if article_id not in self.order:
            self.order.append(article_id)
        return self.order.index(article_id) + 1


def _when(period: str | None) -> str:
    """"16 March 2026", "March 2026", "2026" from an ISO period; "undated" without one."""
    days = iso_span(period)
    if days is None or period is None:
        return "undated"
    first = date.fromordinal(days[0])
    if len(period) >= 10:
        return f"{first.day} {first:%B %Y}"
    if len(period) == 7:
        return f"{first:%B %Y}"
    return period[:4]


def _article_ids(report: SourceReport) -> list[str]:
    ids: list[str] = []
    for claim in report.claims:
        if claim.article_id and claim.article_id not in ids:
            ids.append(claim.article_id)
    return ids


def _best_report(est: Estimate) -> SourceReport | None:
    def mid(r: SourceReport) -> float | None:
        lo = r.low if r.low is not None else r.high
        hi = r.high if r.high is not None else r.low
        return None if lo is None or hi is None else (lo + hi) / 2

    for pool in (est.latest, est.floors, est.reports):
        for report in pool:
            if mid(report) == est.best or (report.low == est.best and report.approx == "at_least"):
                return report
    return est.latest[0] if est.latest else None


def _best_text(est: Estimate, report: SourceReport | None) -> str:
    if est.best is None:
        if est.low is None and est.high is not None:
            return f"up to {figure(est.high, est.unit)}"
        return f"{figure(est.low, est.unit)}–{figure(est.high, est.unit)}"
    if report is not None and report.approx == "range" and report.low != report.high:
        return _value(report, est.unit)  # "14,000–15,000", as the source put it
    text = figure(est.best, est.unit)
    if report is not None and (report.approx == "at_least" or report in est.floors):
        return f"at least {text}"
    if report is not None and report.approx == "about":
        return f"about {text}"
    return text


def _value(report: SourceReport, unit: str | None) -> str:
    text = report.value_text
    return f"{text}%" if unit == "percent" and not text.endswith("%") else text


def _sentence(est: Estimate, refs: _Refs, cite: str) -> str:
    """One quantity's sentence; ``cite`` formats a reference number as "[1]" or a <ref>."""
    best = _best_report(est)

    def marks(report: SourceReport) -> str:
        return "".join(cite_one(i) for i in _article_ids(report))

    def cite_one(article_id: str) -> str:
        return cite.format(n=refs.number(article_id), id=article_id)

    if best is None:
        return f"{est.label}: no figure."
    # An outlet's own figure is cited, not attributed: "according to 000_ab12.txt" reads badly.
    who = "" if best.source_kind == "outlet" else f", according to {best.source}"
    parts = [f"{est.label}: {_best_text(est, best)}{who} ({_when(best.period)}){marks(best)}"]
    for report in est.latest:
        if report is best:
            continue
        said = "a report" if report.source_kind == "outlet" else report.source
        value = _value(report, est.unit)
        # "put it at 70–80", but "gave at least 111", never "put it at at least 111"
        verb = "gave" if value.startswith(_HEDGED) else "put it at"
        parts.append(f"{said} {verb} {value} ({_when(report.period)}){marks(report)}")
    text = "; ".join(parts)
    if est.low is not None and est.high is not None and est.low != est.high:
        text += f" (range {format_number(est.low)}–{format_number(est.high)})"
    return text + "."


_HEDGED = ("at least", "at most")  # "put it at at least 111" would stutter


def _reference(article: Article | None, article_id: str) -> tuple[str, str, str, str | None]:
    """(outlet, title, date, URL) of a cited article; one without a title is named by its
    address, or said to be untitled: a file name ("05-storm.txt") is no title."""
    if article is None:
        return (article_id, "", "undated", None)
    url = article.url if article.url and article.url.lower().startswith(("http://", "https://")) else None
    title = article.title or url or "untitled"
    return (article.outlet or _host(url) or article.name, title, article.published or "undated", url)


def _host(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def to_cite_markdown(estimates: list[Estimate], context: ReportContext) -> str:
    """The citation sentences and their numbered references, in Markdown."""
    refs = _Refs(context.articles)
    lines = [f"# {md_escape(context.title)}", ""]
    for est in estimates:
        lines += [md_escape(_sentence(est, refs, "\x00{n}\x01")).replace("\x00", "[").replace("\x01", "]"), ""]
    if refs.order:
        lines += ["## References", ""]
        for n, article_id in enumerate(refs.order, 1):
            outlet, title, when, url = _reference(context.articles.get(article_id), article_id)
            safe = (url or "").replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")
            link = f" <{safe}>" if url else ""
            lines.append(f"{n}. {md_escape(outlet)}, “{md_escape(title)}”, {md_escape(when)}.{link}")
    return "\n".join(lines).rstrip() + "\n"


_WIKI = {"|": "{{!}}", "[": "&#91;", "]": "&#93;", "{": "&#123;", "}": "&#125;", "<": "&lt;",
         ">": "&gt;", "'": "&#39;", "=": "&#61;", "~": "&#126;"}  # fmt: skip
_WIKI_SPECIAL = re.compile(r"[|\[\]{}<>'=~]")


def wiki_escape(text: str) -> str:
    """Text that a wiki shows as written: no links, templates, tags or bold, one line."""
    return _WIKI_SPECIAL.sub(lambda m: _WIKI[m.group(0)], " ".join(text.split()))


def to_cite_wikitext(estimates: list[Estimate], context: ReportContext) -> str:
    """The citation sentences in wikitext, each figure with a ``<ref>{{cite news}}</ref>``."""
    refs = _Refs(context.articles)
    body = []
    seen: set[str] = set()
    for est in estimates:
        text = wiki_escape(_sentence(est, refs, "\x00{id}\x01"))

        def ref(match: re.Match[str]) -> str:
            article_id = match.group(1)
            name = f"t{refs.number(article_id)}"
            if article_id in seen:
                return f'<ref name="{name}" />'
            seen.add(article_id)
            outlet, title, when, url = _reference(context.articles.get(article_id), article_id)
            fields = [f"title={wiki_escape(title)}", f"work={wiki_escape(outlet)}", f"date={wiki_escape(when)}"]
            if url:
                fields.append(f"url={url.replace(' ', '%20').replace('|', '%7C')}")
            return f'<ref name="{name}">{{{{cite news |' + " |".join(fields) + "}}</ref>"

        body += [re.sub("\x00([0-9a-zA-Z_.:-]+)\x01", ref, text), ""]
    return "\n".join([f"== {wiki_escape(context.title)} ==", "", *body, "== References ==", "{{reflist}}", ""])
