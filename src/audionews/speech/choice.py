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
from audionews.speech.store import KOKORO_LANGUAGES, ROUGH_LANGUAGES

__all__ = ["KOKORO_READS", "choose_voice", "language_tag", "same_language"]

KOKORO_READS = frozenset(tag.split("-")[0] for prefix, (tag, *_) in KOKORO_LANGUAGES.items()
                         if prefix not in ROUGH_LANGUAGES)
"""The languages Kokoro's published voices read well enough to be chosen unasked, so the error can say
whether installing them helps."""


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
    if primary in KOKORO_READS:
        how = "install Kokoro's voices (pip install 'audionews[kokoro]', then audionews voices install kokoro)"
    else:
        how = (f"name a voice for it in feed.toml's [voices] table: a piper voice file ({primary} = "
               f"\"piper:/path/to/voice.onnx\") or Google's online voice ({primary} = \"gtts:\")")
    raise ConfigError(f"no installed voice reads the article's language ({tag}): {how}")


def _from_table(feed_voice: Voice, tag: str, by_language: Mapping[str, str]) -> Voice | None:
    """The ``[voices]`` entry for ``tag`` (or its primary language): "engine:" is that engine's voice for
    the language, "engine:voice" and "voice" that voice (a bare name is looked for in the feed's engine
    first, then in every engine). A listed voice of another language is refused: it would read the
    article in the wrong accent, or not at all."""
    table = {language_tag(key): value for key, value in by_language.items()}
    key = tag if tag in table else _primary(tag)
    named = table.get(key)
    if not named:
        return None
    where = f"feed.toml's [voices] {key} = {named!r}"
    engine, _, voice = named.partition(":")
    if engine in available() and not voice:  # "gtts:", "kokoro:": the engine's voice for the language
        found = _default_for(engine, tag, wildcard=True, named=True)
        if found is None:
            raise ConfigError(f"{where}: {engine} has no installed voice for {tag}")
        return Voice(engine, found.name, feed_voice.speed, tag)
    if engine not in available():  # a bare voice name, or a voice file path holding a colon
        engine, voice = _engine_of(named, feed_voice.engine), named
    listed = [v.language for v in installed_voices(engine) if v.name == voice]
    if listed and not any(same_language(language, tag) for language in listed):
        raise ConfigError(f"{where}: that voice reads {listed[0]}, not {tag}")
    return Voice(engine, voice, feed_voice.speed, tag)


def _engine_of(name: str, feed_engine: str) -> str:
    """The engine that lists a voice called ``name``: the feed's, else the first that does, else the feed's
    (a voice file, which its engine checks)."""
    for engine in [feed_engine, *available()]:
        if any(v.name == name for v in installed_voices(engine)):
            return engine
    return feed_engine


def _language_of(voice: Voice) -> str:
    """The language ``voice`` reads, as its engine lists it; a voice no list knows (a voice file
    the editor named) reads the feed's language, which the editor chose it for."""
    for known in installed_voices(voice.engine):
        if known.name == voice.voice:
            return known.language
    return voice.language


def _default_for(engine: str, tag: str, wildcard: bool, named: bool = False) -> InstalledVoice | None:
    """``engine``'s voice for ``tag``: one of exactly that region first, then the language's first (a voice
    too rough to choose unasked only when the feed ``named`` the engine for the language)."""
    voices = [v for v in installed_voices(engine) if (v.automatic or named)
              and (wildcard or v.language != ANY_LANGUAGE) and same_language(v.language, tag)]
    exact = [v for v in voices if v.language == tag]
    return next(iter(exact or voices), None)
