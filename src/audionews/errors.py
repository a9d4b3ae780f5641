"""One tree of errors, so the CLI can turn any failure into one plain line.

    AudionewsError
     ├── FetchError        the source could not be read (missing, empty, binary, unreachable)
     ├── ExtractionError   the source has no readable article
     ├── SynthesisError    the speech engine failed (offline, unknown voice)
     ├── AudioError        ffmpeg or tagging failed
     ├── FeedError         the feed folder or catalog is missing or inconsistent
     ├── ConfigError       a setting or option is wrong
     └── BrokerError       the broker (Redis) cannot be reached, or a worker refused or lost an article

Third-party errors are translated where they are caught, with ``raise ... from exc``. However a
source is named and whatever a reason quotes, an error prints as one line (:func:`one_line`).
"""

from __future__ import annotations

import re

__all__ = [
    "UNPRINTABLE",
    "AudioError",
    "AudionewsError",
    "BrokerError",
    "ConfigError",
    "ExtractionError",
    "FeedError",
    "FetchError",
    "SynthesisError",
    "one_line",
]

UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
"""What must not reach a terminal as it is: control characters (CR and LF end the line, ESC and BEL
drive the terminal), the line and paragraph separators, and lone surrogates (no encoding can print them)."""


def one_line(text: str) -> str:
    """``text`` as one printable line: each :data:`UNPRINTABLE` character shown as its escape ("\\r",
    "\\x1b"), so a file named with a line break is still named, on one line."""
    return UNPRINTABLE.sub(lambda found: repr(found.group())[1:-1], text)


class AudionewsError(Exception):
    """Base of every error audionews raises on purpose.

    ``source`` names what was being processed (a path, URL or feed) so the message a user
    sees says what failed and why in one line.
    """

    def __init__(self, reason: str, source: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.source = source

    def __str__(self) -> str:
        """The one line a user sees, whatever the source's name or the reason holds."""
        return one_line(f"{self.source}: {self.reason}" if self.source else self.reason)


class FetchError(AudionewsError):
    """The source could not be read."""


class ExtractionError(AudionewsError):
    """The source was read but holds no readable article."""


class SynthesisError(AudionewsError):
    """A speech engine failed."""


class AudioError(AudionewsError):
    """Encoding, decoding or tagging audio failed."""


class FeedError(AudionewsError):
    """A feed folder, its catalog or its public files are missing or inconsistent."""


class ConfigError(AudionewsError):
    """A setting in feed.toml or on the command line is invalid."""


class BrokerError(AudionewsError):
    """The broker cannot be reached, or a worker refused an article or failed on it (``publish --broker``)."""
