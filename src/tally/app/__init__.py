"""The application layer: one function per use of Tally, for the CLI, the web app and scripts.

Each use runs the stages in order (ingest -> extract -> classify -> store, or store ->
reconcile -> report) and reports what it does through an :class:`Events`, so that it knows
nothing of terminals or web pages:

- :mod:`.adding`: files, URLs and pasted text into the store (Ray as a backend, chosen by
  ``IngestOptions.ray``: :mod:`.ray_backend`); :mod:`.storing` writes each batch;
- :mod:`.live`: feeds followed round after round, URLs fetched into the store;
- :mod:`.reporting`: report, export, explain;
- :mod:`.admin`: rm, dump, load, changes;
- :mod:`.serving`: the web app over a store.

The room rule (docs/ARCHITECTURE.md): this package imports the stages below it and never the
CLI or the web app above it.
"""

from tally.app.adding import demo, follow, ingest_paths, ingest_text, ingest_urls
from tally.app.admin import changes, dump, load, remove
from tally.app.common import examples_dir, is_iso_date
from tally.app.events import Events, Printed, Recorder
from tally.app.reporting import build_report, explain, export, export_claims, report
from tally.app.serving import database_exists, serve

__all__ = [
    "Events",
    "Printed",
    "Recorder",
    "build_report",
    "changes",
    "database_exists",
    "demo",
    "dump",
    "examples_dir",
    "explain",
    "export",
    "export_claims",
    "follow",
    "ingest_paths",
    "ingest_text",
    "ingest_urls",
    "is_iso_date",
    "load",
    "remove",
    "report",
    "serve",
]

