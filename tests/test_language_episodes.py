"""A French and a Spanish article published in a feed that never named a voice for them: each is read by
the installed Kokoro voice of its language, with the frame (credit line, date, numbers) in its language,
while the feed's own voice (piper, the default) reads nothing it cannot; with no Kokoro installed, the same
articles are refused with one line and nothing is published.

Real parts: the Kokoro model installed from the test extra's packages and kokoro-js's voices, extraction,
ffmpeg, SQLite, the feed as gPodder's parser reads it.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import podcastparser
import pytest

from audionews.feed.catalog import Catalog
from audionews.pipeline import clean
from audionews.script import disclose, make_script
from audionews.speech.engines import Voice, get_engine

from conftest import decoded_seconds, init_feed, invoke

ARTICLES = {
    "fr": ("""<!doctype html><html lang="fr"><head><title>Un parc éolien en mer pour la ville</title>
<meta name="author" content="Claire Dubois"><meta property="article:published_time" content="2025-03-12T09:00:00+01:00">
</head><body><article><h1>La ville votera pour un parc éolien en mer</h1>
<p>Le conseil municipal a voté mercredi un projet de parc éolien en mer qui coûtera 1,2 milliard d'euros.
Les travaux commenceront au printemps prochain, si l'État donne son accord.</p>
<p>Selon M. Martin, le maire, le parc fournira de l'électricité à 21 000 foyers dès 2028.</p>
</article></body></html>""", "ff_siwis", "Par Claire Dubois"),
    "es": ("""<!doctype html><html lang="es"><head><title>La ciudad votará un parque eólico marino</title>
<meta name="author" content="Ana Ruiz"><meta property="article:published_time" content="2025-04-04T09:00:00+02:00">
</head><body><article><h1>La ciudad aprueba su primer parque eólico marino</h1>
<p>El ayuntamiento aprobó el miércoles un parque eólico marino que costará 1,2 millones de euros.
Las obras empezarán la próxima primavera, si el Gobierno da su permiso.</p>
<p>Según la Sra. García, la alcaldesa, el parque dará electricidad a 21.000 hogares a partir de 2028.</p>
</article></body></html>""", "ef_dora", "Por Ana Ruiz"),
}


def _publish(tmp_path: Path, languages: list[str]):
    feeds = tmp_path / "feeds"
    init_feed(feeds, "ledger", "https://example.org/pod/", engine="piper")  # the default a newcomer gets
    sources = []
    for language in languages:
        page = tmp_path / f"article-{language}.html"
        page.write_text(ARTICLES[language][0], encoding="utf-8")
        sources.append(str(page))
    return feeds, sources, invoke(feeds, "publish", "-q", *sources)


@pytest.mark.slow
def test_french_and_spanish_articles_are_read_by_their_own_voices(kokoro_installed: Path, tmp_path: Path) -> None:
    feeds, sources, result = _publish(tmp_path, ["fr", "es"])
    assert result.exit_code == 0, result.stderr
    with Catalog(feeds / "ledger" / "catalog.sqlite3") as catalog:
        records = {record.language: record for record in catalog.all()}
    assert set(records) == {"fr", "es"}
    for (language, (_, voice, credit)), source in zip(ARTICLES.items(), sources):
        record = records[language]
        script = make_script(clean(source), "en")
        assert script.language == language
        spoken = " ".join(s.spoken for segment in script.segments for s in segment.sentences)
        assert credit in spoken and "1, 2" not in spoken and "By " not in spoken  # the frame in its language
        kokoro = get_engine(Voice("kokoro", voice, 1.0, language))
        published = disclose(dataclasses.replace(script, reader=kokoro.reader))  # as the feed publishes it
        assert record.fingerprint == published.fingerprint(kokoro.identity)  # its language's Kokoro voice read it
        episode = feeds / "ledger" / "public" / record.audio
        assert decoded_seconds(episode) == pytest.approx(record.duration, abs=0.1)
        words = len(spoken.split())
        assert 0.15 < record.duration / words < 0.8  # seconds a word: speech, not silence or a clipped reading
        transcript = episode.with_suffix(".txt").read_text(encoding="utf-8")
        assert credit in transcript
    parsed = podcastparser.parse("https://example.org/pod/feed.xml",
                                 (feeds / "ledger" / "public" / "feed.xml").open("rb"))
    assert len(parsed["episodes"]) == 2


def test_without_kokoro_the_same_articles_are_refused_one_line_each(tmp_path: Path) -> None:
    """No voice installed (conftest's empty voice folder): piper reads only English, so neither is published."""
    feeds, sources, result = _publish(tmp_path, ["fr", "es"])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines == [f"Error: {sources[0]}: no installed voice reads the article's language (fr): install Kokoro's "
                     "voices (pip install 'audionews[kokoro]', then audionews voices install kokoro)",
                     f"Error: {sources[1]}: no installed voice reads the article's language (es): install Kokoro's "
                     "voices (pip install 'audionews[kokoro]', then audionews voices install kokoro)"]
    assert not (feeds / "ledger" / "public" / "episodes").exists() or \
        not list((feeds / "ledger" / "public" / "episodes").iterdir())
