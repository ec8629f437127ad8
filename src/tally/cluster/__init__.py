"""Running the pipeline on a cluster: ``tally ingest --ray`` (see :mod:`.ray_ingest`)."""

from tally.cluster.ray_ingest import ingest_on_ray, require_ray

__all__ = ["ingest_on_ray", "require_ray"]
