"""The import direction of the house: every module under ``src/audionews``, read with ``ast``.

Nothing is imported, so a module added tomorrow is checked the same way as today's. The rules:

- **Layers.** Each *unit* (a top-level module, or a package with everything under it) sits in one
  layer of :data:`LAYERS`. A unit imports its own modules and units of lower layers, never a unit of
  its own layer or a higher one. So stages do not import each other, and nothing imports the top.
- **Private names stay home.** A name starting with ``_`` is private to its unit: no other unit
  imports it, or reads it as an attribute of a module it imported.
- **No cycles** among modules.

Imports inside functions and under ``if TYPE_CHECKING`` count too: they are seams, not exceptions.
``docs/ARCHITECTURE.md`` shows :data:`LAYERS` as a table; a test keeps the two the same.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT

SRC = ROOT / "src"
PACKAGE = "audionews"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors",),
    ("model", "files", "ffmpeg", "toml", "urls"),
    ("extract", "script", "speech", "audio", "feed", "fetch"),
    ("pipeline",),
    ("from_feed", "serve", "broker"),
    ("listen",),
    ("cli",),
    ("__main__",),
    (PACKAGE,),
)
"""Low to high. ``audionews`` is the package's own ``__init__``: it imports errors and model, and the
rest only on first use (PEP 562), so ``import audionews.<anything>`` never loads the pipeline."""

@dataclass(frozen=True)
class Import:
    """One imported module (or one private name from it) at one place in the source."""

    importer: str
    target: str
    path: Path
    line: int
    name: str = ""

    def where(self) -> str:
        return f"{self.path.relative_to(ROOT) if self.path.is_relative_to(ROOT) else self.path}:{self.line}"


def modules(src: Path = SRC) -> dict[str, Path]:
    """Every module under ``src/audionews``, by dotted name (a package by its ``__init__``)."""
    found = {}
    for path in sorted((src / PACKAGE).rglob("*.py")):
        parts = path.relative_to(src).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def unit_of(module: str) -> str:
    """``audionews.speech.engines.piper`` → ``speech``; the package itself → ``audionews``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else PACKAGE


def layer_of(unit: str) -> int | None:
    return next((number for number, units in enumerate(LAYERS) if unit in units), None)


def private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def read_imports(module: str, path: Path, known: set[str]) -> tuple[list[Import], list[Import]]:
    """This module's imports of audionews modules, and its uses of private names of other modules.

    ``from P import n`` imports the module ``P.n`` when there is one, else ``P``; a relative
    import is resolved as Python would (the house bans them, but a rule must not miss them).
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    imports: list[Import] = []
    privates: list[Import] = []
    bound: dict[str, str] = {}  # local name -> audionews module, for ``module._name``
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == PACKAGE or alias.name.startswith(PACKAGE + "."):
                    imports.append(Import(module, alias.name, path, node.lineno))
                    if alias.asname:
                        bound[alias.asname] = alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            if base != PACKAGE and not base.startswith(PACKAGE + "."):
                continue
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                if submodule in known:
                    imports.append(Import(module, submodule, path, node.lineno))
                    bound[alias.asname or alias.name] = submodule
                else:
                    imports.append(Import(module, base, path, node.lineno))
                if private(alias.name):
                    privates.append(Import(module, base, path, node.lineno, alias.name))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and private(node.attr):
            target = bound.get(node.value.id)
            if target:
                privates.append(Import(module, target, path, node.lineno, node.attr))
    for found in imports:
        hidden = [part for part in found.target.split(".") if private(part)]
        if hidden:
            privates.append(Import(module, found.target, path, found.line, hidden[0]))
    return sorted(imports, key=lambda found: found.line), sorted(privates, key=lambda found: found.line)


@dataclass(frozen=True)
class House:
    modules: dict[str, Path]
    imports: list[Import]
    privates: list[Import]


def read_house(src: Path = SRC) -> House:
    found = modules(src)
    imports: list[Import] = []
    privates: list[Import] = []
    for module, path in found.items():
        some, private_uses = read_imports(module, path, set(found))
        imports += some
        privates += private_uses
    return House(found, imports, privates)


def describe(layer: int) -> str:
    if layer == 0:
        return "nothing of audionews"
    return ", ".join(unit for units in LAYERS[:layer] for unit in units)


def layer_violations(house: House) -> list[str]:
    """Each import that goes sideways or up, or to no module at all, as ``file:line: why``."""
    problems = []
    for found in house.imports:
        if found.target not in house.modules:
            problems.append(f"{found.where()}: {found.importer} imports {found.target}, which is no module")
            continue
        mine, theirs = unit_of(found.importer), unit_of(found.target)
        if mine == theirs:
            continue
        have, want = layer_of(mine), layer_of(theirs)
        if have is None or want is None:
            continue  # reported by test_every_unit_has_a_layer
        if want >= have:
            problems.append(f"{found.where()}: {found.importer} imports {found.target}: "
                            f"{mine} (layer {have}) may import only {describe(have)}")
    return list(dict.fromkeys(problems))  # two names from one module on one line are one problem


def private_violations(house: House) -> list[str]:
    return list(dict.fromkeys(
        f"{found.where()}: {found.importer} uses {found.name}, private to {unit_of(found.target)} ({found.target})"
        for found in house.privates if unit_of(found.importer) != unit_of(found.target)))


def cycles(house: House) -> list[list[str]]:
    """The module cycles (strongly connected components of more than one module, or a module that
    imports itself), each as its modules in order, known violations left out of the graph."""
    graph: dict[str, set[str]] = {module: set() for module in house.modules}
    for found in house.imports:
        if found.target in graph:
            graph[found.importer].add(found.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]  # Tarjan's algorithm, iteratively
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1 or node in graph[node]:
                        components.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return components


def cycle_message(house: House, component: list[str]) -> str:
    members = set(component)
    inside = sorted((found.path, found.line, found.importer, found.target) for found in house.imports
                    if found.importer in members and found.target in members)
    edges = dict.fromkeys(f"  {Import(importer, target, path, line).where()}: {importer} imports {target}"
                          for path, line, importer, target in inside)
    return "cycle among " + ", ".join(component) + ":\n" + "\n".join(edges)


def layers_table() -> str:
    """:data:`LAYERS` as the Markdown table ``docs/ARCHITECTURE.md`` shows."""
    rows = ["| layer | units | may import |", "|---|---|---|"]
    for number, units in enumerate(LAYERS):
        names = ", ".join(f"`{unit}`" for unit in units)
        allowed = "nothing of audionews" if number == 0 else (
            ", ".join(f"`{unit}`" for unit in LAYERS[0]) if number == 1 else f"layers 0–{number - 1}")
        rows.append(f"| {number} | {names} | {allowed} |")
    return "\n".join(rows)


@pytest.fixture(scope="module")
def house() -> House:
    return read_house()


def test_every_unit_has_a_layer(house: House) -> None:
    units = {unit_of(module) for module in house.modules}
    placed = {unit for layer in LAYERS for unit in layer}
    assert not units - placed, f"new units, put each in a layer of LAYERS: {sorted(units - placed)}"
    assert not placed - units, f"LAYERS names units that no longer exist: {sorted(placed - units)}"


def test_imports_go_down_the_layers(house: House) -> None:
    problems = layer_violations(house)
    assert not problems, "imports against the layers (tests/test_layout.py, LAYERS):\n" + "\n".join(problems)


def test_no_unit_uses_another_units_private_names(house: House) -> None:
    problems = private_violations(house)
    assert not problems, "private names used from outside their unit:\n" + "\n".join(problems)


def test_no_import_cycles(house: House) -> None:
    found = cycles(house)
    assert not found, "\n".join(cycle_message(house, component) for component in found)


def test_architecture_doc_shows_these_layers() -> None:
    doc = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    assert layers_table() in doc, "docs/ARCHITECTURE.md should hold this table:\n" + layers_table()


def write(src: Path, module: str, text: str) -> None:
    path = src.joinpath(*module.split(".")).with_suffix(".py")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_the_rules_catch_each_kind_of_violation(tmp_path: Path) -> None:
    """A made-up house with one of each fault, so a rule that finds nothing is not a rule that sees nothing."""
    for package in ("audionews", "audionews.speech", "audionews.feed", "audionews.script"):
        write(tmp_path, package + ".__init__", "")
    write(tmp_path, "audionews.errors", "")
    write(tmp_path, "audionews.speech.cache", "def f():\n    from audionews.feed import rss\n")
    write(tmp_path, "audionews.feed.rss", "from ..speech.cache import f\n")
    write(tmp_path, "audionews.script.segments", "from audionews.script import lexicon as lx\nx = lx._RULES\n")
    write(tmp_path, "audionews.script.lexicon", "from audionews.feed.rss import _FEED\n_RULES = 1\n")
    house = read_house(tmp_path)
    problems = "\n".join(layer_violations(house))
    assert "audionews/speech/cache.py:2: audionews.speech.cache imports audionews.feed.rss" in problems
    assert "audionews/feed/rss.py:1: audionews.feed.rss imports audionews.speech.cache" in problems  # relative
    assert "audionews.script.lexicon imports audionews.feed.rss" in problems
    assert len(layer_violations(house)) == 3
    privates = private_violations(house)
    # _RULES is read inside its own unit, so only _FEED is reported
    lexicon = tmp_path / "audionews" / "script" / "lexicon.py"
    assert privates == [f"{lexicon}:1: audionews.script.lexicon uses _FEED, private to feed (audionews.feed.rss)"]
    assert cycles(house) == [["audionews.feed.rss", "audionews.speech.cache"]]
