"""The JSON API under ``/api/``: quantities, estimates, claims, articles, search, ingest jobs.

Every table answers JSON by default and CSV with ``?format=csv`` (``&download=true`` to save).
"""

from __future__ import annotations

from tally import rx as re  # linear-time matching: see tally/rx.py
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response

from tally.report.data import estimate_dict
from tally.types import Claim
from tally.web.server import WebState, state
from tally.web.catalog import Filters, View, parse_parts, period
from tally.web.intake import INGEST_BODY, accept_ingest
from tally.web.models import (
    ArticleDetail,
    ArticleOut,
    ClaimOut,
    ErrorOut,
    EstimateOut,
    JobOut,
    QuantityRow,
    SearchOut,
)
from tally.web.tables import CSV_RESPONSE, TableFormat, conflict_rows, source_rows, table_response

router = APIRouter(prefix="/api", tags=["api"])

Web = Annotated[WebState, Depends(state)]
Format = Annotated[TableFormat, Query(description="json (default) or csv")]
Download = Annotated[bool, Query(description="answer as a file to save")]
PartsQ = Annotated[
    list[str] | None,
    Query(description="parts of articles to count: body (the default), comment, furniture"),
]
DEFAULT_LIMIT = 100  # rows of a list when none is asked for: a page, not the whole store
MAX_LIMIT = 10_000
MAX_OFFSET = 2**53  # what every database takes as an integer
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut}}


def quantity_filters(
    part: PartsQ = None,
    source: Annotated[str | None, Query(description="only this source's figures")] = None,
    since: Annotated[str | None, Query(description="ISO date: figures from then on")] = None,
    until: Annotated[str | None, Query(description="ISO date: figures up to then")] = None,
) -> Filters:
    """The filters of a quantity page, from the query string.

    Raises:
        HTTPException: 422 for a ``since`` or ``until`` that is not an ISO date.
    """
    for name, value in (("since", since), ("until", until)):
        if value and (not _ISO_DATE.fullmatch(value) or period(value) is None):
            raise HTTPException(422, f"{name} must be an ISO date (2025, 2025-03 or 2025-03-14)")
    return Filters(parse_parts(part), source or None, since or None, until or None)


_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


QFilters = Annotated[Filters, Depends(quantity_filters)]


SEARCH_LIMIT = 20  # search hits of each kind by default
ESTIMATES_REPORTS = 20  # reports (and conflicts) of each estimate in /api/estimates by default
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="skip this many rows")]
Limit = Annotated[
    int, Query(ge=1, le=MAX_LIMIT, description=f"at most this many rows ({DEFAULT_LIMIT} by default)")
]


DownloadLimit = Annotated[
    int | None,
    Query(ge=1, le=MAX_LIMIT, description=f"at most this many rows ({DEFAULT_LIMIT} by default; a download: all)"),
]


def _view(
    web: WebState, quantity: str, filters: Filters, offset: int = 0, limit: int | None = DEFAULT_LIMIT,
) -> View:
    view = web.catalog.view(quantity, filters, offset, limit, limit)
    if view is None:
        raise HTTPException(404, f"no quantity {quantity!r}")
    return view


def _estimate_out(view: View) -> EstimateOut:
    data = estimate_dict(view.estimate)
    for out, report in zip(data["reports"], view.estimate.reports, strict=True):
        out["claims_total"] = getattr(report, "claims_total", len(report.claims))
    data |= {"sources": view.sources, "reports_total": view.reports_total,
             "conflicts_total": view.conflicts_total}  # fmt: skip
    return EstimateOut.model_validate(data)


def claim_out(claim: Claim) -> ClaimOut:
    """A claim as the API shows it."""
    return ClaimOut.model_validate(claim.to_dict())


@router.get("/quantities", response_model=list[QuantityRow], responses=CSV_RESPONSE)
def list_quantities(
    web: Web,
    part: PartsQ = None,
    format: Format = TableFormat.json,
    download: Download = False,
) -> Response:
    """Every tracked quantity with its current low/best/high, sources, last update, conflicts."""
    rows = [QuantityRow(**web.catalog.overview_row(s)) for s in web.catalog.overview(parse_parts(part))]
    return table_response(rows, format, "quantities", download)


@router.get("/quantities/{quantity}", response_model=EstimateOut, responses=NOT_FOUND)
def get_quantity(
    web: Web, quantity: str, filters: QFilters, offset: Offset = 0, limit: Limit = DEFAULT_LIMIT
) -> EstimateOut:
    """One quantity's estimate, narrowed by the filters, with ``limit`` of its reports from
    ``offset`` and its first ``limit`` conflicts (``reports_total``, ``conflicts_total``: all)."""
    return _estimate_out(_view(web, quantity, filters, offset, limit))


@router.get(
    "/quantities/{quantity}/sources",
    responses={**CSV_RESPONSE, **NOT_FOUND},
)
def quantity_sources(
    web: Web,
    quantity: str,
    filters: QFilters,
    offset: Offset = 0,
    limit: DownloadLimit = None,
    format: Format = TableFormat.json,
    download: Download = False,
) -> Response:
    """The sources table of a quantity: one row per independent report, a page at a time
    (a download: every row unless ``limit`` is given)."""
    shown = limit or (None if download else DEFAULT_LIMIT)
    est = _view(web, quantity, filters, offset, shown).estimate
    return table_response(source_rows(est), format, f"{quantity}-sources", download)


@router.get(
    "/quantities/{quantity}/conflicts",
    responses={**CSV_RESPONSE, **NOT_FOUND},
)
def quantity_conflicts(
    web: Web,
    quantity: str,
    filters: QFilters,
    offset: Offset = 0,
    limit: DownloadLimit = None,
    format: Format = TableFormat.json,
    download: Download = False,
) -> Response:
    """The conflicts of a quantity, each with its reason and explanation, a page at a time
    (a download: every row unless ``limit`` is given)."""
    shown = limit or (None if download else DEFAULT_LIMIT)
    view = web.catalog.view(quantity, filters, 0, 1, shown, offset)
    if view is None:
        raise HTTPException(404, f"no quantity {quantity!r}")
    est = view.estimate
    return table_response(conflict_rows(est), format, f"{quantity}-conflicts", download)


@router.get("/estimates", response_model=list[EstimateOut])
def list_estimates(
    web: Web,
    part: PartsQ = None,
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description=f"reports and conflicts of each ({ESTIMATES_REPORTS} by default)")
    ] = ESTIMATES_REPORTS,
) -> list[EstimateOut]:
    """Every quantity's estimate (the JSON report's shape), each with its first ``limit``
    reports and conflicts; ``/api/quantities/{quantity}`` pages through the rest."""
    filters = Filters(parse_parts(part))
    return [_estimate_out(_view(web, s.estimate.quantity, filters, 0, limit))
            for s in web.catalog.overview(filters.parts)]  # fmt: skip


@router.get("/claims", response_model=list[ClaimOut], responses=CSV_RESPONSE)
def list_claims(
    web: Web,
    quantity: str | None = None,
    article_id: str | None = None,
    part: Annotated[list[str] | None, Query(description="keep only these parts")] = None,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="skip this many claims")] = 0,
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description=f"at most this many ({DEFAULT_LIMIT} by default)")
    ] = DEFAULT_LIMIT,
    format: Format = TableFormat.json,
    download: Download = False,
) -> Response:
    """Stored claims (as classified for the estimates), filtered by quantity, article and part,
    in the order they were stored, a page at a time (``offset``, ``limit``)."""
    web.catalog.classified()  # brings the store's classification up to date with the topic
    claims = web.catalog.store.claims(
        parts=part or None, quantity=quantity, article_id=article_id, limit=limit, offset=offset
    )
    # Plain dicts: validating thousands of rows through pydantic costs more than the query.
    rows = [{k: getattr(c, k) for k in ClaimOut.model_fields} for c in claims]
    return table_response(rows, format, "claims", download)


@router.get("/claims/{claim_id}", response_model=ClaimOut, responses=NOT_FOUND)
def get_claim(web: Web, claim_id: int) -> ClaimOut:
    """One claim."""
    web.catalog.classified()
    claim = web.catalog.store.claim(claim_id)
    if claim is None:
        raise HTTPException(404, f"no claim {claim_id}")
    return claim_out(claim)


@router.get("/articles", response_model=list[ArticleOut], responses=CSV_RESPONSE)
def list_articles(
    web: Web,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="skip this many articles")] = 0,
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description=f"at most this many ({DEFAULT_LIMIT} by default)")
    ] = DEFAULT_LIMIT,
    format: Format = TableFormat.json,
    download: Download = False,
) -> Response:
    """Stored articles' metadata, in the order they were added, a page at a time."""
    page = web.catalog.store.articles(limit=limit, offset=offset, with_text=False)
    rows = [ArticleOut.of(a) for a in page]
    return table_response(rows, format, "articles", download)


@router.get("/articles/{article_id}", response_model=ArticleDetail, responses=NOT_FOUND)
def get_article(web: Web, article_id: str) -> ArticleDetail:
    """One article with its text and parts. The text is untrusted: escape it to show it."""
    article = web.catalog.store.article(article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return ArticleDetail.of(article)


@router.get("/search", response_model=SearchOut)
def search(
    web: Web,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    offset: Offset = 0,
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description=f"at most this many of each ({SEARCH_LIMIT} by default)")
    ] = SEARCH_LIMIT,
) -> SearchOut:
    """Articles and claims whose text holds ``q`` (case-insensitive), ``limit`` of each from
    ``offset``."""
    articles, claims = web.catalog.store.search(q, limit=limit, offset=offset)
    return SearchOut(
        articles=[ArticleOut.of(a) for a in articles], claims=[claim_out(c) for c in claims]
    )


@router.post(
    "/ingest",
    status_code=202,
    response_model=JobOut,
    openapi_extra=INGEST_BODY,
    responses={s: {"model": ErrorOut} for s in (400, 401, 403, 413, 415)},
)
async def ingest(request: Request, web: Web) -> JSONResponse:
    """Queue files, a pasted text or URLs to fetch for ingest; needs the write token. Poll the
    job after."""
    job = await accept_ingest(request, web.jobs, web.token)
    return JSONResponse(_job_out(web, job.id).model_dump(), status_code=202)


@router.get("/jobs/{job_id}", response_model=JobOut, responses=NOT_FOUND)
def get_job(web: Web, job_id: str) -> JobOut:
    """An ingest job's state and counts."""
    return _job_out(web, job_id)


def _job_out(web: WebState, job_id: str) -> JobOut:
    job = web.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id!r}")
    return JobOut.model_validate(job, from_attributes=True)
