"""``speak -o`` writes as ``cp`` would, settings files are read with bounds, ``--jobs`` is capped,
and Ctrl+C or SIGTERM stop a publish quietly, leaving nothing.

- ``-o`` through a symlink writes its target (the link stays); into a device or FIFO writes into it,
  never replacing the node; a new file gets 0o666 less the umask, a replaced one keeps its mode;
  a folder is one line;
- ``--lexicon`` reads only a regular file of bounded size: ``/dev/zero``, a FIFO with no writer,
  a huge file are one line, at once;
- ``--jobs`` above what the machine can run is lowered, with a note;
- SIGINT to the process group (Ctrl+C) or SIGTERM mid-publish: exit 130 or 143, no traceback from
  the publish or its workers, no staging folder; ``build`` removes staging folders of dead processes.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import threading
from pathlib import Path

import pytest

from audionews.speech.engines import Voice, get_engine
from audionews.speech.speaker import Speaker, max_jobs
from conftest import invoke
from feed_state import NEW, check_feed, cli_process, long_article, one_line_error, published, records, snapshot

SPEAK = ["speak", "--engine", "silent", "-q", str(NEW)]


def _speak(tmp_path: Path, output: Path, *more: str):
    return invoke(tmp_path / "no-feeds", *SPEAK, "-o", str(output), *more)


def _is_mp3(data: bytes) -> bool:
    return data[:3] == b"ID3" or data[:2] == b"\xff\xfb"


def test_output_through_a_symlink_writes_its_target(tmp_path: Path) -> None:
    target = tmp_path / "real.mp3"
    link = tmp_path / "link.mp3"
    link.symlink_to(target.name)
    result = _speak(tmp_path, link)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == target.name
    assert _is_mp3(target.read_bytes())


def test_output_to_a_device_writes_into_it(tmp_path: Path) -> None:
    """A character device (a private copy of /dev/null) stays the device it was."""
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except OSError as exc:
        pytest.skip(f"cannot make a device node here ({exc.strerror})")
    for output in (device, Path("/dev/null")):
        result = _speak(tmp_path, output)
        assert result.exit_code == 0, result.stderr
        assert stat.S_ISCHR(output.stat().st_mode) and output.stat().st_rdev == os.makedev(1, 3)
    assert not list(tmp_path.glob(".tmp-*"))


def test_output_to_a_fifo_is_streamed(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.mp3"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = _speak(tmp_path, fifo)
    reader.join(timeout=60)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received and _is_mp3(received[0]) and len(received[0]) > 10_000


def test_output_modes_follow_the_umask_and_the_old_file(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        new = tmp_path / "new.mp3"
        assert _speak(tmp_path, new).exit_code == 0
        assert stat.S_IMODE(new.stat().st_mode) == 0o640
        kept = tmp_path / "kept.mp3"
        kept.write_bytes(b"old")
        kept.chmod(0o600)
        assert _speak(tmp_path, kept).exit_code == 0
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600 and _is_mp3(kept.read_bytes())
    finally:
        os.umask(old)


def test_output_that_is_a_folder_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "out.mp3"
    folder.mkdir()
    link = tmp_path / "link.mp3"
    link.symlink_to(folder)
    for output in (folder, link):  # click's own check of -o: a usage error, ending in one Error line
        result = _speak(tmp_path, output)
        last = result.stderr.strip().splitlines()[-1]
        assert result.exit_code == 2 and "Traceback" not in result.stderr
        assert last.startswith("Error: ") and "is a directory" in last
    assert folder.is_dir() and link.is_symlink()


# --- bounded reads ---------------------------------------------------------------------------------

def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "lexicon.fifo"
    os.mkfifo(path)
    return path


def _huge(tmp_path: Path) -> Path:
    path = tmp_path / "huge.toml"
    with open(path, "wb") as out:
        out.truncate(64 * 1024 * 1024)  # sparse: 64 MB that cost nothing to make
    return path


LEXICONS = {"/dev/zero": lambda _: Path("/dev/zero"), "a FIFO with no writer": _fifo, "64 MB": _huge,
            "/dev/urandom": lambda _: Path("/dev/urandom")}


@pytest.mark.parametrize("kind", list(LEXICONS))
def test_a_lexicon_that_is_not_a_small_regular_file_is_one_line(tmp_path: Path, kind: str) -> None:
    lexicon = LEXICONS[kind](tmp_path)
    process = cli_process(tmp_path / "no-feeds", *SPEAK, "-o", str(tmp_path / "out.mp3"), "--lexicon", str(lexicon))
    _, err = process.communicate(timeout=120)  # a hang would end here, not in a wait forever
    lines = err.decode().strip().splitlines()
    assert process.returncode != 0 and len(lines) == 1 and lines[0].startswith("Error: "), err
    assert "lexicon" in lines[0] and ("not a regular file" in lines[0] or "larger than 4 MB" in lines[0])
    assert not (tmp_path / "out.mp3").exists()


def test_a_feed_lexicon_is_read_the_same_way(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds"
    folder = published(feeds)
    os.mkfifo(folder / "lexicon.toml")
    line = one_line_error(invoke(feeds, "publish", "-q", str(NEW)), "lexicon", "not a regular file")
    assert "lexicon.toml" in line


# --- --jobs ----------------------------------------------------------------------------------------

def test_jobs_beyond_the_machine_are_lowered_with_a_note(tmp_path: Path) -> None:
    result = _speak(tmp_path, tmp_path / "out.mp3", "--jobs", "100000")
    assert result.exit_code == 0, result.stderr
    assert "--jobs 100000 is more than this machine can run" in result.stderr
    assert f"using {max_jobs()}" in result.stderr
    assert 1 <= max_jobs() <= (os.cpu_count() or 1)
    speaker = Speaker(get_engine(Voice(engine="silent")), jobs=10**6)
    assert speaker.jobs == max_jobs()


# --- Ctrl+C and SIGTERM ----------------------------------------------------------------------------

@pytest.fixture(scope="session")
def feed_template(two_episode_feed: Path) -> Path:
    """The shared two-episode feed (conftest), which tests only copy."""
    return two_episode_feed


@pytest.mark.parametrize("how", ["Ctrl+C", "SIGTERM"])
def test_a_stopped_publish_is_quiet_and_leaves_nothing(feed_template: Path, tmp_path: Path, how: str) -> None:
    import shutil

    feeds = tmp_path / "feeds"
    shutil.copytree(feed_template, feeds)
    folder = feeds / "ledger"
    kept = snapshot(folder)
    article = long_article(tmp_path / "long.txt")
    process = cli_process(feeds, "publish", "--jobs", "2", str(article), start_new_session=True)
    assert process.stderr
    for line in process.stderr:
        if b"speaking segment 4 of" in line:
            break
    children = _children(process.pid)  # its speech workers and encoders
    assert children
    if how == "Ctrl+C":
        os.killpg(process.pid, signal.SIGINT)  # the terminal sends it to the whole foreground group
    else:
        process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=120)
    assert process.returncode == (130 if how == "Ctrl+C" else 143), err
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err, err.decode()
    assert out == b""
    assert not (folder / "staging").exists() or not list((folder / "staging").iterdir())
    assert not [pid for pid in children if Path(f"/proc/{pid}").exists()], "a worker or encoder is left running"
    check_feed(folder, kept, failed_slug="a-long-report")
    assert len(records(folder)) == 2


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def test_build_removes_staging_folders_of_dead_processes(feed_template: Path, tmp_path: Path) -> None:
    import shutil

    feeds = tmp_path / "feeds"
    shutil.copytree(feed_template, feeds)
    staging = feeds / "ledger" / "staging"
    dead = subprocess.Popen(["true"])
    dead.wait()
    (staging / str(dead.pid)).mkdir(parents=True)
    (staging / str(dead.pid) / "half.mp3").write_bytes(b"half an episode")
    alive = staging / str(os.getppid())  # a process that runs: its folder is its own
    alive.mkdir()
    assert invoke(feeds, "build").exit_code == 0
    assert not (staging / str(dead.pid)).exists()
    assert alive.is_dir()
