"""Speech worker processes: each runs one engine and speaks the sentences sent to it.

A worker is a plain child process (running :func:`main`) that reads requests on
stdin and answers on stdout, rather than a multiprocessing pool: when a publish is killed, its
workers see their input close and end, instead of waiting for work forever (and holding the
publish's output pipes open). In the parent, one thread per worker takes the next sentence
from a shared queue, so a worker never idles while another has a backlog.

Protocol, one exchange per sentence: a JSON line ``{"text": ...}`` in; a JSON line
``{"rate": R, "size": N}`` followed by N bytes of 16-bit PCM out, or ``{"error": reason}``.
"""

from __future__ import annotations

import dataclasses
import json
import os
import queue
import subprocess
import sys
import threading
from concurrent.futures import Future
from typing import BinaryIO

from audionews.errors import SynthesisError
from audionews.speech.engines import Speech, Voice, get_engine
from audionews.speech.trim import trimmed

__all__ = ["WorkerPool"]


class WorkerPool:
    """``count`` workers speaking with ``voice``, each using ``threads`` CPU threads."""

    def __init__(self, voice: Voice, count: int, threads: int, start: bool = True) -> None:
        """``start``: start the workers now; otherwise sentences submitted wait for :meth:`start`."""
        self._jobs: queue.Queue[tuple[str, Future] | None] = queue.Queue()
        self._command = [sys.executable, "-c", "from audionews.speech.workers import main; main()",
                         json.dumps(dataclasses.asdict(voice)), str(threads)]
        self._count = count
        self._processes: list[subprocess.Popen] = []
        self._threads: list[threading.Thread] = []
        if start:
            self.start()

    def start(self) -> None:
        """Start the workers (once); each takes the next sentence waiting."""
        if self._processes:
            return
        try:
            for _ in range(self._count):
                # a session of their own: Ctrl+C on the terminal reaches the publish, which stops them
                # (closing their input) after cleaning up, not the workers, which would print tracebacks
                process = subprocess.Popen(self._command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                           start_new_session=True)
                self._processes.append(process)
                thread = threading.Thread(target=self._serve, args=(process,), daemon=True)
                self._threads.append(thread)  # before start(): Ctrl+C inside start() must not hide a running one
                thread.start()
        except OSError as exc:
            self.close()
            raise SynthesisError(f"cannot start a speech worker ({exc})") from exc

    def submit(self, text: str) -> Future:
        future: Future = Future()
        self._jobs.put((text, future))
        return future

    def close(self) -> None:
        """Stop the workers: pending sentences are dropped."""
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                break
            if job:
                job[1].cancel()
        for _ in self._threads:
            self._jobs.put(None)
        for thread in self._threads:
            if thread.ident is not None:  # one that Ctrl+C stopped from starting has nothing to join
                thread.join()
        for process in self._processes:
            if process.stdin:
                process.stdin.close()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stdout:
                process.stdout.close()

    def _serve(self, process: subprocess.Popen) -> None:
        """Feed one worker from the shared queue until told to stop; a dead worker fails its sentence."""
        while (job := self._jobs.get()) is not None:
            text, future = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(_exchange(process, text))
            except SynthesisError as exc:
                future.set_exception(exc)


def _exchange(process: subprocess.Popen, text: str) -> Speech:
    requests, answers = process.stdin, process.stdout
    assert requests and answers  # both opened with PIPE
    try:
        requests.write(json.dumps({"text": text}).encode("utf-8") + b"\n")
        requests.flush()
        header = json.loads(answers.readline() or b"null")
    except (OSError, ValueError):
        header = None
    if not isinstance(header, dict):
        raise SynthesisError("a speech worker stopped unexpectedly (out of memory?)")
    if "error" in header:
        raise SynthesisError(str(header["error"]))
    pcm = answers.read(header["size"])
    if len(pcm) != header["size"]:
        raise SynthesisError("a speech worker stopped in the middle of a sentence")
    return Speech(pcm=pcm, sample_rate=header["rate"])


def _work(voice: Voice, threads: int, requests: BinaryIO, answers: BinaryIO) -> None:
    """The worker's loop: until its input closes, speak each request and answer."""
    engine = get_engine(voice, threads)
    try:
        engine.prepare()
    except SynthesisError:
        pass  # reported with the first sentence
    for line in requests:
        try:
            speech = trimmed(engine.synthesize(json.loads(line)["text"]))
        except SynthesisError as exc:
            answers.write(json.dumps({"error": exc.reason}).encode("utf-8") + b"\n")
        else:
            answers.write(json.dumps({"rate": speech.sample_rate, "size": len(speech.pcm)}).encode("utf-8") + b"\n")
            answers.write(speech.pcm)
        answers.flush()


def main() -> None:
    """A worker's entry point: ``VOICE_JSON THREADS`` as arguments. When the publish is gone (killed),
    the answer has nowhere to go: the worker ends at once, quietly (no traceback on the terminal)."""
    try:
        _work(Voice(**json.loads(sys.argv[1])), int(sys.argv[2]), sys.stdin.buffer, sys.stdout.buffer)
    except (BrokenPipeError, KeyboardInterrupt):
        os._exit(1)  # not sys.exit: flushing stdout at exit would fail again, and say so
