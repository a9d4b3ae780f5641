"""Faults on every write path of the feed folder: a full disk, a read-only folder, another disk,
a lock held too long, SIGKILL. Each ends in a correct result or one plain line, and then the feed
parses, every enclosure exists, nothing in public/ is unlisted, nothing from the failed source
remains, and the earlier episodes are byte for byte what they were (``feed_state.check_feed``).

Full disks and read-only folders are real: a small tmpfs, filled, or remounted read-only (root is
not stopped by file modes). Where a fault must land at one exact file, the disk is made to fail at
the OS boundary: ``os.fsync`` of that file reports ENOSPC, as a filesystem with delayed allocation
does; ``os.replace`` reports EXDEV for a move into another filesystem.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import time
from pathlib import Path

import filelock
import pytest

from audionews.feed import writer
from audionews.feed.folder import FeedFolder
from conftest import invoke
from feed_state import (
    NEW,
    NEW_SLUG,
    NEW_TITLE,
    check_feed,
    cli_process,
    fill,
    long_article,
    one_line_error,
    records,
    remount,
    snapshot,
    tmpfs,
)


@pytest.fixture(scope="session")
def template(two_episode_feed: Path) -> Path:
    """The shared two-episode feed (conftest), which tests only copy."""
    return two_episode_feed


def _copy(template: Path, target: Path) -> Path:
    shutil.copytree(template, target, symlinks=True)
    return target


@pytest.fixture
def feeds(template: Path, tmp_path: Path) -> Path:
    return _copy(template, tmp_path / "feeds")


# --- a full disk at one exact file -------------------------------------------------------------------

FILES = {  # the file whose flush fails: (folder under the feed, suffix of its temporary name)
    "the episode's MP3 (encoding)": ("staging", ".mp3"),
    "captions (.vtt)": ("public/episodes", ".vtt"),
    "text transcript (.txt)": ("public/episodes", ".txt"),
    "JSON transcript and chapters": ("public/episodes", ".json"),
    "feed.xml (the commit)": ("public", ".xml"),
    "index.html (the commit)": ("public", ".html"),
    "the episode's own page (the commit)": ("public/episodes", ".html"),
    "an archive page (the commit)": ("public/archive", ".html"),
}


def _failing_fsync(monkeypatch: pytest.MonkeyPatch, folder: Path, under: str, suffix: str) -> list[str]:
    real = os.fsync
    hits: list[str] = []

    def fsync(descriptor: int) -> None:
        name = os.readlink(f"/proc/self/fd/{descriptor}")
        if name.startswith(str((folder / under).resolve())) and name.endswith(suffix):
            hits.append(name)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(descriptor)

    monkeypatch.setattr(os, "fsync", fsync)
    return hits


@pytest.mark.parametrize("where", list(FILES))
def test_publish_with_the_disk_full_at_one_file(feeds: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    folder = feeds / "ledger"
    kept = snapshot(folder)
    hits = _failing_fsync(monkeypatch, folder, *FILES[where])
    result = invoke(feeds, "publish", "-q", str(NEW))
    assert hits, "the fault never landed"
    line = one_line_error(result, str(NEW), "No space left on device", "cannot write")
    assert ".tmp-" not in line
    monkeypatch.undo()
    check_feed(folder, kept, failed_slug=NEW_SLUG)
    assert len(records(folder)) == 2
    assert invoke(feeds, "publish", "-q", str(NEW)).exit_code == 0  # with room again, it goes in
    assert len(check_feed(folder, kept)) == 3


def test_a_cache_that_cannot_be_written_only_costs_time(feeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = feeds / "ledger"
    kept = snapshot(folder)
    hits = _failing_fsync(monkeypatch, folder, "cache", "")
    result = invoke(feeds, "publish", "-q", str(NEW))
    assert hits and result.exit_code == 0, result.stderr
    check_feed(folder, kept)
    assert not list((folder / "cache").rglob(".tmp-*"))


@pytest.mark.parametrize("command", [["build"], ["remove"]])
def test_build_and_remove_with_the_disk_full(feeds: Path, monkeypatch: pytest.MonkeyPatch,
                                             command: list[str]) -> None:
    folder = feeds / "ledger"
    kept = snapshot(folder)
    if command == ["remove"]:
        command = ["remove", records(folder)[0].guid]
    catalog = (folder / "catalog.sqlite3").read_bytes()
    hits = _failing_fsync(monkeypatch, folder, "public", ".xml")
    result = invoke(feeds, *command)
    assert hits
    one_line_error(result, "public/feed.xml", "No space left on device")
    monkeypatch.undo()
    assert (folder / "catalog.sqlite3").read_bytes() == catalog  # the change rolled back
    check_feed(folder, kept)


# --- a really full disk: a small tmpfs -------------------------------------------------------------

@pytest.mark.slow  # seven publishes on a real full disk: test_publish_with_the_disk_full_at_one_file keeps, in the
# quick run, a full disk at each file of the commit
def test_publish_with_the_disk_filling_up_at_the_commit(template: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills (as if another program wrote) the moment the episode moves into public/, leaving
    from nothing to a little room: the companions, feed.xml, index.html or the catalog's journal find
    no room, each at some level. Every run ends in a whole feed; the ones that fail leave nothing."""
    from audionews import pipeline

    outcomes = []
    for leave in (0, 8_192, 16_384, 32_768, 65_536, 131_072, 1 << 20):
        with tmpfs(tmp_path / f"disk{leave}", "32m") as disk:
            feeds = _copy(template, disk / "feeds")
            folder = feeds / "ledger"
            kept = snapshot(folder)
            real_move_in = pipeline.move_in

            def move_in(*args: object, _disk: Path = disk, _leave: int = leave, _real=real_move_in) -> object:
                fill(_disk, _leave)
                return _real(*args)

            monkeypatch.setattr(pipeline, "move_in", move_in)
            result = invoke(feeds, "publish", "-q", str(NEW))
            monkeypatch.undo()
            (disk / "filler").unlink()
            if result.exit_code == 0:
                check_feed(folder, kept)
                assert NEW_TITLE in {r.title for r in records(folder)}
            else:
                one_line_error(result, str(NEW))
                check_feed(folder, kept, failed_slug=NEW_SLUG)
            outcomes.append(result.exit_code)
    assert 1 in outcomes and 0 in outcomes, outcomes  # it failed at some levels and not at others


def test_publish_with_the_disk_full_while_encoding(template: Path, tmp_path: Path) -> None:
    """No room for the episode being encoded in staging/: one line, nothing left in staging/."""
    for leave in (0, 65_536, 512_000):
        with tmpfs(tmp_path / f"disk{leave}", "32m") as disk:
            feeds = _copy(template, disk / "feeds")
            shutil.rmtree(feeds / "ledger" / "cache")
            folder = feeds / "ledger"
            kept = snapshot(folder)
            filler = fill(disk, leave)
            result = invoke(feeds, "publish", "-q", str(NEW))
            one_line_error(result, str(NEW), "No space left on device")
            filler.unlink()
            check_feed(folder, kept, failed_slug=NEW_SLUG)


# --- a read-only feed folder -----------------------------------------------------------------------

def test_a_read_only_feed_folder(template: Path, tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", "32m") as disk:
        feeds = _copy(template, disk / "feeds")
        folder = feeds / "ledger"
        kept = snapshot(folder)
        guid = records(folder)[0].guid
        remount(disk, "ro")
        try:
            for command in (["publish", "-q", str(NEW)], ["build"], ["remove", guid],
                            ["speak", "--engine", "silent", "-q", str(NEW), "-o", str(folder / "out.mp3")]):
                line = one_line_error(invoke(feeds, *command), "Read-only file system")
                assert "Traceback" not in line
            listing = invoke(feeds, "episodes")  # reading needs no write
            assert listing.exit_code == 0 and len(listing.stdout.splitlines()) == 2
        finally:
            remount(disk, "rw")
        check_feed(folder, kept, failed_slug=NEW_SLUG)
        assert len(records(folder)) == 2


# --- public/ on another filesystem -----------------------------------------------------------------

def test_public_on_another_filesystem(template: Path, tmp_path: Path) -> None:
    """public/ is a mount point of its own: episodes are copied in, not renamed (EXDEV)."""
    feeds = _copy(template, tmp_path / "feeds")
    folder = feeds / "ledger"
    saved = tmp_path / "public-saved"
    shutil.move(str(folder / "public"), saved)
    with tmpfs(folder / "public", "32m"):
        shutil.copytree(saved, folder / "public", dirs_exist_ok=True)
        kept = snapshot(folder)
        result = invoke(feeds, "publish", "-q", str(NEW))
        assert result.exit_code == 0, result.stderr
        assert len(check_feed(folder, kept)) == 3
        assert not list((folder / "staging").glob("*/*"))


def test_a_move_across_devices_at_the_boundary(feeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same with EXDEV from the rename of the staged MP3 into public/ (where no mount is possible)."""
    folder = feeds / "ledger"
    kept = snapshot(folder)
    real = os.replace
    crossed = []

    def replace(source: object, target: object) -> None:
        if "staging" in str(source) and "public" in str(target):
            crossed.append(target)
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV), str(source), None, str(target))
        real(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", replace)
    result = invoke(feeds, "publish", "-q", str(NEW))
    assert crossed and result.exit_code == 0, result.stderr
    monkeypatch.undo()
    assert len(check_feed(folder, kept)) == 3


# --- the lock --------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["build"], ["remove", "urn:uuid:0"], ["publish", "-q", str(NEW)]])
def test_a_lock_held_too_long(feeds: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]) -> None:
    folder = feeds / "ledger"
    kept = snapshot(folder)
    monkeypatch.setattr(writer, "LOCK_TIMEOUT", 0.2)
    with filelock.FileLock(str(FeedFolder(folder).lock_path)):
        result = invoke(feeds, *command)
    one_line_error(result, "the feed is busy", "held its lock")
    check_feed(folder, kept, failed_slug=NEW_SLUG)


# --- SIGKILL and SIGTERM on each path --------------------------------------------------------------

PUBLISH, SPEAK = ["publish", "--jobs", "2"], ["speak", "--engine", "silent"]


@pytest.mark.parametrize(("command", "kill"), [
    (PUBLISH, signal.SIGKILL),
    # in the quick run, test_hardening_output's stopped publish is SIGTERM mid-publish
    pytest.param(PUBLISH, signal.SIGTERM, marks=pytest.mark.slow),
    (SPEAK, signal.SIGKILL),
    (SPEAK, signal.SIGTERM),
], ids=["publish-SIGKILL", "publish-SIGTERM", "speak-SIGKILL", "speak-SIGTERM"])
def test_killed_mid_write(feeds: Path, tmp_path: Path, command: list[str], kill: signal.Signals) -> None:
    """Killed while it speaks and encodes a long article: the feed (after the next command, for
    SIGKILL) or the output file is as it was."""
    folder = feeds / "ledger"
    kept = snapshot(folder)
    article = long_article(tmp_path / "long.txt")
    output = tmp_path / "out.mp3"
    output.write_bytes(b"the old output")
    args = [*command, str(article)] + (["-o", str(output)] if command[0] == "speak" else [])
    process = cli_process(feeds, *args)  # progress on stderr, as plain lines
    assert process.stderr
    for line in process.stderr:  # progress: wait until it is speaking
        if b"speaking segment 3 of" in line:
            break
    process.send_signal(kill)
    _, err = process.communicate(timeout=120)
    assert process.returncode == (-9 if kill == signal.SIGKILL else 143), err
    assert b"Traceback" not in err
    if command[0] == "speak":
        assert output.read_bytes() == b"the old output"
        if kill == signal.SIGTERM:
            assert not list(tmp_path.glob(".tmp-*"))
        return
    if kill == signal.SIGKILL:
        time.sleep(0.5)  # its workers see their input close and end
        assert invoke(feeds, "build").exit_code == 0  # the next command clears what the kill left
    check_feed(folder, kept, failed_slug="a-long-report")
    assert len(records(folder)) == 2
