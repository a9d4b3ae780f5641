"""The ``audionews`` command (also ``python -m audionews``).

Its own module so that Ctrl+C is quiet at any moment: status 130 and no traceback, whether it lands
while the command line is still being imported, inside a library that turns it into an error of its
own (onnxruntime's "ImportError: initialization failed", a RuntimeError from a class being made), or
while a voice's model is still loading (onnxruntime aborts a process torn down under it).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import traceback
from types import FrameType

__all__ = ["main"]

_stopped = False


def _on_ctrl_c(signum: int, frame: FrameType | None) -> None:
    """Python's own handler, remembering: an error raised from here on is how the command stopped. But
    not inside the import machinery's own locking, where an exception leaves the import lock held and the
    process hung for good (two threads import at once: the voice's model loads beside the pipeline):
    there, the same Ctrl+C again in a fiftieth of a second, once the lock is let go."""
    global _stopped
    if frame is not None and frame.f_code.co_filename.startswith("<frozen importlib"):
        threading.Timer(0.02, os.kill, (os.getpid(), signum)).start()
        return
    _stopped = True
    raise KeyboardInterrupt


def main() -> None:
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not where Ctrl+C is ignored
        signal.signal(signal.SIGINT, _on_ctrl_c)
    try:
        from audionews.cli import main as command_line

        command_line()
        status: int | str | None = 0
    except SystemExit as exc:
        status = exc.code
    except KeyboardInterrupt:
        status = 130
    except BaseException:
        if not _stopped:
            traceback.print_exc()  # a bug: its traceback, as Python would print it
        status = 130 if _stopped else 1
    _leave(status)


def _leave(status: int | str | None) -> None:
    """Exit with ``status``; at once, skipping the interpreter's teardown, if a model is still loading."""
    engines = sys.modules.get("audionews.speech.engines.base")  # only if loaded: importing it now costs time
    if engines is None or not engines.still_loading():
        sys.exit(status)
    if isinstance(status, str):
        print(status, file=sys.stderr)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(status if isinstance(status, int) else (0 if status is None else 1))


if __name__ == "__main__":
    main()
