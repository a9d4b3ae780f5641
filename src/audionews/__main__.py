"""The ``audionews`` command (also ``python -m audionews``).

Its own module so that Ctrl+C while the command line is still being imported (a fifth of a second)
exits as quietly as Ctrl+C afterwards: status 130, no traceback.
"""

from __future__ import annotations

import sys

__all__ = ["main"]


def main() -> None:
    try:
        from audionews.cli import main as command_line

        command_line()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
