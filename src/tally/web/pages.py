"""The server-rendered pages: overview, quantity, article, search, ingest and job status."""

from __future__ import annotations

import json
from urllib.parse import urlencode
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tally.report.charts import report_anchor, timeline_figure
from tally.report.data import REASON_LABELS
from tally.report.explain import EXPLAINED, describe_rule
from tally.dates.spans import parse_since
from tally.types import Article, Claim
from tally.web.api import QFilters
from tally.web.server import WebState, state
from tally.web.article_view import article_blocks
from tally.web.catalog import OPEN_REASONS
from tally.web.intake import accept_ingest
from tally.web.security import TOKEN_COOKIE, token_matches

router = APIRouter(include_in_schema=False)
Web = Annotated[WebState, Depends(state)]

PAGE = 100  # articles on one page
SEARCH_PAGE = 20  # search hits (articles, and figures) on one page
REPORTS_PAGE = 50  # rows of a quantity's sources table on one page
CLAIMS_SHOWN = 5  # sentences shown per source row; the downloads have every one
CONFLICTS_SHOWN = 100

DATE_ORIGINS = {
    "given": "given with the article",
    "page": "read from the page",
    "inferred": "inferred from the latest date in the text",
}


def _page(
    web: WebState, request: Request, name: str, status: int = 200, **context: Any
) -> Response:
    return web.templates.TemplateResponse(request, name, context, status_code=status)


def json_block(data: Any) -> str:
    """JSON for a ``<script type="application/json">`` block: no ``<``, ``>`` or ``&`` left
    that could end the block or open a comment."""
    text = data if isinstance(data, str) else json.dumps(data)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, web: Web, since: str = "") -> Response:
    """Every quantity with its current low/best/high, sources, last update and conflicts;
    with ``since`` (a date, a date-time or a span back such as 24h), the quantities with
    figures stored since then are marked."""
    moment, problem = None, None
    if since.strip():
        try:
            moment = parse_since(since)
        except ValueError as exc:
            problem = str(exc)
    rows = []
    for stored in web.catalog.overview():
        row = web.catalog.overview_row(stored)
        row["new"] = web.catalog.new_figures(stored, moment) if moment else 0
        rows.append(row)
    return _page(web, request, "overview.html", rows=rows, stats=web.catalog.stats(),
                 since=since.strip(), since_error=problem, marked=moment is not None)  # fmt: skip


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request, web: Web, q: str = "", page: Annotated[int, Query(ge=1, le=10**9)] = 1
) -> Response:
    """Articles and claims holding the searched words, a page of each at a time."""
    offset = (page - 1) * SEARCH_PAGE
    found = web.catalog.store.search(q.strip(), SEARCH_PAGE + 1, offset) if q.strip() else ([], [])
    articles, claims = found  # one more than shown: whether there is a next page
    more = len(articles) > SEARCH_PAGE or len(claims) > SEARCH_PAGE
    return _page(web, request, "search.html", q=q, articles=articles[:SEARCH_PAGE],
                 claims=claims[:SEARCH_PAGE], page=page, more=more,
                 page_query=urlencode({"q": q}))  # fmt: skip


@router.get("/quantities/{quantity}", response_class=HTMLResponse)
def quantity(
    request: Request,
    web: Web,
    quantity: str,
    filters: QFilters,
    page: Annotated[int, Query(ge=1, le=10**9)] = 1,
) -> Response:
    """A quantity's timeline and sources table (a page of each) and explained conflicts."""
    view = web.catalog.view(quantity, filters, (page - 1) * REPORTS_PAGE, REPORTS_PAGE, CONFLICTS_SHOWN)
    if view is None:
        raise HTTPException(404, f"no quantity {quantity!r}")
    est = view.estimate
    # The timeline draws this page's reports: a store of millions never sends them all.
    chart = json_block(timeline_figure(est, 0).to_json()) if est.reports else None
    return _page(
        web,
        request,
        "quantity.html",
        est=est,
        row=view.row,
        filters=filters,
        sources=view.sources,
        anchors=[report_anchor(0, i) for i in range(len(est.reports))],
        reports=est.reports,
        reports_total=view.reports_total,
        conflicts_total=view.conflicts_total,
        first=(page - 1) * REPORTS_PAGE,
        page=page,
        pages=max(1, -(-view.reports_total // REPORTS_PAGE)),
        page_query=urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "page"]),
        claims_shown=CLAIMS_SHOWN,
        conflicts_shown=CONFLICTS_SHOWN,
        reason_labels=REASON_LABELS,
        open_reasons=OPEN_REASONS,
        chart=chart,
        query=str(request.url.query),
    )


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, web: Web, page: Annotated[int, Query(ge=1, le=10**9)] = 1) -> Response:
    """The stored articles, a page at a time."""
    store = web.catalog.store
    arts = store.articles(limit=PAGE, offset=(page - 1) * PAGE, with_text=False)
    counts = store.claim_counts(a.id for a in arts)
    pages = max(1, -(-store.count_articles() // PAGE))
    return _page(
        web, request, "articles.html", articles=arts, counts=counts, page=page, pages=pages
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(
    request: Request, web: Web, article_id: str, claim: Annotated[int | None, Query()] = None
) -> Response:
    """An article's text with its parts marked, the chosen claim's sentence highlighted."""
    web.catalog.classified()  # the store's classification up to date with the topic
    art: Article | None = web.catalog.store.article(article_id)
    if art is None:
        raise HTTPException(404, f"no article {article_id!r}")
    claims = web.catalog.store.claims(article_id=article_id)
    chosen = next((c for c in claims if c.id == claim), None)
    url = art.url if art.url and art.url.lower().startswith(("http://", "https://")) else None
    return _page(
        web,
        request,
        "article.html",
        article=art,
        claims=claims,
        chosen=chosen,
        reasons=explained_fields(chosen) if chosen is not None else [],
        blocks=article_blocks(art, claims, chosen),
        date_origin=DATE_ORIGINS.get(art.published_origin or "", None),
        link=url,
    )


def explained_fields(claim: Claim) -> list[tuple[str, str, str, str]]:
    """(field, value, rule, the rule in words) for each field a rule decided, as `tally explain`."""
    out = []
    for field in EXPLAINED:
        rule = claim.rules.get(field, "")
        value = getattr(claim, field)
        if field == "as_of" and claim.as_of_basis:
            value = f"{value} ({claim.as_of_basis})"
        out.append((field, "—" if value is None else str(value), rule, describe_rule(rule) if rule else "no rule recorded"))
    return out


@router.get("/ingest", response_class=HTMLResponse)
def ingest_form(request: Request, web: Web) -> Response:
    """The upload and paste form."""
    return _page(web, request, "ingest.html")


@router.post("/ingest")
async def ingest_submit(request: Request, web: Web) -> Response:
    """Queue the form's files or text, then show the job's progress page."""
    job = await accept_ingest(request, web.jobs, web.token)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, web: Web, job_id: str) -> Response:
    """An ingest job's progress, polled by the page's script until it is done."""
    job = web.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id!r}")
    arts = {i: a for i in job.article_ids if (a := web.catalog.store.article(i)) is not None}
    return _page(web, request, "job.html", job=job, articles=arts)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, web: Web) -> Response:
    """Where a browser on another machine gives the token once to read."""
    return _page(web, request, "login.html")


@router.post("/login")
async def login(request: Request, web: Web) -> Response:
    """Check the token and keep it in a cookie that lets this browser read (not write)."""
    form = await request.form(max_files=0, max_fields=2, max_part_size=1024)
    given = form.get("token")
    if not isinstance(given, str) or not token_matches(given.strip(), web.token):
        return _page(web, request, "login.html", status=403, error="the token is wrong")
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(TOKEN_COOKIE, web.token, httponly=True, samesite="strict")
    return response
