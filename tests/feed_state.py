"""What every fault test of the feed folder asserts, and the small real filesystems they use.

After any failure (a full disk, a read-only folder, a kill, a signal): the feed parses, it lists
exactly the catalog's episodes, every file it names exists, nothing in ``public/`` is unlisted or
half-written, nothing from the failed source remains, and the earlier episodes are byte for byte
what they were.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from audionews.feed.catalog import Catalog
from audionews.files import TEMP_PREFIX
from conftest import FIXTURES, ROOT, init_feed, invoke

BASE = "https://example.org/pod/"
TEXT = FIXTURES / "text"
FIRST, SECOND, NEW = TEXT / "wire-bridge.txt", TEXT / "simple-news.txt", TEXT / "wordpress-comments.txt"
NEW_TITLE, NEW_SLUG = "Growing garlic in heavy clay soil", "growing-garlic-in-heavy-clay-soil"


def silent_feed(feeds: Path, name: str = "ledger", cache_mb: int | None = None) -> Path:
    """A new feed that speaks with the silent engine."""
    init_feed(feeds, name, BASE)
    settings = feeds / name / "feed.toml"
    text = settings.read_text().replace('engine = "piper"', 'engine = "silent"')
    if cache_mb is not None:
        text = text.replace("cache_mb = 500", f"cache_mb = {cache_mb}")
    settings.write_text(text)
    return feeds / name


def published(feeds: Path, *sources: Path, cache_mb: int | None = None) -> Path:
    """A silent feed with ``sources`` published (two text articles unless given)."""
    folder = silent_feed(feeds, cache_mb=cache_mb)
    result = invoke(feeds, "publish", "-q", *(str(s) for s in (sources or (FIRST, SECOND))))
    assert result.exit_code == 0, result.stderr
    return folder


def snapshot(folder: Path) -> dict[Path, bytes]:
    """Every episode file (MP3 and companions) and its bytes."""
    return {p: p.read_bytes() for p in sorted((folder / "public" / "episodes").iterdir())}


def records(folder: Path) -> list:
    with Catalog(folder / "catalog.sqlite3", read_only=True) as catalog:
        return catalog.all()


def check_feed(folder: Path, kept: dict[Path, bytes] | None = None, failed_slug: str | None = None) -> set[str]:
    """The invariants above; returns the feed's guids."""
    public = folder / "public"
    feed = etree.parse(str(public / "feed.xml"))
    guids = {g.text for g in feed.iter("guid")}
    listed = records(folder)
    assert guids == {r.guid for r in listed}
    for element in feed.iter():
        url = element.get("url") or element.get("href")
        if url and url.startswith(BASE):
            assert (public / url.removeprefix(BASE)).is_file(), url
    for record in listed:
        assert (public / record.audio).stat().st_size == record.size
    stems = {Path(r.audio).name.removesuffix(".mp3") for r in listed}
    unlisted = [p.name for p in (public / "episodes").iterdir() if p.name.split(".", 1)[0] not in stems]
    assert not unlisted, unlisted
    assert not list(public.rglob(f"{TEMP_PREFIX}*"))
    staging = folder / "staging"
    assert not (staging.is_dir() and list(staging.iterdir())), "a staging folder is left"
    for path, data in (kept or {}).items():
        assert path.read_bytes() == data, f"{path.name} changed"
    if failed_slug:
        assert not [p for p in (public / "episodes").iterdir() if p.name.startswith(failed_slug)]
        assert not [r for r in listed if Path(r.audio).name.startswith(failed_slug)]
    return guids


def one_line_error(result, *words: str) -> str:
    """The CLI failed with one plain ``Error:`` line on stderr (no traceback) that says ``words``."""
    assert result.exit_code != 0, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@contextlib.contextmanager
def tmpfs(path: Path, size: str = "64m") -> Iterator[Path]:
    """A real, small filesystem at ``path`` (a tmpfs; this needs root): full disks and read-only
    folders as the kernel makes them. Skips, saying why, where it cannot be mounted."""
    path.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(path)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.strip() or mounted.returncode}): needs root")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def remount(path: Path, mode: str) -> None:
    """Make a tmpfs read-only (``ro``) or writable again (``rw``)."""
    subprocess.run(["mount", "-o", f"remount,{mode}", str(path)], check=True)


def fill(path: Path, leave: int) -> Path:
    """Fill the filesystem of ``path`` until about ``leave`` bytes are free."""
    filler = path / "filler"
    stats = os.statvfs(path)
    room = stats.f_bavail * stats.f_frsize - leave
    with open(filler, "ab") as out:
        chunk = b"\0" * (1 << 20)
        while room > 0:
            try:
                room -= out.write(chunk[:min(room, len(chunk))])
            except OSError:
                break
    return filler


def cli_process(feeds: Path, *args: str, **popen: object) -> subprocess.Popen:
    """``audionews`` in its own process, as a user runs it."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    return subprocess.Popen([sys.executable, "-m", "audionews.cli", "--feeds-dir", str(feeds), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, **popen)  # type: ignore[call-overload]


def long_article(path: Path, parts: int = 6, headline: str = "A long report on bridges and libraries") -> Path:
    """A text article of many paragraphs (the body of two fixtures, ``parts`` times over, each time
    told apart), so a publish of it takes long enough for a signal to land mid-way."""
    body = [line for source in (FIRST, SECOND) for line in source.read_text().splitlines() if len(line) > 120]
    paragraphs = [f"In part {part + 1} of this report, {line[0].lower()}{line[1:]}"
                  for part in range(parts) for line in body]
    path.write_text("\n\n".join([headline, "By Test Writer", *paragraphs]) + "\n")
    return path
