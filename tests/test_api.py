"""The public API: what ``audionews.__all__`` names, drawn so that a caller needs nothing else."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import subprocess
import sys
import typing
from pathlib import Path

import audionews

PUBLIC = [
    "Article", "AudioError", "AudionewsError", "Block", "BrokerError", "Chapter", "ConfigError", "Cue", "Episode",
    "EpisodeRecord",
    "ExtractionError", "Failure", "FeedError", "FeedFolder", "FeedSettings", "FetchError", "Lexicon", "Page",
    "PublishReport", "Published", "Script", "Segment", "Sentence", "SynthesisError", "Take", "Unclear",
    "Verification", "Voice", "build",
    "clean",
    "create_feed", "find_feed", "load_lexicon", "publish", "remove", "speak_to_file",
]


def test_all_is_pinned_and_every_name_resolves() -> None:
    assert sorted(audionews.__all__) == sorted(PUBLIC)
    for name in audionews.__all__:
        assert getattr(audionews, name) is not None


def _audionews_types(hint: object) -> set[type]:
    """Every audionews class a type hint mentions, however nested (unions, tuples, callables)."""
    found = set()
    if isinstance(hint, type) and hint.__module__.startswith("audionews"):
        found.add(hint)
    for arg in typing.get_args(hint):
        found |= _audionews_types(arg)
    return found


def test_every_type_a_public_function_takes_or_returns_is_public() -> None:
    """A caller can name (and annotate with) everything it passes to and gets from the API: the function
    signatures and, transitively, the fields of the dataclasses they return."""
    exported = {getattr(audionews, name) for name in audionews.__all__}
    seen: set[object] = set()
    todo = [getattr(audionews, name) for name in audionews.__all__]
    while todo:
        item = todo.pop()
        if item in seen:
            continue
        seen.add(item)
        if inspect.isfunction(item) or dataclasses.is_dataclass(item):
            hints = typing.get_type_hints(item)
            for name, hint in hints.items():
                for kind in _audionews_types(hint):
                    assert kind in exported, f"{item.__qualname__}.{name} uses {kind.__qualname__}, not in __all__"
                    todo.append(kind)


def test_a_public_name_is_never_a_submodule_whatever_was_imported_first() -> None:
    """``audionews.publish`` is the function even after ``import audionews.pipeline`` and every other
    submodule: no public name is also a module's name."""
    modules = [m.name for m in pkgutil.walk_packages(audionews.__path__, "audionews.")]
    assert not {m.rsplit(".", 1)[-1] for m in modules} & set(audionews.__all__)
    code = (
        "import importlib, audionews\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = [n for n in audionews.__all__ if type(getattr(audionews, n)).__name__ == 'module']\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_package_is_typed() -> None:
    assert (Path(audionews.__file__).parent / "py.typed").is_file()
    assert importlib.import_module("audionews").__version__
