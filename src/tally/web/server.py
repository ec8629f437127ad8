"""The web app: browse estimates, trace every figure to its sentence, ingest from the browser.

``create_app`` builds a FastAPI app over one database: server-rendered pages (Jinja2, always
autoescaped), a JSON API under ``/api/`` with its OpenAPI description at ``/openapi.json``, and
a little JavaScript from ``/static/`` (no inline script, so the Content-Security-Policy can
forbid it). Article text is untrusted and is only ever shown escaped.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from tally.wording import format_number
from tally.options import FetchOptions, IngestOptions
from tally.types import Topic
from tally.web.catalog import Catalog
from tally.web.intake import AccessDenied
from tally.web.jobs import JobRunner
from tally.web.security import ReadGate, SecurityHeaders, new_token
from tally.web.uploads import (
    ALLOWED_SUFFIXES,
    MAX_FILE_BYTES,
    MAX_FILES,
    BodyLimit,
    UploadRefused,
    mb,
)

HERE = Path(str(files("tally.web")))


@dataclass
class WebState:
    """What every request handler needs: the data, the job runner, the token, the templates."""

    catalog: Catalog
    jobs: JobRunner
    token: str
    templates: Jinja2Templates


def state(request: Request) -> WebState:
    """The app's shared state (a FastAPI dependency)."""
    web: WebState = request.app.state.web
    return web


def create_app(
    db: str | Path, token: str | None = None, topic: Path | None = None, sources: Path | None = None,
    allow_private: bool = False,
) -> FastAPI:
    """Build the web app over a database.

    Args:
        db: The SQLite database (created when missing) or a postgresql:// URL.
        token: The write token ingest requests must carry; a fresh one when None, readable
            as ``app.state.token`` so the caller can print it.
        topic: A topic file to classify claims with, as ``tally report --topic`` does.
        allow_private: Let URL ingest fetch internal addresses (an intranet); refused otherwise.
        sources: A user's source table (TOML), as ``tally report --sources`` takes.

    Returns:
        The ASGI app, ready for uvicorn.

    Raises:
        StoreError: The database cannot be opened.
        TopicError: The topic file or the source table cannot be read.
    """
    loaded: Topic | None = None
    if topic is not None:
        from tally.classify import load_topic

        loaded = load_topic(topic)
    table = None
    if sources is not None:
        from tally.reconcile import load_sources

        table = load_sources(sources)
    catalog = Catalog(db, loaded, table)
    fetch = FetchOptions(allow_private=allow_private)
    jobs = JobRunner(IngestOptions(db=db, topic=topic, progress=False, fetch=fetch), catalog.invalidate)
    web = WebState(catalog, jobs, token or new_token(), _templates())

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        jobs.shutdown()
        catalog.close()

    app = FastAPI(
        title="Tally",
        summary="Sourced, time-aware estimates from news articles, each figure traced to its"
        " sentence.",
        version="0.1.0",
        docs_url=None,  # the interactive docs load scripts from a CDN, which the CSP forbids
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.web = web
    app.state.token = web.token
    _add_error_handlers(app)
    from tally.web import api, pages  # the routers import this module for `state`

    app.include_router(api.router)
    app.include_router(pages.router)

    # Plotly's own file from the installed package; before the mount, which would shadow it.
    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        return FileResponse(_plotly_js(), media_type="text/javascript")

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    # Outermost last: headers on every answer, then the read gate, then the body limit.
    app.add_middleware(BodyLimit)
    app.add_middleware(ReadGate, token=web.token)
    app.add_middleware(SecurityHeaders)
    return app


def _plotly_js() -> Path:
    return Path(str(files("plotly") / "package_data" / "plotly.min.js"))


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=HERE / "templates")
    env = templates.env
    env.autoescape = True  # every template, whatever its extension
    env.filters["num"] = lambda v: "—" if v is None else format_number(v)
    env.globals["limits"] = {
        "types": ", ".join(ALLOWED_SUFFIXES),
        "size": mb(MAX_FILE_BYTES),
        "files": MAX_FILES,
    }
    return templates


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(UploadRefused)
    async def upload_refused(request: Request, exc: UploadRefused) -> Response:
        return _refusal(request, exc.status, exc.error.code, str(exc.error))

    @app.exception_handler(AccessDenied)
    async def access_denied(request: Request, exc: AccessDenied) -> Response:
        return _refusal(request, exc.status, None, exc.message)


def _refusal(request: Request, status: int, code: str | None, message: str) -> Response:
    """A refused write: JSON for the API, the ingest page with the message for the browser."""
    headers = {"www-authenticate": "Bearer"} if status == 401 else None
    if request.url.path.startswith("/api/"):
        body = {"code": code or str(status), "detail": message}
        return JSONResponse(body, status_code=status, headers=headers)
    web = state(request)
    return web.templates.TemplateResponse(
        request, "ingest.html", {"error": message}, status_code=status, headers=headers
    )
