"""Serving: the web app over a store, until interrupted (the app itself is the web room's)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tally.app.events import Events, Printed
from tally.errors import StoreError
from tally.store.engine import is_url as is_db_url


def database_exists(db: str | Path) -> bool:
    """Whether the database is there to serve (a PostgreSQL URL is taken to be)."""
    return is_db_url(db) or Path(db).exists()


def serve(
    db: str | Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    topic: Path | None = None,
    sources: Path | None = None,
    create: bool = False,
    events: Events | None = None,
    *,
    make_app: Callable[..., Any],
) -> None:
    """Run the web app over the store until interrupted.

    Args:
        db: The database the app reads and writes.
        host: The interface to listen on; loopback by default.
        port: The TCP port.
        token: The token that adding articles (and reading from another machine) needs;
            a fresh one is made and printed when None.
        topic: The topic that articles added through the app are classified with.
        sources: A user's source table (canonical names, kinds, weights).
        create: Create the database when it is missing (else that is an error).
        events: Where the address and the write token are told; stderr by default.
        make_app: Builds the ASGI app (``tally.web.server.create_app``): the web room sits
            above this one, so its caller hands it in.

    Raises:
        StoreError: The database is missing (and ``create`` is false) or cannot be opened.
    """
    if not create and not database_exists(db):
        raise StoreError("no such database; run `tally ingest` first, or create it", path=str(db))
    import uvicorn  # the server loads only for this command

    app = make_app(db, token=token, topic=topic, sources=sources)
    # The app makes a fresh token when none is given; the user needs it to add articles.
    shown = "the one given" if token else app.state.token
    (events or Printed()).message(f"Tally on http://{host}:{port}/  write token: {shown}")
    uvicorn.run(app, host=host, port=port)
