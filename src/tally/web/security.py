"""Who may read and who may write, and the headers every response carries.

Reading is open to a browser on the same machine; writing (ingest) always needs the token.
A request counts as local only when it comes from a loopback address *and* names a loopback
host, so a page on another site that rebinds its DNS name to 127.0.0.1 is not local.
"""

from __future__ import annotations

import ipaddress
import secrets

from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})
TOKEN_COOKIE = "tally_token"
OPEN_PATHS = ("/static/", "/login")

# Plotly is served from /static and the chart data sits in a non-executed JSON block, so no
# inline script (and no eval) is needed. Plotly writes its CSS rules through the CSSOM into an
# empty stylesheet of ours (see quantity.html), which a strict style-src allows.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)


def new_token() -> str:
    """A fresh random write token (URL-safe, 32 bytes of entropy)."""
    return secrets.token_urlsafe(32)


def token_matches(given: str | None, token: str) -> bool:
    """Whether ``given`` is the token (constant-time comparison)."""
    return given is not None and secrets.compare_digest(given.encode(), token.encode())


def bearer(conn: HTTPConnection) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, if any."""
    scheme, _, value = conn.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def is_local(conn: HTTPConnection) -> bool:
    """Whether the request comes from this machine and addresses it by a loopback name."""
    try:
        loopback = ipaddress.ip_address(conn.client.host if conn.client else "").is_loopback
    except ValueError:  # a test client or a Unix socket names no address
        loopback = False
    return loopback and _host_name(conn.headers.get("host", "")) in LOOPBACK_HOSTS


def _host_name(host: str) -> str:
    """The name in a Host header, without its port ("[::1]:8000" -> "[::1]")."""
    if host.startswith("["):
        return host[: host.find("]") + 1]
    return host.split(":", 1)[0]


def may_read(conn: HTTPConnection, token: str) -> bool:
    """Local requests read freely; others need the token in a header or the session cookie."""
    if is_local(conn):
        return True
    return token_matches(bearer(conn), token) or token_matches(
        conn.cookies.get(TOKEN_COOKIE), token
    )


class SecurityHeaders:
    """ASGI middleware: adds the CSP and related headers to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in SECURITY_HEADERS if n not in names]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)


class ReadGate:
    """ASGI middleware: requests that are not local need the token to read anything.

    Static files (CSS, scripts) stay open, as does the login form: they hold no data. A
    browser is sent to the login form, which keeps the token in a cookie.
    """

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(OPEN_PATHS):
            await self.app(scope, receive, send)
            return
        conn = HTTPConnection(scope)
        if may_read(conn, self.token):
            await self.app(scope, receive, send)
            return
        if "text/html" in conn.headers.get("accept", ""):
            await send(
                {
                    "type": "http.response.start",
                    "status": 303,
                    "headers": [(b"location", b"/login")],
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return
        body = (
            b'{"detail": "reading from another machine needs the token: '
            b'send an Authorization: Bearer header"}'
        )
        await send(
            {
                "type": "http.response.start",
                "status": 401,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"www-authenticate", b"Bearer"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
