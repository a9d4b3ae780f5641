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
from dataclasses import asdict, dataclass, field
from pathlib import Path

import tomli_w

from audionews.errors import ConfigError, FeedError
from audionews.feed.artwork import check_artwork
from audionews.feed.categories import check_category
from audionews.feed.schema import (
    Rule,
    between,
    check_fields,
    check_keys,
    email,
    http_url,
    language_tag,
    relative_path,
    required,
    shown,
)
from audionews.files import write_atomic
from audionews.model import MAX_SPEED, MIN_SPEED, Voice
from audionews.toml import read_toml

__all__ = ["DEFAULT_FEED", "LEXICON_FILE", "MAX_CACHE_MB", "FeedFolder", "FeedSettings", "create_feed", "feed_folder",
           "find_feed"]

DEFAULT_FEED = "default"
LEXICON_FILE = "lexicon.toml"
"""A feed's pronunciations, when ``feed.toml`` names no other file."""
MAX_CACHE_MB = 1_000_000
"""The largest ``cache_mb``: a terabyte of sentences."""
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,62}")
"""A feed's name, and its folder's: safe in any file system and any URL, and never a path."""


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
    """The engine's voice for the feed's language ("" for the engine's default)."""
    speed: float = 1.0
    voices: dict[str, str] = field(default_factory=dict)
    """``[voices]``: a voice per article language, e.g. ``fr = "ff_siwis"`` (the feed's engine) or
    ``de = "gtts:"`` (another engine, its default voice); other languages get an installed default."""
    cache_mb: int = 500
    """Size limit of the feed's cache of synthesized sentences; least recently used go first."""
    lexicon: str = ""
    """A pronunciation lexicon, relative to the feed folder; empty for ``lexicon.toml`` if it exists."""
    allow_private_addresses: bool = True
    """Fetch from loopback and private-network addresses: true on one's own machine; false for a
    service that fetches what others name, so no page or feed can reach the machine's own network."""
    disclosure: bool = True
    """End each episode with a sentence, in the article's language, saying that a synthetic voice read it."""

    def __post_init__(self) -> None:
        check_fields(self, _RULES, multiline=("description",))

    def copyright_notice(self, year: int) -> str:
        return self.copyright.strip() or f"© {year} {self.author}"

    def voice_settings(self) -> Voice:
        return Voice(engine=self.engine, voice=self.voice, speed=float(self.speed), language=self.language)

    def url(self, path: str) -> str:
        """The absolute URL of a file under ``public/``."""
        return self.base_url.rstrip("/") + "/" + path.lstrip("/")

    @classmethod
    def from_toml(cls, text: str, where: str) -> FeedSettings:
        """The settings ``text`` holds, checked against the schema; ``where`` names the file in the error."""
        data = read_toml(text, where)
        try:
            check_keys(data, cls)
            return cls(**data)
        except ConfigError as exc:
            raise ConfigError(exc.reason, where) from exc

    def to_toml(self) -> str:
        data = asdict(self)
        if not data["voices"]:  # no empty [voices] header: a line an editor adds at the end would land in it
            del data["voices"]
        return tomli_w.dumps(data)


def _category(key: str, value: str) -> str | None:
    try:
        check_category(value)
    except ConfigError as exc:
        return exc.reason
    return None


def _voice_table(key: str, value: dict[str, str]) -> str | None:
    for language, voice in value.items():
        problem = language_tag(f"a {key} key", language) or required(f"{key}.{language}", voice)
        if problem:
            return problem
    return None


_RULES: dict[str, tuple[Rule, ...]] = {
    "title": (required,), "author": (required,), "email": (required, email), "base_url": (required, http_url),
    "language": (language_tag,), "category": (_category,), "engine": (required,),
    "speed": (between(MIN_SPEED, MAX_SPEED),), "cache_mb": (between(0, MAX_CACHE_MB),),
    "artwork": (relative_path,), "lexicon": (relative_path,), "voices": (_voice_table,),
}
"""Each setting's rules beyond its type (every string is also checked for control characters)."""


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
        """``feed.toml``, checked whole (the schema, then the files it names) before anything uses it."""
        where = str(self.settings_path)
        try:
            text = self.settings_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise FeedError("no feed.toml (create the feed with 'audionews init')", str(self.root)) from None
        except UnicodeDecodeError as exc:
            raise ConfigError(f"is not UTF-8 text (byte {exc.start + 1})", where) from None
        except OSError as exc:
            raise ConfigError(f"cannot be read ({exc.strerror or exc})", where) from None
        settings = FeedSettings.from_toml(text, where)
        if settings.artwork:
            check_artwork(self.inside(settings.artwork, "artwork"), settings.artwork, where)
        if settings.lexicon:
            self.inside(settings.lexicon, "lexicon")
        return settings

    def lexicon_file(self, settings: FeedSettings) -> tuple[Path, bool]:
        """The feed's lexicon file and whether it must exist: the file ``feed.toml`` names, else
        ``lexicon.toml`` if present."""
        return self.inside(settings.lexicon or LEXICON_FILE, "lexicon"), bool(settings.lexicon)

    def inside(self, name: str, key: str) -> Path:
        """The file ``name`` (a setting, relative to the feed folder) with symbolic links followed; a
        ConfigError naming ``key`` when it leads out of the folder, where the feed must not read or publish."""
        where = str(self.settings_path)
        problem = relative_path(key, name)
        if problem:
            raise ConfigError(problem, where)
        try:
            root = self.root.resolve()
            path = (root / name).resolve()
        except (OSError, RuntimeError):  # RuntimeError: a loop of symbolic links, before Python 3.13
            raise ConfigError(f"{key} {shown(name)} cannot be followed (a loop of symbolic links, or a folder "
                              "that cannot be read)", where) from None
        if path == root or not path.is_relative_to(root):
            raise ConfigError(f"{key} {shown(name)} leads outside the feed folder", where)
        return path


def feed_folder(feeds_dir: Path, name: str) -> FeedFolder:
    """The folder of the feed ``name``: always directly in ``feeds_dir``, so a name is never a path
    (``init`` and ``--feed`` both come here)."""
    if not _NAME.fullmatch(name):
        raise ConfigError(f"feed name {shown(name)}: use 1 to 63 lower-case letters, digits, '-' and '_', "
                          "starting with a letter or digit")
    return FeedFolder(feeds_dir / name)


def create_feed(feeds_dir: Path, name: str, settings: FeedSettings, overwrite: bool = False) -> FeedFolder:
    folder = feed_folder(feeds_dir, name)
    try:
        if folder.settings_path.exists() and not overwrite:
            raise FeedError("feed already exists", str(folder.root))
        folder.root.mkdir(parents=True, exist_ok=True)
        write_atomic(folder.settings_path, settings.to_toml().encode("utf-8"))
    except OSError as exc:
        raise FeedError(f"cannot create the feed ({exc.strerror or exc})", str(folder.root)) from None
    return folder


def find_feed(feeds_dir: Path, name: str | None, create_default: bool = False) -> FeedFolder:
    """The named feed; or the only feed; or, for publish, a new ``default`` feed when there is none."""
    try:
        if name is not None:
            folder = feed_folder(feeds_dir, name)
            if not folder.settings_path.is_file():
                raise FeedError(f"no feed named {name!r}", str(feeds_dir))
            return folder
        existing = sorted(p.parent.name for p in feeds_dir.glob("*/feed.toml")) if feeds_dir.is_dir() else []
    except OSError as exc:
        raise FeedError(f"cannot read the feeds folder ({exc.strerror or exc})", str(feeds_dir)) from None
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
