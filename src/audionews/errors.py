"""One tree of errors, so the CLI can turn any failure into one plain line.

    AudionewsError
     ├── FetchError        the source could not be read (missing, empty, binary, unreachable)
     ├── ExtractionError   the source has no readable article
     ├── SynthesisError    the speech engine failed (offline, unknown voice)
     ├── AudioError        ffmpeg or tagging failed
     ├── FeedError         the feed folder or catalog is missing or inconsistent
     └── ConfigError       a setting or option is wrong

Third-party errors are translated where they are caught, with ``raise ... from exc``.
"""

from __future__ import annotations

__all__ = [
    "AudioError",
    "AudionewsError",
    "ConfigError",
    "ExtractionError",
    "FeedError",
    "FetchError",
    "SynthesisError",
]


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
        return f"{self.source}: {self.reason}" if self.source else self.reason


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
