"""Speech worker processes: sentences come back in order, errors come back as errors, and a killed
publish leaves no worker behind."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from audionews.errors import SynthesisError
from audionews.speech.engines import Voice, get_engine
from audionews.speech.speaker import Speaker
from audionews.speech.workers import WorkerPool
from conftest import ENGINE, src_env


@pytest.mark.parametrize("engine", [ENGINE, pytest.param("piper", marks=pytest.mark.slow)])
def test_workers_speak_every_sentence_in_the_order_asked(engine: str) -> None:
    texts = [f"This is sentence number {n}." for n in (1, 22, 3, 44)] + ["Yes."]
    with Speaker(get_engine(Voice(engine=engine)), jobs=2) as speaker:
        assert speaker.jobs == 2  # the engine is spoken in worker processes
        orders = [speaker.order(text) for text in texts]
        lengths = [len(order.result().pcm) for order in orders]
    assert all(lengths)
    assert lengths[-1] < min(lengths[:-1])  # "Yes." came back where it was asked for, not first


def test_a_worker_error_is_a_synthesis_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.onnx"
    broken.write_bytes(b"not a model")
    (tmp_path / "broken.onnx.json").write_text("{}")
    pool = WorkerPool(Voice(engine="piper", voice=str(broken)), count=1, threads=1)
    try:
        with pytest.raises(SynthesisError, match="cannot load piper voice"):
            pool.submit("Hello.").result(timeout=60)
    finally:
        pool.close()


def worker_pids(parent: int) -> set[int]:
    """Worker processes started by ``parent`` (found through /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == parent and b"audionews.speech.workers" in cmdline:
            found.add(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds processes through /proc (Linux)")
def test_a_killed_parent_leaves_no_worker_behind() -> None:
    code = ("import sys, time\n"
            "from audionews.speech.workers import WorkerPool\n"
            "from audionews.speech.engines import Voice\n"
            f"pool = WorkerPool(Voice(engine={ENGINE!r}), count=2, threads=1)\n"
            "futures = [pool.submit('A sentence to keep the workers busy for a while.') for _ in range(20000)]\n"
            "futures[1].result(timeout=60)\n"
            "print('speaking', flush=True)\n"
            "time.sleep(600)\n")
    parent = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              env=src_env())
    try:
        assert parent.stdout.readline() == b"speaking\n"  # sentences are coming back, thousands more to go
        workers = worker_pids(parent.pid)
        assert len(workers) == 2
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 30  # a worker finishes the sentence in hand, then sees its input closed
    while still_running(workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert still_running(workers) == []


def still_running(pids: set[int]) -> list[int]:
    """Those of ``pids`` still running as workers (an exited one is gone, or a zombie with no command line)."""
    running = []
    for pid in pids:
        try:
            if b"audionews.speech.workers" in Path(f"/proc/{pid}/cmdline").read_bytes():
                running.append(pid)
        except OSError:
            pass
    return running


def test_first_here_speaks_the_first_sentence_before_any_worker_starts() -> None:
    """``listen``'s first sentence waits for one voice load in its own process, not for workers to start; the
    workers start once it is spoken, and speak the rest in order. (Once the voice's pace is known: the first time,
    its calibration sentences go to the workers with the rest.)"""
    texts = ["The first sentence is heard at once.", "A second one follows.", "And a third.", "A fourth, last."]
    engine = get_engine(Voice(ENGINE))
    with Speaker(engine, 2) as alone:  # calibrates the voice, and remembers its pace
        expected = [order.result() for order in alone.order_all(texts)]
    with Speaker(engine, 2, first_here=True) as speaker:
        orders = speaker.order_all(texts)
        pool = speaker._pool
        assert pool is not None and not pool._processes  # nothing started yet
        first = orders[0].result()
        assert len(pool._processes) == 2
        assert [first, *(order.result() for order in orders[1:])] == expected


def test_a_pool_never_started_closes_at_once() -> None:
    pool = WorkerPool(Voice(ENGINE), 2, 1, start=False)
    waiting = pool.submit("Never spoken.")
    pool.close()
    assert waiting.cancelled()
