"""The web app over the store: ``create_app`` builds it, ``new_token`` makes a write token."""

from __future__ import annotations

from tally.web.security import new_token

__all__ = ["create_app", "new_token"]


def __getattr__(name: str) -> object:
    # FastAPI and the templates load only when the app is built, not on `import tally.web`.
    if name == "create_app":
        from tally.web.server import create_app

        return create_app
    raise AttributeError(name)
