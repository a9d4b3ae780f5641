"""The command line as a user meets it: init, publish, episodes, speak, help and docs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from mutagen.mp3 import MP3

from audionews.cli import cli
from audionews.toml import tomllib
from conftest import EXAMPLES, FIXTURES, ROOT, invoke, src_env


def test_init_writes_feed_toml(tmp_path: Path) -> None:
    result = invoke(tmp_path, "init", "harbor", "--title", "Harbor, read aloud", "--author", "Harbor Ledger",
                    "--email", "editor@example.org", "--base-url", "https://example.org/podcast/", "--language", "en")
    assert result.exit_code == 0, result.stderr
    settings = tomllib.loads((tmp_path / "harbor" / "feed.toml").read_text())
    assert settings["title"] == "Harbor, read aloud"
    assert settings["base_url"] == "https://example.org/podcast/"
    again = invoke(tmp_path, "init", "harbor", "--title", "x", "--author", "x", "--email", "a@b.c",
                   "--base-url", "https://example.org/")
    assert again.exit_code == 1
    assert "feed already exists" in again.stderr


def test_feeds_dir_from_environment(tmp_path: Path, monkeypatch) -> None:
    from click.testing import CliRunner

    monkeypatch.setenv("AUDIONEWS_FEEDS", str(tmp_path / "elsewhere"))
    result = CliRunner().invoke(cli, ["init", "x", "--title", "T", "--author", "A", "--email", "a@b.c",
                                      "--base-url", "https://example.org/"])
    assert result.exit_code == 0
    assert (tmp_path / "elsewhere" / "x" / "feed.toml").is_file()


def test_several_feeds_need_a_name(tmp_path: Path) -> None:
    for name in ("one", "two"):
        invoke(tmp_path, "init", name, "--title", "T", "--author", "A", "--email", "a@b.c",
               "--base-url", "https://example.org/")
    result = invoke(tmp_path, "episodes")
    assert result.exit_code == 1
    assert "several feeds (one, two): choose one with --feed" in result.stderr
    assert invoke(tmp_path, "episodes", "--feed", "two").exit_code == 0


def test_publish_prints_one_plain_line_per_episode(published_feed: Path) -> None:
    result = invoke(published_feed, "episodes")
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert all(re.match(r"^urn:uuid:[0-9a-f-]{36}  .+ \(\d+:\d\d\)$", line) for line in lines)
    records = [json.loads(line) for line in invoke(published_feed, "episodes", "--json").stdout.splitlines()]
    assert {r["byline"] for r in records} == {"Maria Okafor and Tom Lindqvist", "Priya Raman and Daniel Osei",
                                              "Jun Park"}


def test_speak_writes_one_mp3_without_a_feed(tmp_path: Path) -> None:
    out = tmp_path / "listen.mp3"
    result = invoke(tmp_path / "feeds", "speak", str(EXAMPLES / "library-late-fees.txt"), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert MP3(out).info.length > 30
    assert not (tmp_path / "feeds").exists()
    progress = result.stderr.splitlines()
    assert progress[0].endswith(": reading")
    assert any(re.search(r"speaking segment 1 of \d+$", line) for line in progress)
    assert all("\r" not in line and "\x1b" not in line for line in progress)  # plain lines, no redraws or colour


def test_speed_outside_range_is_refused(tmp_path: Path) -> None:
    result = invoke(tmp_path, "speak", str(EXAMPLES / "library-late-fees.txt"), "-o", str(tmp_path / "x.mp3"),
                    "--speed", "4")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: speed 4.0 is outside 0.5 to 3.0"


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help_an_example_and_a_readme_mention(command: str) -> None:
    result = invoke(Path("feeds"), command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout
    assert f"audionews {command}" in (ROOT / "README.md").read_text()


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_option_is_in_the_readme(command: str) -> None:
    readme = (ROOT / "README.md").read_text()
    options = [o for p in cli.commands[command].params for o in p.opts if o.startswith("--") and o != "--help"]
    assert [o for o in options if o not in readme] == []


def test_publish_help_shows_from_feed() -> None:
    result = invoke(Path("feeds"), "publish", "--help")
    assert "Example: audionews publish --from-feed" in result.stdout
    for option in ("--from-feed URL|FILE", "--limit N", "--dry-run"):
        assert option in result.stdout


def test_publish_from_stdin(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds"
    text = (EXAMPLES / "library-late-fees.txt").read_bytes()
    result = invoke(feeds, "publish", "-q", "--json", "-", input=text)
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["source"] == "-"
    assert record["status"] == "added"
    again = invoke(feeds, "publish", "-q", "--json", "-", input=text)
    assert json.loads(again.stdout)["status"] == "unchanged"
    assert json.loads(again.stdout)["guid"] == record["guid"]


def test_without_ffmpeg_on_path_the_one_in_imageio_ffmpeg_is_used(tmp_path: Path) -> None:
    """A fresh ``pip install`` with no system ffmpeg still encodes, and nothing is printed."""
    import subprocess
    import sys

    code = "from audionews.ffmpeg import ffmpeg_path; print(ffmpeg_path())"
    result = subprocess.run([sys.executable, "-W", "error::RuntimeWarning", "-c", code], capture_output=True,
                            text=True, env={"PATH": str(tmp_path), "HOME": str(tmp_path),
                                            "PYTHONPATH": src_env()["PYTHONPATH"]})  # this tree's audionews
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "imageio_ffmpeg" in result.stdout


def test_speed_option_shortens_the_episode_and_keeps_the_voice(tmp_path: Path) -> None:
    source = str(FIXTURES / "text" / "author-box-first.txt")
    lengths = {}
    for speed in ("1.0", "2.0"):
        out = tmp_path / f"speed-{speed}.mp3"
        result = invoke(tmp_path / "feeds", "speak", "-q", source, "-o", str(out), "--speed", speed)
        assert result.exit_code == 0, result.stderr
        lengths[speed] = MP3(out).info.length
    # speech twice as fast; the pauses between segments and sentences keep their length
    assert 0.45 < lengths["2.0"] / lengths["1.0"] < 0.75
