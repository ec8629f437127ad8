"""Training Tally's choosers from labelled articles, and measuring them on unseen topics.

``train`` rebuilds the models the extractor ships with (:mod:`tally.extract.choose`) from the
shared labelled sets and any user's own gold file; :mod:`tally.learn.evaluate` runs
leave-one-topic-out. This room sits above ``extract`` (it reads articles through ``ingest``
and the rules through ``extract``) and below the application layer.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from tally.extract.choose import Models
from tally.learn.labelled import SETS, Labelled, shared_data
from tally.learn.fit import TrainOptions, fit

__all__ = ["TrainOptions", "TrainRequest", "train"]


@dataclass
class TrainRequest:
    """What to train on and where to write the model.

    Attributes:
        output: The model file to write (JSON).
        shared: The shared data folder (``../shared``), or None to leave it out.
        own: A user's own labels: pairs of a gold file and the folder of the articles it labels.
        options: How the forests are grown.
    """

    output: Path
    shared: Path | None = None
    own: Sequence[tuple[Path, Path]] = field(default_factory=list)
    options: TrainOptions = field(default_factory=TrainOptions)


def train(request: TrainRequest, progress: Callable[[str], None] | None = None) -> Models:
    """Read the labelled articles with the rules, fit the choosers, write the model file.

    Args:
        request: The data and the output.
        progress: Told what is being done, one short line at a time.

    Returns:
        The trained models (also written to ``request.output``).
    """
    from tally.extract.pipeline import extract_views

    say = progress or (lambda _: None)
    data = shared_data(request.shared) if request.shared is not None else Labelled()
    for gold_file, corpus in request.own:
        data.add(gold_file, corpus)
    say(f"reading {len(data.articles)} labelled articles with the rules")
    views = extract_views(data.articles)
    say(f"fitting {', '.join(request.options.fields)} on {sum(len(r) for r in data.gold.values())} labelled figures")
    note = {"gold": [_fingerprint(Path(p), request.shared) for p in data.sources], "articles": len(data.articles)}
    models = fit(views, data.gold, replace(request.options, note=note))
    request.output.parent.mkdir(parents=True, exist_ok=True)
    models.save(request.output)
    return models


def _fingerprint(path: Path, shared: Path | None) -> dict[str, str]:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    name = path.name if shared is not None and path.parent == shared / "eval" and path.name.split(".")[0] in SETS else str(path)
    return {"file": name, "sha256": digest}
