"""Say once, loudly, at the end of a run, when tests were skipped because ../shared is missing:
the accuracy tests (gold files, dev set, scorer) then checked nothing."""

from __future__ import annotations

from typing import Any


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: Any) -> None:
    """One red banner naming how many tests ../shared would have run."""
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if "../shared" in str(r.longrepr)]
    if not skipped:
        return
    terminalreporter.section("../shared is missing", sep="!", red=True, bold=True)
    terminalreporter.write_line(
        f"{len(skipped)} accuracy test(s) SKIPPED: ../shared (corpus, gold files, scorer) is not "
        "on this machine, so the figures they check were NOT checked.",
        red=True, bold=True,
    )  # fmt: skip
