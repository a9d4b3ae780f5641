"""A voice per article language: never an English voice for a French article, and one line when
no installed voice speaks the article's language.

The engines here are registered for the test in the real registry (``register``), each with the
voices it lists; they speak with the silent engine's audio, so a publish runs for real (extraction,
ffmpeg, SQLite, the feed) without loading a neural voice.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audionews.errors import ConfigError
from audionews.feed.catalog import Catalog
from audionews.model import Voice
from audionews.pipeline import clean
from audionews.script import disclose, make_script
from audionews.speech.choice import choose_voice, same_language
from audionews.speech.engines import ANY_LANGUAGE, InstalledVoice, base, installed_voices
from audionews.speech.engines.silent import SilentEngine

from conftest import examples, init_feed, invoke, scaled

ENGLISH_ONLY = "englishonly"
MANY = "manyvoices"
ONLINE = "onlineonly"
VOICES = {
    ENGLISH_ONLY: [InstalledVoice(ENGLISH_ONLY, "", "en-us", "American English (test)")],
    MANY: [InstalledVoice(MANY, "us", "en-us", "American English"), InstalledVoice(MANY, "gb", "en-gb", "British"),
           InstalledVoice(MANY, "fr1", "fr", "French, first"), InstalledVoice(MANY, "fr2", "fr", "French, second"),
           InstalledVoice(MANY, "br", "pt-br", "Brazilian Portuguese"), InstalledVoice(MANY, "es", "es", "Spanish"),
           InstalledVoice(MANY, "ja1", "ja", "Japanese, read roughly", automatic=False)],
    ONLINE: [InstalledVoice(ONLINE, "", "de", "German (online)", offline=False),
             InstalledVoice(ONLINE, "", "fr", "French (online)", offline=False)],
}


class _Speaking(SilentEngine):
    """The silent engine's audio under another name: which voice read what is in its identity."""

    def __init__(self, voice: Voice) -> None:
        super().__init__(Voice("silent", "", voice.speed, voice.language))
        self.voice = voice
        self.name = voice.engine

    @property
    def identity(self) -> str:
        return f"{self.voice.engine}:{self.voice.voice}:{self.voice.language}:{self.speed:g}"


@pytest.fixture
def engines(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, list[InstalledVoice]]]:
    """The test engines in the registry, beside the real ones (piper, gtts, silent)."""
    for name, voices in VOICES.items():
        monkeypatch.setitem(base._REGISTRY, name, lambda voice, threads: _Speaking(voice))
        monkeypatch.setitem(base._VOICES, name, lambda voices=voices: list(voices))
    yield VOICES


def _reads(voice: Voice, language: str) -> bool:
    """Whether the chosen voice is one its engine lists for ``language`` (gtts lists one nameless voice a language)."""
    listed = [v.language for v in installed_voices(voice.engine) if v.name == voice.voice]
    assert listed, f"{voice} is not an installed voice"
    return any(same_language(reads, language) for reads in listed)


# -- the choice, example by example ----------------------------------------------------------------

def test_the_feed_voice_reads_its_own_language_and_its_regions(engines) -> None:
    feed = Voice(MANY, "us", 1.2, "en")
    assert choose_voice(feed, "en") == Voice(MANY, "us", 1.2, "en")
    assert choose_voice(feed, "en-GB") == Voice(MANY, "us", 1.2, "en-gb")  # the editor's voice, not a default


def test_another_language_gets_the_engines_default_for_it(engines) -> None:
    feed = Voice(MANY, "us", 1.5, "en")
    assert choose_voice(feed, "fr") == Voice(MANY, "fr1", 1.5, "fr")  # the first French voice listed
    assert choose_voice(feed, "pt") == Voice(MANY, "br", 1.5, "pt")
    assert choose_voice(feed, "pt_BR") == Voice(MANY, "br", 1.5, "pt-br")


def test_the_exact_region_is_preferred(engines) -> None:
    assert choose_voice(Voice(MANY, "fr1", 1.0, "fr"), "en-GB").voice == "gb"
    assert choose_voice(Voice(MANY, "fr1", 1.0, "fr"), "en-us").voice == "us"


def test_another_installed_offline_engine_reads_what_the_feeds_cannot(engines) -> None:
    assert choose_voice(Voice(ENGLISH_ONLY, "", 1.0, "en"), "es") == Voice(MANY, "es", 1.0, "es")


def test_an_online_engine_is_never_chosen_unless_the_feed_chose_it(engines) -> None:
    with pytest.raises(ConfigError) as refused:
        choose_voice(Voice(ENGLISH_ONLY, "", 1.0, "en"), "de")
    assert "(de)" in refused.value.reason and "[voices]" in refused.value.reason
    assert choose_voice(Voice(ONLINE, "", 1.0, "fr"), "de") == Voice(ONLINE, "", 1.0, "de")


def test_the_voices_table_comes_first(engines) -> None:
    feed = Voice(MANY, "us", 1.0, "en")
    table = {"fr": "fr2", "de": f"{ONLINE}:", "pt-BR": f"{MANY}:br", "es-MX": "es"}
    assert choose_voice(feed, "fr-CA", table) == Voice(MANY, "fr2", 1.0, "fr-ca")  # the language's entry
    assert choose_voice(feed, "de", table) == Voice(ONLINE, "", 1.0, "de")  # another engine, its default
    assert choose_voice(feed, "pt-br", table) == Voice(MANY, "br", 1.0, "pt-br")
    assert choose_voice(feed, "es", table) == Voice(MANY, "es", 1.0, "es")  # es-MX's entry is not es's
    assert choose_voice(Voice("piper", "", 1.0, "en"), "de", {"de": "piper:voices/de:thorsten.onnx"}) == \
        Voice("piper", "voices/de:thorsten.onnx", 1.0, "de")


def test_a_table_entry_never_gives_a_voice_of_another_language(engines) -> None:
    feed = Voice(ENGLISH_ONLY, "", 1.0, "en")
    assert choose_voice(feed, "fr", {"fr": "fr2"}) == Voice(MANY, "fr2", 1.0, "fr")  # a bare name, another engine
    with pytest.raises(ConfigError, match=r"\[voices\] fr = 'us': that voice reads en-us, not fr"):
        choose_voice(feed, "fr", {"fr": "us"})
    with pytest.raises(ConfigError, match=f"{ENGLISH_ONLY} has no installed voice for fr"):
        choose_voice(feed, "fr", {"fr": f"{ENGLISH_ONLY}:"})  # "engine:" is its voice for the language, or none
    with pytest.raises(ConfigError, match="piper has no installed voice for fr"):
        choose_voice(Voice(MANY, "us", 1.0, "en"), "fr", {"fr": "piper:"})
    assert choose_voice(feed, "ja", {"ja": f"{MANY}:"}) == Voice(MANY, "ja1", 1.0, "ja")  # named: rough is allowed


def test_a_voice_file_the_editor_named_reads_the_feeds_language(engines) -> None:
    feed = Voice("piper", "voices/fr_FR-siwis-medium.onnx", 1.0, "fr")
    assert choose_voice(feed, "fr").voice == "voices/fr_FR-siwis-medium.onnx"
    assert choose_voice(feed, "en").engine == "piper" and choose_voice(feed, "en").voice == ""  # piper's bundled


def test_a_voice_too_rough_to_choose_reads_only_where_named(engines) -> None:
    with pytest.raises(ConfigError):
        choose_voice(Voice(MANY, "us", 1.0, "en"), "ja")
    assert choose_voice(Voice(MANY, "us", 1.0, "en"), "ja", {"ja": "ja1"}) == Voice(MANY, "ja1", 1.0, "ja")


def test_the_silent_engine_reads_every_language_but_is_never_a_fallback(engines) -> None:
    assert choose_voice(Voice("silent", "", 1.0, "en"), "ja") == Voice("silent", "", 1.0, "ja")
    with pytest.raises(ConfigError):
        choose_voice(Voice(ENGLISH_ONLY, "", 1.0, "en"), "ja")


# -- the class: any language, any installed voices ---------------------------------------------------

TAGS = st.one_of(
    st.sampled_from(["en", "en-us", "en-GB", "fr", "fr-CA", "FR", "de", "de-AT", "es", "es_MX", "pt", "pt-BR", "it",
                     "ja", "zh", "zh-Hans", "hi", "ru", "sv", "ar", "nl"]),
    st.from_regex(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?", fullmatch=True),
)


def test_any_article_gets_a_voice_of_its_language_or_one_config_error(engines) -> None:
    counts = {"chosen": 0, "refused": 0}

    @settings(max_examples=examples(300), deadline=None, database=None)
    @given(language=TAGS, feed=st.sampled_from([ENGLISH_ONLY, MANY, ONLINE, "silent", "piper", "gtts"]),
           feed_language=st.sampled_from(["en", "fr", "de"]))
    def check(language: str, feed: str, feed_language: str) -> None:
        tag = language.lower().replace("_", "-")
        try:
            chosen = choose_voice(Voice(feed, "", 1.0, feed_language), language)
        except ConfigError as exc:
            assert "\n" not in exc.reason and f"({tag})" in exc.reason
            offline = [v for v in installed_voices() if v.offline and v.automatic and v.language != ANY_LANGUAGE]
            assert not any(same_language(v.language, language) for v in offline)  # none could have read it
            counts["refused"] += 1
            return
        assert chosen.speed == 1.0 and chosen.language == tag
        if not any(v.name == chosen.voice for v in installed_voices(chosen.engine)):
            # a voice its engine does not list (a voice file the editor named): it reads the feed's language
            assert (chosen.engine, chosen.voice) == (feed, "") and same_language(feed_language, language)
        else:
            assert _reads(chosen, language)  # never a voice of another language
        if chosen.engine != feed:
            assert all(v.offline for v in installed_voices(chosen.engine))  # another engine only if offline
        counts["chosen"] += 1

    check()
    # chosen in about one example of five (6 to 30 of the quick run's 75 over 200 seeds): claim 4 of 75, 15 of 300
    assert counts["chosen"] >= scaled(15, of=300) and counts["refused"] >= scaled(30, of=300), counts


# -- through publish: the article no voice reads fails alone, with one line ------------------------------

FRENCH = """<!doctype html><html lang="fr"><head><title>Le marché de nuit revient</title></head><body><article>
<h1>Le marché de nuit revient au vieux dépôt de tramways</h1>
<p>Le marché de nuit rouvre ses portes vendredi soir dans le vieux dépôt de tramways, après deux ans de travaux.
Les organisateurs attendent plus de trois mille visiteurs chaque semaine jusqu'à la fin de l'été.</p>
<p>Les commerçants du quartier disent que le marché a changé la vie de la rue, et que les familles reviennent
le soir pour manger, écouter de la musique et se promener sous les lampions.</p>
</article></body></html>"""

ENGLISH = """<!doctype html><html lang="en"><head><title>The night market is back</title></head><body><article>
<h1>The night market is back at the old tram depot</h1>
<p>The night market opens its doors again on Friday evening in the old tram depot, after two years of work.
The organisers expect more than three thousand visitors every week until the end of the summer.</p>
<p>Traders in the neighbourhood say the market has changed the life of the street, and that families come back
in the evening to eat, listen to music and walk under the lanterns.</p>
</article></body></html>"""


def test_an_article_no_voice_reads_fails_alone_and_the_others_go_on(engines, tmp_path: Path) -> None:
    feeds = tmp_path / "feeds"
    _feed(feeds, ENGLISH_ONLY)
    french, english = tmp_path / "marche.html", tmp_path / "market.html"
    french.write_text(FRENCH, encoding="utf-8")
    english.write_text(ENGLISH, encoding="utf-8")
    monkey = pytest.MonkeyPatch()
    monkey.delitem(base._REGISTRY, MANY)  # no installed engine reads French now
    monkey.delitem(base._VOICES, MANY)
    try:
        result = invoke(feeds, "publish", "-q", str(french), str(english))
    finally:
        monkey.undo()
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {french}: no installed voice reads the article's "
                                                   "language (fr): install Kokoro's voices"), result.stderr
    episodes = invoke(feeds, "episodes", "--json")
    assert episodes.exit_code == 0
    assert "night market" in episodes.stdout.lower() and "marché" not in episodes.stdout
    assert not [p for p in (feeds / "ledger" / "public" / "episodes").iterdir() if "marche" in p.name]


def test_a_french_article_is_read_by_a_french_voice(engines, tmp_path: Path) -> None:
    feeds = tmp_path / "feeds"
    _feed(feeds, ENGLISH_ONLY)
    settings_file = feeds / "ledger" / "feed.toml"
    settings_file.write_text(settings_file.read_text() + '\n[voices]\nfr = "manyvoices:fr2"\n')
    french = tmp_path / "marche.html"
    french.write_text(FRENCH, encoding="utf-8")
    result = invoke(feeds, "publish", "-q", str(french))
    assert result.exit_code == 0, result.stderr
    with Catalog(feeds / "ledger" / "catalog.sqlite3") as catalog:
        (record,) = catalog.all()
    assert record.language == "fr"
    # as published: the French disclosure, naming the test engine's voice (the silent engine's), ends it
    script = disclose(dataclasses.replace(make_script(clean(str(french)), "en"), reader="Silent"))
    assert script.segments[-1].text == "Cet article a été lu par Silent, une voix de synthèse."
    assert record.fingerprint == script.fingerprint(f"{MANY}:fr2:fr:1")  # the French voice spoke it
    assert record.fingerprint != script.fingerprint(f"{ENGLISH_ONLY}::fr:1")


def _feed(feeds: Path, engine: str) -> None:
    init_feed(feeds, "ledger", "https://example.org/pod/")  # init offers the engines registered at import
    settings_file = feeds / "ledger" / "feed.toml"
    settings_file.write_text(settings_file.read_text().replace('engine = "silent"', f'engine = "{engine}"'))
