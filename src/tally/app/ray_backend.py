"""Ingest on a Ray cluster (``IngestOptions.ray``): the same steps as a local ingest, spread
over the cluster's machines.

The driver only lists the input files; Ray Data turns the list into a dataset and streams it
through a pool of extractor actors. Each actor loads the spaCy model once, and for each batch
of files it is handed reads and parses them, leaves out articles already stored, extracts
and classifies the rest, and writes them to the store in one transaction per batch; then it
records each clean file as ingested. Only small per-file counts go back to the driver, and
Ray Data's streaming executor holds a bounded number of batches in flight, so memory stays
flat however many files there are.

A rerun after a crash (of the driver or of an actor) redoes only what was not committed: a
file recorded as ingested is skipped before it is read, an article already stored before it
is extracted, and the content-hash upsert keeps a batch that two attempts both wrote once.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tally.app.events import Events
from tally.errors import ALL_ERRORS, TallyError
from tally.options import IngestOptions, IngestResult
from tally.types import Article

FILES_PER_BATCH = 32  # handed to an actor at once, read, extracted and stored together
STORE_BATCH = 32  # articles extracted and written in one transaction
COUNTS = ("added", "skipped", "duplicates", "claims")
ERRORS_BY_CODE = {cls.code: cls for cls in ALL_ERRORS}


class Extractor:
    """A Ray actor: parses, extracts and stores batches of files (see the module docstring).

    Args:
        options: The store, topic and publication date, as for a local ingest.
    """

    def __init__(self, options: IngestOptions) -> None:
        from tally.extract import load_model
        from tally.app.common import load_topic_file
        from tally.store import Store

        load_model()  # once per actor, before the first batch
        self.options = options
        self.topic = load_topic_file(options.topic)
        self.store = Store(options.db)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        """Ingest a batch of files together (one lookup of the inputs and articles already
        stored, spaCy over all their articles at once); one row of counts and errors."""
        from tally.ingest import read_one
        from tally.app.common import file_digest
        from tally.app.storing import store_batch

        paths = [Path(str(p)) for p in batch["path"]]
        result = IngestResult()
        digests = {path: file_digest(path) for path in paths}
        known = self.store.known_inputs(d for d in digests.values() if d is not None)
        read: list[tuple[Path, list[Article]]] = []
        failed: set[Path] = set()
        for path in paths:
            if digests[path] in known:
                result.skipped += known[str(digests[path])]
                continue
            articles: list[Article] = []
            for item in read_one(path):
                if isinstance(item, TallyError):
                    result.errors.append(item)
                    failed.add(path)
                else:
                    articles.append(item)
            read.append((path, articles))
        stored = self.store.stored_ids(a.id for _, found in read for a in found)
        fresh = [a for _, found in read for a in found if a.id not in stored]
        result.skipped += sum(a.id in stored for _, found in read for a in found)
        local = IngestOptions(db=self.options.db, published=self.options.published, processes=1)
        for start in range(0, len(fresh), STORE_BATCH):
            # Errors go back in the counts row; the driver reports them.
            store_batch(self.store, fresh[start : start + STORE_BATCH], local, self.topic, result, Events())
        # A file is recorded as ingested when it and each of its articles went in cleanly.
        faulty = {e.path for e in result.errors}
        for path, found in read:
            digest = digests[path]
            if digest is not None and path not in failed and not faulty & {a.origin for a in found}:
                self.store.add_input(digest, str(path), len(found))
        return _rows(result)


def _rows(result: IngestResult) -> dict[str, list[Any]]:
    errors = [[e.code, e.message, e.path, e.line] for e in result.errors]
    row: dict[str, list[Any]] = {key: [getattr(result, key)] for key in COUNTS}
    return row | {"errors": [json.dumps(errors)]}


def ingest_on_ray(
    files: Sequence[Path], options: IngestOptions, events: Events, result: IngestResult
) -> None:
    """Ingest files on the Ray cluster at ``options.ray_address`` (a local one when None).

    Args:
        files: The input files (already expanded from paths and globs).
        options: The store (a PostgreSQL URL for a cluster of several machines, which must all
            reach it and the files), topic, publication date, and ``processes``: the most
            actors to run (0: as many as the cluster has CPUs).
        events: Where each bad input's one-line message goes.
        result: The counts and errors to add to.
    """
    import ray
    import ray.data

    if not files:
        return
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False  # one line per bad input is all a run prints
    logging.getLogger("ray").setLevel(logging.WARNING)
    if not ray.is_initialized():
        # No address: RAY_ADDRESS if set, else a new local cluster on this machine.
        ray.init(address=options.ray_address, include_dashboard=False, log_to_driver=False)
    actors = options.processes or max(1, int(ray.cluster_resources().get("CPU", 1)))
    dataset = ray.data.from_items(
        [{"path": str(f)} for f in files],
        override_num_blocks=max(1, min(len(files) // FILES_PER_BATCH, 10_000)),
    )
    counted = dataset.map_batches(
        Extractor,
        fn_constructor_kwargs={"options": options},
        batch_size=FILES_PER_BATCH,
        # Every actor from the start: a pool that grows one at a time leaves CPUs idle while
        # each new actor loads the model.
        compute=ray.data.ActorPoolStrategy(size=actors),
        num_cpus=1,
    )
    for batch in counted.iter_batches(batch_size=64, batch_format="numpy"):
        for key in COUNTS:
            setattr(result, key, getattr(result, key) + int(batch[key].sum()))
        for errors in batch["errors"]:
            for code, message, path, line in json.loads(str(errors)):
                error = ERRORS_BY_CODE.get(code, TallyError)(message, path=path, line=line)
                result.errors.append(error)
                events.message(str(error))
