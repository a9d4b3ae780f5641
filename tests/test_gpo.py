"""End to end with a real podcast client: gPodder's ``gpo`` subscribes, updates and downloads from
``audionews serve`` (the real app under uvicorn).

``gpo`` exits 0 even when it fails, so the test reads its output and compares the files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import requests
from lxml import etree

from audionews.feed.catalog import Catalog
from audionews.feed.rss import PODCAST_NS
from conftest import invoke

GPO = shutil.which("gpo")


def gpo(home: Path, *args: str) -> str:
    env = {**os.environ, "HOME": str(home), "GPODDER_HOME": str(home / "gpodder"),
           "GPODDER_DOWNLOAD_DIR": str(home / "downloads")}
    result = subprocess.run([GPO, *args], env=env, capture_output=True, text=True, timeout=120)
    return result.stdout + result.stderr


@pytest.mark.skipif(GPO is None, reason="gPodder's gpo is not installed (.ci/run installs the Debian package)")
def test_gpo_downloads_byte_identical_episodes(feed_copy: Path, serve_app, tmp_path: Path) -> None:
    folder = feed_copy / "ledger"
    server = serve_app(folder / "public")
    settings = folder / "feed.toml"
    settings.write_text(settings.read_text().replace("http://127.0.0.1:9/", server.url()))
    assert invoke(feed_copy, "build").exit_code == 0

    home = tmp_path / "gpo-home"
    (home / "gpodder").mkdir(parents=True)
    (home / "downloads").mkdir()
    out = gpo(home, "subscribe", server.url("feed.xml"))
    assert "Successfully added" in out, out
    out = gpo(home, "update")
    assert "3 new episodes" in out, out
    out = gpo(home, "download")
    assert "3 episodes downloaded" in out, out

    with Catalog(folder / "catalog.sqlite3") as catalog:
        records = catalog.all()
    assert len(records) == 3
    downloaded = {p.name: p for p in (home / "downloads").rglob("*.mp3")}
    assert len(downloaded) == 3
    for record in records:
        original = folder / "public" / record.audio
        assert downloaded[original.name].read_bytes() == original.read_bytes()

    # every transcript and chapters file the feed names resolves, with its media type
    feed = etree.parse(str(folder / "public" / "feed.xml"))
    linked = [(e.get("url"), e.get("type")) for e in feed.iter(f"{{{PODCAST_NS}}}transcript", f"{{{PODCAST_NS}}}chapters")]
    assert len(linked) == 4 * len(records)
    for url, kind in linked:
        response = requests.get(url, timeout=30)
        assert response.status_code == 200, url
        assert response.headers["content-type"].split(";")[0] == kind
        assert response.content.strip()
