"""The house rules of docs/ARCHITECTURE.md, checked on the source: a room imports only rooms
below it (module-level and function-level imports alike), no module is over 500 lines, no two
modules share a name, and only the CLI and the terminal report renderer know rich and typer."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "tally"
ARCHITECTURE = Path(__file__).resolve().parents[1] / "docs" / "ARCHITECTURE.md"

# The rooms, lowest first; a room may import any room of a lower floor, none of its own floor
# (but itself) and none above. Every module of the package belongs to exactly one room.
FLOORS: list[set[str]] = [
    {"rx"},
    {"errors", "lexicon", "startup"},
    {"wording"},
    {"types", "options"},
    {"dates"},
    {"ingest", "extract"},
    {"classify", "store", "learn"},
    {"reconcile"},
    {"report"},
    {"app"},
    {"web"},
    {"cli"},
    {"tally"},  # the package's own __init__: the public API, over everything
]
ROOMS = {room: floor for floor, rooms in enumerate(FLOORS) for room in rooms}
TERMINAL = {"cli", "report/table"}  # the only modules that may import rich or typer
MAX_LINES = 500


def _modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def _room(module: str) -> str:
    """The room of a dotted module name: "tally.store.core" -> "store"; "tally" -> "tally"."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "tally"


def _name(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    return ".".join(rel.parts).removesuffix(".__init__")


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every module of the package that ``path`` imports, at any depth of the file (inside
    functions and TYPE_CHECKING blocks too), with its line; ``from tally import x`` names
    ``tally.x``."""
    package = _name(path) if path.name == "__init__.py" else _name(path).rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "tally"]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against this module's package
                base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1], base]).rstrip(".")
            if base.split(".")[0] != "tally":
                continue
            if base == "tally":
                found += [(node.lineno, f"tally.{a.name}") for a in node.names]
            else:
                found.append((node.lineno, base))
    return found


def _edges() -> dict[tuple[str, str], list[str]]:
    """Imports between rooms: (from room, to room) -> where ("tally/x.py:12 imports tally.y")."""
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in _modules():
        here = _room(_name(path))
        for line, target in _imports(path):
            there = _room(target)
            if there != here:
                edges[(here, there)].append(f"{path.relative_to(SRC.parent)}:{line} imports {target}")
    return edges


def test_every_module_is_in_a_room() -> None:
    rooms = {_room(_name(p)) for p in _modules()}
    assert rooms <= set(ROOMS), f"modules outside every room: {sorted(rooms - set(ROOMS))}"


def test_a_room_imports_only_rooms_below_it() -> None:
    wrong = [
        where
        for (here, there), places in _edges().items()
        if there in ROOMS and ROOMS[there] >= ROOMS[here]
        for where in places
    ]
    assert not wrong, "imports that are not downward:\n" + "\n".join(wrong)


def test_no_two_rooms_import_each_other() -> None:
    edges = {pair for pair in _edges()}
    graph: dict[str, set[str]] = defaultdict(set)
    for here, there in edges:
        graph[here].add(there)

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            room = todo.pop()
            if room == goal:
                return True
            if room not in seen:
                seen.add(room)
                todo += graph[room]
        return False

    cycles = sorted({tuple(sorted((a, b))) for a, b in edges if reaches(b, a)})
    assert not cycles, f"rooms in a cycle: {cycles}"


def test_the_checker_sees_function_level_imports(tmp_path: Path) -> None:
    module = tmp_path / "tally" / "store" / "x.py"
    module.parent.mkdir(parents=True)
    module.write_text("def f():\n    from tally.app import adding\n    from tally import web\n", encoding="utf-8")
    global SRC
    saved, SRC = SRC, tmp_path / "tally"
    try:
        assert _imports(module) == [(2, "tally.app"), (3, "tally.web")]
        assert ("store", "app") in _edges() and ("store", "web") in _edges()
    finally:
        SRC = saved


def test_no_module_is_over_500_lines() -> None:
    long = {str(p.relative_to(SRC)): n for p in _modules() if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert not long, f"over {MAX_LINES} lines: {long}"


def test_no_two_modules_share_a_name() -> None:
    names: dict[str, list[str]] = defaultdict(list)
    for path in _modules():
        if path.name != "__init__.py":
            names[path.stem].append(str(path.relative_to(SRC)))
    for path in SRC.iterdir():
        if path.is_dir() and (path / "__init__.py").exists():
            names[path.name].append(str(path.relative_to(SRC)) + "/")
    shared = {name: where for name, where in names.items() if len(where) > 1}
    assert not shared, f"one name, several modules: {shared}"


@pytest.mark.parametrize("library", ["rich", "typer"])
def test_only_the_cli_and_the_terminal_renderer_know(library: str) -> None:
    users = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and not n.level]
        if any(name.split(".")[0] == library for name in names):
            users.append(str(path.relative_to(SRC).with_suffix("")))
    assert set(users) <= TERMINAL, f"{library} imported by {sorted(set(users) - TERMINAL)}"


def test_the_architecture_page_shows_every_room_and_the_rule() -> None:
    page = ARCHITECTURE.read_text(encoding="utf-8")
    assert "a room imports only rooms below it" in page.lower()
    for room in ROOMS:
        if room != "tally":
            assert re.search(rf"\b{room}\b", page), room


@pytest.mark.parametrize("room", ["classify", "reconcile"])
def test_later_stages_read_fields_not_the_extractor(room: str) -> None:
    """Classify and reconcile import nothing of extract: what they need of a sentence is a
    field extract stored on the claim."""
    wrong = [where for (here, there), places in _edges().items() if (here, there) == (room, "extract") for where in places]
    assert not wrong, "\n".join(wrong)


# A pattern run over a sentence (``pattern.search(claim.sentence)``), or the sentence searched
# for its mention (``claim.sentence.find(...)``); splitting it on blanks to show it is fine.
_PATTERN_CALLS = {"search", "match", "fullmatch", "findall", "finditer", "split", "sub", "subn"}
_SEARCH_CALLS = {"find", "rfind", "index", "rindex"}


@pytest.mark.parametrize("room", ["classify", "reconcile", "report", "web"])
def test_no_later_stage_searches_a_sentence(room: str) -> None:
    """No pattern (nor ``str.find``) runs over a claim's sentence after extract: a clause, a
    prior value, a definition and the mention's place are fields of the claim."""
    found = []
    for path in sorted((SRC / room).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            over_sentence = any("sentence" in ast.unparse(a) for a in node.args)
            of_sentence = "sentence" in ast.unparse(node.func.value)
            if (node.func.attr in _PATTERN_CALLS and over_sentence) or (node.func.attr in _SEARCH_CALLS and of_sentence):
                found.append(f"{path.relative_to(SRC)}:{node.lineno}: {ast.unparse(node)[:80]}")
    assert not found, "\n".join(found)
