"""Which voice reads an article: one that speaks the article's language, or none.

An English voice reading French is not a reading a listener can follow, so a voice is chosen
for each article's language (the feed's ``[voices]`` table, then the feed's own voice, then each
installed engine's default for that language) and an article no installed voice speaks fails
with one line saying how to get one. An online engine (gtts) is never chosen unless the feed chose
it: the article would be sent to a service the editor did not pick.
"""

from __future__ import annotations

from collections.abc import Mapping

from audionews.errors import ConfigError
from audionews.model import Voice
from audionews.speech.engines import ANY_LANGUAGE, InstalledVoice, available, installed_voices

__all__ = ["KOKORO_LANGUAGES", "choose_voice", "language_tag", "same_language"]

KOKORO_LANGUAGES = frozenset({"en", "es", "fr", "it", "pt", "hi"})
"""The languages Kokoro's published voices read well enough to be chosen, so the error can say whether
installing them helps (its Japanese and Mandarin voices are only used where named: see kokoro.py)."""


def language_tag(language: str) -> str:
    """A language tag as voices are listed: lower case, hyphens ("pt_BR" → "pt-br")."""
    return language.strip().replace("_", "-").lower()


def _primary(tag: str) -> str:
    return tag.split("-", 1)[0]


def same_language(voice_language: str, article_language: str) -> bool:
    """Whether a voice of ``voice_language`` reads ``article_language`` (a regional voice reads its whole language)."""
    if voice_language == ANY_LANGUAGE:
        return True
    return _primary(language_tag(voice_language)) == _primary(language_tag(article_language))


def choose_voice(feed_voice: Voice, language: str, by_language: Mapping[str, str] | None = None) -> Voice:
    """The voice for an article in ``language``, given the feed's own voice (whose ``language`` is the
    feed's) and its ``[voices]`` table (language → "voice" of the feed's engine, or "engine:voice")."""
    tag = language_tag(language or feed_voice.language)
    chosen = _from_table(feed_voice, tag, by_language or {})
    if chosen:
        return chosen
    if same_language(_language_of(feed_voice), tag):
        return Voice(feed_voice.engine, feed_voice.voice, feed_voice.speed, tag)
    own = _default_for(feed_voice.engine, tag, wildcard=True)
    if own is not None:
        return Voice(own.engine, own.name, feed_voice.speed, tag)
    for engine in available():
        if engine != feed_voice.engine:
            other = _default_for(engine, tag, wildcard=False)
            if other is not None and other.offline:
                return Voice(other.engine, other.name, feed_voice.speed, tag)
    primary = _primary(tag)
    if primary in KOKORO_LANGUAGES:
        how = "install Kokoro's voices (pip install 'audionews[kokoro]', then audionews voices install kokoro)"
    else:
        how = (f"name a voice for it in feed.toml's [voices] table: a piper voice file ({primary} = "
               f"\"piper:voices/{primary}.onnx\") or Google's online voice ({primary} = \"gtts:\")")
    raise ConfigError(f"no installed voice reads the article's language ({tag}): {how}")


def _from_table(feed_voice: Voice, tag: str, by_language: Mapping[str, str]) -> Voice | None:
    table = {language_tag(key): value for key, value in by_language.items()}
    named = table.get(tag) or table.get(_primary(tag))
    if not named:
        return None
    engine, _, voice = named.partition(":")
    if engine not in available():  # "ff_siwis" (the feed's engine), or a voice file path holding a colon
        engine, voice = feed_voice.engine, named
    return Voice(engine, voice, feed_voice.speed, tag)


def _language_of(voice: Voice) -> str:
    """The language ``voice`` reads, as its engine lists it; a voice no list knows (a voice file
    the editor named) reads the feed's language, which the editor chose it for."""
    for known in installed_voices(voice.engine):
        if known.name == voice.voice:
            return known.language
    return voice.language


def _default_for(engine: str, tag: str, wildcard: bool) -> InstalledVoice | None:
    """``engine``'s voice for ``tag``: one of exactly that region first, then the language's first."""
    voices = [v for v in installed_voices(engine)
              if v.automatic and (wildcard or v.language != ANY_LANGUAGE) and same_language(v.language, tag)]
    exact = [v for v in voices if v.language == tag]
    return next(iter(exact or voices), None)
