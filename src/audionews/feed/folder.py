"""A feed folder and its editor's settings (``feed.toml``).

    feeds/<name>/
      feed.toml        the settings below
      lexicon.toml     how to say names and words (optional; see lexicon.py)
      catalog.sqlite3  episodes (the source of truth for the feed)
      public/          what a web server serves: feed.xml, index.html, cover.png, episodes/
      cache/           safe to delete
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import tomli_w

from audionews.errors import ConfigError, FeedError
from audionews.feed.artwork import check_artwork
from audionews.feed.categories import check_category
from audionews.files import write_atomic
from audionews.model import Voice
from audionews.toml import read_toml

__all__ = ["DEFAULT_FEED", "LEXICON_FILE", "FeedFolder", "FeedSettings", "create_feed", "find_feed"]

DEFAULT_FEED = "default"
LEXICON_FILE = "lexicon.toml"
"""A feed's pronunciations, when ``feed.toml`` names no other file."""
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")


@dataclass(frozen=True)
class FeedSettings:
    """What an editor sets once per feed."""

    title: str
    author: str
    email: str
    base_url: str
    description: str = ""
    language: str = "en"
    category: str = "News"
    explicit: bool = False
    artwork: str = ""
    """A square RGB PNG or JPEG, 1400–3000 px, in the feed folder; empty to generate ``public/cover.png``."""
    copyright: str = ""
    """The channel's ``<copyright>``; empty for "© <year> <author>" (the year of the newest episode)."""
    engine: str = "piper"
    voice: str = ""
    speed: float = 1.0
    cache_mb: int = 500
    """Size limit of the feed's cache of synthesized sentences; least recently used go first."""
    lexicon: str = ""
    """A pronunciation lexicon, relative to the feed folder; empty for ``lexicon.toml`` if it exists."""
    allow_private_addresses: bool = True
    """Fetch from loopback and private-network addresses: true on one's own machine; false for a
    service that fetches what others name, so no page or feed can reach the machine's own network."""

    def __post_init__(self) -> None:
        for name in ("title", "author", "email", "base_url"):
            if not str(getattr(self, name)).strip():
                raise ConfigError(f"{name} must not be empty")
        if not re.match(r"^https?://[^/\s]+", self.base_url):
            raise ConfigError(f"base_url {self.base_url!r} must be an absolute http(s) URL")
        if "@" not in self.email:
            raise ConfigError(f"email {self.email!r} is not an e-mail address")
        if not re.match(r"^[a-zA-Z]{2,3}(-[a-zA-Z]{2})?$", self.language):
            raise ConfigError(f"language {self.language!r} must be a code such as en or en-US")
        check_category(self.category)
        self.voice_settings()  # validates engine speed range

    def copyright_notice(self, year: int) -> str:
        return self.copyright.strip() or f"© {year} {self.author}"

    def voice_settings(self) -> Voice:
        return Voice(engine=self.engine, voice=self.voice, speed=float(self.speed), language=self.language)

    def url(self, path: str) -> str:
        """The absolute URL of a file under ``public/``."""
        return self.base_url.rstrip("/") + "/" + path.lstrip("/")

    @classmethod
    def from_toml(cls, text: str, where: str) -> FeedSettings:
        data = read_toml(text, where)
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigError(f"unknown setting {unknown[0]!r}", where)
        try:
            return cls(**data)
        except TypeError as exc:
            raise ConfigError(f"missing setting ({exc})", where) from exc
        except ConfigError as exc:
            raise ConfigError(exc.reason, where) from exc

    def to_toml(self) -> str:
        return tomli_w.dumps(asdict(self))


@dataclass(frozen=True)
class FeedFolder:
    root: Path

    @property
    def name(self) -> str:
        return self.root.name

    @property
    def settings_path(self) -> Path:
        return self.root / "feed.toml"

    @property
    def catalog_path(self) -> Path:
        return self.root / "catalog.sqlite3"

    @property
    def lock_path(self) -> Path:
        return self.root / ".lock"

    @property
    def public(self) -> Path:
        return self.root / "public"

    @property
    def episodes(self) -> Path:
        return self.public / "episodes"

    @property
    def cache(self) -> Path:
        return self.root / "cache"

    def audio_name(self, title: str, fingerprint: str) -> str:
        """An episode's MP3, relative to ``public/``: its title as a slug and its audio's fingerprint, so a
        changed episode is a new file and players never get the old audio from a cache."""
        return f"episodes/{_slug(title)}-{fingerprint[:8]}.mp3"

    @property
    def staging(self) -> Path:
        """Where episodes are encoded before they go public: one folder per publishing process."""
        return self.root / "staging"

    def settings(self) -> FeedSettings:
        try:
            text = self.settings_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise FeedError("no feed.toml (create the feed with 'audionews init')", str(self.root)) from None
        settings = FeedSettings.from_toml(text, str(self.settings_path))
        if settings.artwork:
            check_artwork(self.root / settings.artwork, settings.artwork, str(self.settings_path))
        return settings

    def lexicon_file(self, settings: FeedSettings) -> tuple[Path, bool]:
        """The feed's lexicon file and whether it must exist: the file ``feed.toml`` names, else
        ``lexicon.toml`` if present."""
        return self.root / (settings.lexicon or LEXICON_FILE), bool(settings.lexicon)


def create_feed(feeds_dir: Path, name: str, settings: FeedSettings, overwrite: bool = False) -> FeedFolder:
    if not _NAME.match(name):
        raise ConfigError(f"feed name {name!r}: use lower-case letters, digits, '-' and '_'")
    folder = FeedFolder(feeds_dir / name)
    if folder.settings_path.exists() and not overwrite:
        raise FeedError("feed already exists", str(folder.root))
    folder.root.mkdir(parents=True, exist_ok=True)
    write_atomic(folder.settings_path, settings.to_toml().encode("utf-8"))
    return folder


def find_feed(feeds_dir: Path, name: str | None, create_default: bool = False) -> FeedFolder:
    """The named feed; or the only feed; or, for publish, a new ``default`` feed when there is none."""
    if name:
        folder = FeedFolder(feeds_dir / name)
        if not folder.settings_path.exists():
            raise FeedError(f"no feed named {name!r}", str(feeds_dir))
        return folder
    existing = sorted(p.parent.name for p in feeds_dir.glob("*/feed.toml")) if feeds_dir.is_dir() else []
    if len(existing) == 1:
        return FeedFolder(feeds_dir / existing[0])
    if len(existing) > 1:
        raise FeedError(f"several feeds ({', '.join(existing)}): choose one with --feed", str(feeds_dir))
    if not create_default:
        raise FeedError("no feed yet (create one with 'audionews init')", str(feeds_dir))
    return create_feed(feeds_dir, DEFAULT_FEED, default_settings())


def default_settings() -> FeedSettings:
    return FeedSettings(
        title="audionews",
        author="audionews",
        email="editor@localhost.invalid",
        base_url="http://127.0.0.1:8000/",
        description="Articles read aloud by audionews.",
    )


def _slug(text: str, limit: int = 60) -> str:
    """ASCII letters, digits and hyphens only: safe in any URL and any file system."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "episode"
