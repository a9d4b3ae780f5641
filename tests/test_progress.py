"""Progress: plain lines for pipes, logs and screen readers; one redrawn status line on a terminal."""

from __future__ import annotations

import io

import click
import pytest

from audionews.cli import StatusLine, _progress, cli


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_status_line_redraws_one_line_with_a_bar(monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    screen = Terminal()
    status = StatusLine(screen)
    status("article.html: reading")
    status("article.html: speaking segment 8 of 15")
    shown = screen.getvalue()
    assert "\n" not in shown
    assert shown.count("\r") >= 2
    last = shown.rsplit("\r", 1)[1]
    assert last.startswith("[#########...........] …")
    assert last.endswith(".html: speaking segment 8 of 15")
    assert len(last) == 59  # never wraps onto a second line
    status("short")
    assert screen.getvalue().rsplit("\r", 2)[1] == "short".ljust(59)  # the longer line is wiped
    status.close()
    assert screen.getvalue().endswith("\r")


@pytest.mark.parametrize("plain, term, tty, expected", [
    (False, "xterm", True, StatusLine),
    (True, "xterm", True, None),     # --plain: lines, for a screen reader
    (False, "dumb", True, None),
    (False, "xterm", False, None),   # a pipe or a log
])
def test_a_status_line_only_on_a_real_terminal_unless_plain(monkeypatch, plain, term, tty, expected) -> None:
    stream = Terminal() if tty else io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    monkeypatch.setenv("TERM", term)
    with click.Context(cli, obj={"plain": plain}) as ctx:
        progress = _progress(ctx, quiet=False)
        if expected:
            assert isinstance(progress, expected)
        else:
            progress("speaking segment 1 of 3")
            assert stream.getvalue() == "speaking segment 1 of 3\n"
