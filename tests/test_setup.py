"""The README's test set-up works in a venv made by a stock Python, with the pip it ships."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tracked_files() -> list[str]:
    out = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return [line for line in out.splitlines() if line]


@pytest.mark.slow
def test_install_script_works_from_a_stock_venv(tmp_path: Path) -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout to copy")
    clone = tmp_path / "clone"
    for name in _tracked_files():
        target = clone / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    venv = tmp_path / "venv"
    # The interpreter this venv was made from: a stock Python with the pip it ships.
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", str(venv)], check=True)
    stock_pip = subprocess.run(
        [venv / "bin/python", "-m", "pip", "--version"], capture_output=True, text=True, check=True
    ).stdout.split()[1]

    done = subprocess.run(
        ["bash", "scripts/install.sh", str(venv)], cwd=clone, capture_output=True, text=True
    )
    assert done.returncode == 0, f"install.sh failed from pip {stock_pip}:\n{done.stderr[-2000:]}"
    pip_now = subprocess.run(
        [venv / "bin/python", "-m", "pip", "--version"], capture_output=True, text=True, check=True
    ).stdout.split()[1]
    pinned = re.search(r"^pip==(\S+)", (clone / "scripts/pip.lock").read_text(), re.M)[1]  # type: ignore[index]
    assert pip_now == pinned

    demo = subprocess.run(
        [venv / "bin/tally", "demo"], cwd=tmp_path, capture_output=True, text=True, timeout=600
    )
    assert demo.returncode == 0, demo.stderr[-2000:]
    assert "North Korea" in demo.stdout or "troops" in demo.stdout.lower()
