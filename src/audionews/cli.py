"""The command line: parse options, call one library function, print plain lines.

Progress goes to stderr as plain lines a screen reader can follow (no spinners, no colour);
results go to stdout, as JSON lines with ``--json``. Any :class:`AudionewsError` becomes one
line naming the source and the reason, and a non-zero exit.

The pipeline (fetching, extraction, speech, audio) and the web server are imported inside the
commands that use them, so ``build``, ``episodes`` and ``remove`` start without loading them.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import shutil
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from audionews.errors import UNPRINTABLE, AudionewsError, one_line
from audionews.feed.folder import FeedFolder, FeedSettings, create_feed, find_feed
from audionews.feed.rss import FEED_FILE
from audionews.feed.writer import build as build_feed
from audionews.feed.writer import list_episodes
from audionews.feed.writer import remove as remove_episode
from audionews.speech.engines import Voice, available, preload

if TYPE_CHECKING:
    from audionews.audio.verify import Verification
    from audionews.pipeline import Published, PublishReport
    from audionews.script.lexicon import Lexicon

__all__ = ["cli", "main"]


def _echo(text: str, err: bool = False) -> None:
    """Print one line. Titles, names and sources come from pages, feeds and file names: a control
    character among them (ESC, BEL, CR) is shown escaped, never sent to the terminal (:func:`one_line`)."""
    click.echo(one_line(text), err=err)


def _json_line(record: dict[str, Any]) -> str:
    """One JSON object on one line, UTF-8 as it is, but with every character a terminal would act on
    (C1 controls, line separators, lone surrogates) as a JSON escape."""
    text = json.dumps(record, ensure_ascii=False)
    return UNPRINTABLE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def _fail_cleanly(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn library errors into click's one-line error and exit code 1."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except AudionewsError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the command is, so everything it started is cleaned up as for Ctrl+C."""


def _stopped(exc: KeyboardInterrupt) -> click.exceptions.Exit:
    """The exit for a command stopped: 143 for SIGTERM, 130 for Ctrl+C, as a shell reports them."""
    return click.exceptions.Exit(143 if isinstance(exc, _Terminated) else 130)


def _stops_quietly(command: Callable[..., Any]) -> Callable[..., Any]:
    """Ctrl+C or SIGTERM: clean up (the ``finally`` blocks and context managers on the way out remove
    staging folders and temporary files and stop the speech workers), print no traceback, and exit
    130 or 143, as a shell reports a process stopped by SIGINT or SIGTERM."""

    def terminated(signum: int, frame: object) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # one is enough: cleaning up must not be cut short
        raise _Terminated

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        main_thread = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGTERM, terminated) if main_thread else None
        try:
            return command(*args, **kwargs)
        except KeyboardInterrupt as exc:
            raise _stopped(exc) from None
        finally:
            if main_thread and previous is not None:
                signal.signal(signal.SIGTERM, previous)

    return wrapper


def _jobs(jobs: int | None) -> int | None:
    """``--jobs``, no more than the machine can run (:func:`max_jobs`), with a note when it is lowered."""
    from audionews.speech.speaker import WORKER_MEMORY, max_jobs  # only commands that speak need it

    most = max_jobs()
    if jobs is not None and jobs > most:
        click.echo(f"Note: --jobs {jobs} is more than this machine can run (a core and "
                   f"{WORKER_MEMORY // 1024 // 1024} MB of free memory each); using {most}", err=True)
        return most
    return jobs


def _progress(ctx: click.Context, quiet: bool) -> Callable[[str], None]:
    """Progress on stderr: nothing with --quiet; a line redrawn in place, with a bar, on a terminal
    (unless --plain); otherwise plain lines, one per step, that a screen reader or a log can follow."""
    if quiet:
        return lambda _: None
    if ctx.obj.get("plain") or not sys.stderr.isatty() or os.environ.get("TERM") == "dumb":
        return lambda message: _echo(message, err=True)
    return StatusLine(sys.stderr)


class StatusLine:
    """One line on a terminal, rewritten for each step; a bar when the step counts ("4 of 14")."""

    WIDTH = 20

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.shown = 0

    def __call__(self, message: str) -> None:
        message = one_line(message)
        bar = ""
        counted = re.search(r"(\d+) of (\d+)$", message)
        if counted and int(counted.group(2)):
            done = round(self.WIDTH * (int(counted.group(1)) - 1) / int(counted.group(2)))
            bar = f"[{'#' * done}{'.' * (self.WIDTH - done)}] "
        room = shutil.get_terminal_size().columns - 1 - len(bar)  # never wrap: a wrapped line can't be redrawn
        if len(message) > room:
            message = "…" + message[len(message) - room + 1:]  # the end says where we are
        line = bar + message
        self.stream.write("\r" + line.ljust(self.shown) + "\r" + line)
        self.stream.flush()
        self.shown = len(line)

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * self.shown + "\r")
            self.stream.flush()
            self.shown = 0


@contextlib.contextmanager
def _reporting(ctx: click.Context, quiet: bool) -> Iterator[Callable[[str], None]]:
    """Progress for the length of a command; a status line is cleared before results are printed."""
    progress = _progress(ctx, quiet)
    try:
        yield progress
    finally:
        if isinstance(progress, StatusLine):
            progress.close()


def _jobs_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, show_default="one per core",
                        help="Speech worker processes.")(command)


def _feed_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--feed", "feed_name", metavar="NAME", help="Feed to act on (optional when there is one).")(
        command
    )


def _lexicon_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--lexicon", "lexicon_path", type=click.Path(dir_okay=False, path_type=Path), metavar="PATH",
                        help="Pronunciation lexicon, a TOML file of word = \"respelling\".")(command)


def _lexicon(ctx: click.Context, path: Path | None, feed_name: str | None = None) -> Lexicon:
    """The --lexicon file, else the --feed's lexicon, else none."""
    from audionews.script.lexicon import (  # its normalization rules: only commands that speak need them
        Lexicon,
        load_lexicon,
    )

    if path:
        return load_lexicon(path)
    if feed_name is None:
        return Lexicon()
    folder = _folder(ctx, feed_name)
    file, required = folder.lexicon_file(folder.settings())
    return load_lexicon(file, required=required)


def _folder(ctx: click.Context, name: str | None, create_default: bool = False) -> FeedFolder:
    return find_feed(ctx.obj["feeds_dir"], name, create_default=create_default)


class _QuietGroup(click.Group):
    """Ctrl+C while click parses the command line or runs the group's own options: status 130 with nothing
    said, as within a command (:func:`_stops_quietly`), where click would print "Aborted!" and exit 1."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except KeyboardInterrupt as exc:
            raise _stopped(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as exc:
            raise _stopped(exc) from None


@click.group(cls=_QuietGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="audionews")
@click.option("--feeds-dir", type=click.Path(file_okay=False, path_type=Path), default="feeds",
              envvar="AUDIONEWS_FEEDS", show_default=True, show_envvar=True, help="Folder holding the feeds.")
@click.option("--plain", is_flag=True, envvar="AUDIONEWS_PLAIN",
              help="Progress as plain lines even on a terminal (no redrawn line or bar), e.g. for a screen reader.")
@click.pass_context
def cli(ctx: click.Context, feeds_dir: Path, plain: bool) -> None:
    """Turn news and blog articles into accessible audio and a podcast feed."""
    ctx.obj = {"feeds_dir": feeds_dir, "plain": plain}


@cli.command()
@click.argument("name")
@click.option("--title", required=True)
@click.option("--author", required=True)
@click.option("--email", required=True, help="Owner's e-mail, shown to podcast directories.")
@click.option("--base-url", required=True, help="Where public/ will be served, e.g. https://example.org/podcast/")
@click.option("--language", default="en", show_default=True)
@click.option("--description", default="")
@click.option("--category", default="News", show_default=True, help='Apple category, e.g. "News/Daily News".')
@click.option("--engine", type=click.Choice(available()), default="piper", show_default=True)
@click.option("--speed", type=float, default=1.0, show_default=True)
@click.pass_context
@_fail_cleanly
def init(ctx: click.Context, name: str, **settings: Any) -> None:
    """Create a feed: writes FEEDS/NAME/feed.toml.

    Example: audionews init harbor --title "Harbor Ledger, read aloud" --author "Harbor Ledger"
    --email editor@example.org --base-url https://example.org/podcast/
    """
    folder = create_feed(ctx.obj["feeds_dir"], name, FeedSettings(**settings))
    _echo(f"created {folder.settings_path}")


@cli.command("publish")
@click.argument("sources", nargs=-1)
@_feed_option
@click.option("--from-feed", "feed_source", metavar="URL|FILE",
              help="Publish the new articles of this RSS or Atom feed instead of SOURCEs, oldest first.")
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help="With --from-feed: only the newest N entries.")
@click.option("--dry-run", is_flag=True, help="With --from-feed: list what would be published, change nothing.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per episode.")
@click.option("--quiet", "-q", is_flag=True, help="No progress lines on stderr.")
@click.option("--replace", is_flag=True,
              help="Replace an episode even when the new text is mostly different (not a correction).")
@click.option("--verify", is_flag=True,
              help="Hear each new English episode back offline (pocketsphinx) and report sentences that may be "
                   "unclear.")
@_jobs_option
@click.option("--broker", metavar="URL", envvar="AUDIONEWS_BROKER",
              help="Speak through the audionews workers on this Redis (redis://HOST:PORT/DB), not on this machine.")
@click.pass_context
@_stops_quietly
@_fail_cleanly
def publish_command(ctx: click.Context, sources: tuple[str, ...], feed_name: str | None, feed_source: str | None,
                    limit: int | None, dry_run: bool, as_json: bool, quiet: bool, replace: bool, verify: bool,
                    jobs: int | None, broker: str | None) -> None:
    """Add articles to a feed as episodes (SOURCE: URL, HTML or text file, or - for stdin).

    Example: audionews publish examples/harbor-wind-farm.html

    Example: audionews publish --from-feed https://example.org/news/rss.xml --limit 5 --dry-run
    """
    from audionews.from_feed import plan as plan_from_feed  # the pipeline: see the module docstring
    from audionews.from_feed import publish_from_feed

    if bool(sources) == bool(feed_source):
        raise click.UsageError("give one or more SOURCEs, or --from-feed URL|FILE")
    if not feed_source and (limit or dry_run):
        raise click.UsageError("--limit and --dry-run go with --from-feed")
    if verify and not dry_run:
        from audionews.audio.verify import require_recognizer  # before anything is spoken

        require_recognizer()
    folder = _folder(ctx, feed_name, create_default=not dry_run)
    if feed_source:
        items = plan_from_feed(folder, feed_source, limit)
        for item in items:
            if dry_run or item.known:
                status = "already published" if item.known else "would skip" if item.problem else "would publish"
                reason = f": {item.problem}" if item.problem and not item.known else ""
                _echo(_json_line({"source": item.source, "title": item.title, "status": status,
                                  **({"reason": item.problem} if reason else {})})
                      if as_json else f"{status}: {item.title} ({item.source}){reason}")
        if dry_run:
            return
        with _reporting(ctx, quiet) as progress:
            report = publish_from_feed(folder, items, progress, replace=replace, verify=verify,
                                       publisher=_publisher(broker, jobs))
    else:
        with _reporting(ctx, quiet) as progress:
            report = _publisher(broker, jobs)(folder, list(sources), progress, replace=replace, verify=verify)
    for done in report.published:
        if as_json:
            click.echo(json.dumps({"source": done.source, "guid": done.guid, "title": done.title,
                                   "duration": round(done.duration, 3), "path": done.path, "status": done.status,
                                   **({"verify": _verification_json(done.verification)} if verify else {})}))
        else:
            _echo(f"{done.status}: {done.title} ({_clock(done.duration)}) {done.path}")
            if verify:
                for line in _verification_lines(done):
                    _echo(line)
    for failure in report.failures:
        _echo(f"Error: {failure.source}: {failure.reason}", err=True)
    if report.failures:
        ctx.exit(1)


def _publisher(broker: str | None, jobs: int | None) -> Callable[..., PublishReport]:
    """Publishing here (``--jobs`` speech workers), or through the workers on ``--broker``."""
    if broker:
        from audionews import broker as workers  # Celery: only with --broker

        given = click.get_current_context().get_parameter_source("jobs")
        if given in (click.core.ParameterSource.COMMANDLINE, click.core.ParameterSource.ENVIRONMENT):
            raise click.UsageError("--jobs speaks on this machine; with --broker, each worker's --concurrency says")
        workers.reach(broker).close()  # before anything is read: Redis unreachable is one line, nothing is sent
        return functools.partial(workers.publish, broker)
    from audionews.pipeline import publish

    return functools.partial(publish, jobs=_jobs(jobs))


def _verification_lines(done: Published) -> list[str]:
    """``publish --verify``'s plain lines for one episode: each sentence that may be unclear, or why none."""
    checked = done.verification
    if checked is None:
        return [f"{done.source}: unchanged, not verified again"]
    if checked.skipped:
        return [f"{done.source}: {checked.skipped}"]
    heard = [score for score in checked.recalls if score is not None]
    if not checked.unclear:
        return [f"{done.source}: verified, all {len(heard)} sentences clear"]
    return [f"{done.source}: sentence {item.number} may be unclear (recall {item.recall:.2f}): "
            f"{' '.join(item.text.split()[:8])}{'…' if len(item.text.split()) > 8 else ''}" for item in checked.unclear]


def _verification_json(checked: Verification | None) -> dict[str, Any] | None:
    if checked is None:
        return None
    if checked.skipped:
        return {"skipped": checked.skipped}
    return {"recalls": [None if score is None else round(score, 3) for score in checked.recalls],
            "unclear": [{"sentence": item.number, "recall": round(item.recall, 3), "text": item.text}
                        for item in checked.unclear]}


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line per source.")
@click.pass_context
def clean(ctx: click.Context, sources: tuple[str, ...], as_json: bool) -> None:
    """Print the readable article: headline, byline, date and body.

    Example: audionews clean --json examples/library-late-fees.txt
    """
    from audionews.pipeline import clean as clean_source  # the pipeline: see the module docstring

    failed = False
    for source in sources:
        try:
            article = clean_source(source)
        except AudionewsError as exc:
            _echo(f"Error: {exc}", err=True)
            failed = True
            continue
        if as_json:
            click.echo(_json_line(article.to_json()))
            continue
        _echo(article.headline)
        credit = ". ".join(p for p in (f"By {article.byline}" if article.byline else "",
                                       article.published.isoformat() if article.published else "") if p)
        if credit:
            _echo(credit)
        for block in article.blocks:
            click.echo("")
            _echo(f"- {block.text}" if block.kind == "item" else block.text)
        if len(sources) > 1:
            click.echo("")
    if failed:
        ctx.exit(1)


def _spoken_text_command(name: str, json_help: str) -> Callable[[Callable[..., Any]], Any]:
    """The options ``script`` and ``check`` share: what to read, in which language, with which lexicon."""

    def decorate(command: Callable[..., Any]) -> Any:
        decorators: list[Callable[[Any], Any]] = [
            cli.command(name), click.argument("source"),
            click.option("--language", default="en", show_default=True, help="Used when the article does not say."),
            click.option("--json", "as_json", is_flag=True, help=json_help),
            _lexicon_option, _feed_option, click.pass_context, _fail_cleanly,
        ]
        for decorator in reversed(decorators):
            command = decorator(command)
        return command

    return decorate


@_spoken_text_command("script", "One JSON object per line per segment.")
def script_command(ctx: click.Context, source: str, language: str, as_json: bool, lexicon_path: Path | None,
                   feed_name: str | None) -> None:
    """Print the segments exactly as they will be spoken, each with its kind.

    Example: audionews script --lexicon feeds/harbor/lexicon.toml examples/harbor-wind-farm.html
    """
    from audionews.pipeline import clean as clean_source  # the pipeline: see the module docstring
    from audionews.script.segments import make_script

    lexicon = _lexicon(ctx, lexicon_path, feed_name)
    script = make_script(clean_source(source), default_language=language, lexicon=lexicon)
    for number, segment in enumerate(script.segments):
        if as_json:
            click.echo(_json_line({"kind": segment.kind, "text": segment.text, "spoken": segment.spoken,
                                   "pause_after": segment.pause_after, "chapter": segment.chapter}))
        else:
            if number:
                click.echo("")
            _echo(f"{segment.kind}: {segment.spoken}")


@_spoken_text_command("check", "One JSON object per line per word.")
def check_command(ctx: click.Context, source: str, language: str, as_json: bool, lexicon_path: Path | None,
                  feed_name: str | None) -> None:
    """List words likely to be misread: capitals in no list, numbers read by guess.

    Words the lexicon (--lexicon, or the --feed's) says how to say are not listed.

    Example: audionews check --json examples/library-late-fees.txt
    """
    from audionews.pipeline import clean as clean_source  # the pipeline: see the module docstring
    from audionews.script.segments import make_script

    lexicon = _lexicon(ctx, lexicon_path, feed_name)
    script = make_script(clean_source(source), default_language=language)
    for doubt in lexicon.doubts([segment.text for segment in script.segments], script.language):
        if as_json:
            click.echo(_json_line(doubt.to_json()))
        else:
            _echo(f'{doubt.word}: said "{doubt.spoken}" ({doubt.reason})')


@cli.command("speak")
@click.argument("source")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="MP3 file to write.")
@click.option("--engine", type=click.Choice(available()), default="piper", show_default=True)
@click.option("--voice", default="", help="Engine-specific voice (piper: path to an .onnx voice).")
@click.option("--speed", type=float, default=1.0, show_default=True, help="0.5 to 3.0, pitch kept.")
@click.option("--language", default="en", show_default=True)
@click.option("--quiet", "-q", is_flag=True)
@_jobs_option
@_lexicon_option
@click.pass_context
@_stops_quietly
@_fail_cleanly
def speak_command(ctx: click.Context, source: str, output: Path, engine: str, voice: str, speed: float,
                  language: str, quiet: bool, jobs: int | None, lexicon_path: Path | None) -> None:
    """Read one article into one MP3 now, without a feed.

    Example: audionews speak examples/harbor-wind-farm.html -o harbor.mp3
    """
    from audionews.pipeline import speak_to_file  # the pipeline: see the module docstring

    with _reporting(ctx, quiet) as progress:
        episode = speak_to_file(source, output, Voice(engine, voice, speed, language), progress,
                                lexicon=_lexicon(ctx, lexicon_path), jobs=_jobs(jobs))
    _echo(f"{output} ({_clock(episode.duration)})")


@cli.command("listen")
@click.argument("source")
@click.option("--engine", type=click.Choice(available()), default="piper", show_default=True)
@click.option("--voice", default="", help="Engine-specific voice (piper: path to an .onnx voice).")
@click.option("--speed", type=float, default=1.0, show_default=True, help="0.5 to 3.0, pitch kept.")
@click.option("--language", default="en", show_default=True, help="Used when the article does not say.")
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="Port on 127.0.0.1 to serve the reader on; 0 picks a free one.")
@click.option("--no-browser", is_flag=True, help="Print the reader's address only; open no browser.")
@click.option("--save", type=click.Path(dir_okay=False, path_type=Path), metavar="OUT.mp3",
              help="Also write the finished MP3 here (only once it is complete).")
@click.option("--json", "as_json", is_flag=True,
              help="Each step as a JSON line on stdout, with the time it happened (the address is in \"listening\").")
@click.option("--quiet", "-q", is_flag=True, help="No progress lines on stderr.")
@_jobs_option
@_lexicon_option
@click.pass_context
@_stops_quietly
@_fail_cleanly
def listen_command(ctx: click.Context, source: str, engine: str, voice: str, speed: float, language: str,
                   port: int, no_browser: bool, save: Path | None, as_json: bool, quiet: bool, jobs: int | None,
                   lexicon_path: Path | None) -> None:
    """Listen to an article now: a reader page on 127.0.0.1 plays it while later sentences are still being
    spoken, and its text grows as they are; Ctrl+C stops it.

    Example: audionews listen https://example.org/news/harbor-wind-farm

    Example: audionews listen --no-browser --save harbor.mp3 examples/harbor-wind-farm.html
    """
    import time

    def event(name: str, **fields: Any) -> None:
        if as_json:
            click.echo(_json_line({"event": name, "at": round(time.time(), 4), **fields}))

    event("started")
    preload(Voice(engine, voice, speed, language))  # while the pipeline is imported and the page read
    from audionews.listen import listen  # the pipeline and the web server: see the module docstring

    event("imported")

    with _reporting(ctx, quiet) as progress:
        def ready(url: str) -> None:
            if isinstance(progress, StatusLine):
                progress.close()  # the address on a line of its own, not after a status line
            if not as_json:
                _echo(f"Listen: {url}")
            if not no_browser:
                import webbrowser

                webbrowser.open(url)

        episode = listen(source, Voice(engine, voice, speed, language), _lexicon(ctx, lexicon_path), port, save,
                         _jobs(jobs), progress, ready, event)
    if not as_json:
        _echo(f"{save} ({_clock(episode.duration)})" if save else f"read aloud ({_clock(episode.duration)})")


@cli.command("worker")
@click.option("--broker", required=True, metavar="URL", envvar="AUDIONEWS_BROKER",
              help="The Redis that publish --broker sends articles to (redis://HOST:PORT/DB).")
@click.option("--concurrency", "-c", type=click.IntRange(min=1), default=None, show_default="one per core",
              help="Articles spoken at once, each in its own process.")
@click.option("--name", metavar="NAME", help="This worker's name in progress lines [default: audionews@HOST].")
@click.option("--cache-mb", type=click.IntRange(min=0), default=500, show_default=True,
              help="Spoken sentences kept in the user's cache; 0 keeps none.")
@click.option("--visibility-timeout", type=click.IntRange(min=1), default=None, show_default="an hour",
              metavar="SECONDS",
              help="How long a task may run before another worker takes it over as lost: longer than the longest "
                   "article takes here.")
@click.pass_context
@_fail_cleanly
def worker_command(ctx: click.Context, broker: str, concurrency: int | None, name: str | None, cache_mb: int,
                   visibility_timeout: int | None) -> None:
    """Speak articles for publish --broker, on this machine, until stopped (Ctrl+C or SIGTERM finish the article
    under way first). Needs the feeds' voices installed here, and no access to the feed folder.

    Example: audionews worker --broker redis://newsroom.example:6379/0
    """
    from audionews.broker import DEFAULT_VISIBILITY_TIMEOUT, run_worker  # Celery: only here and with --broker

    color = sys.stderr.isatty() and not os.environ.get("NO_COLOR") and not ctx.obj.get("plain")
    run_worker(broker, concurrency, name, cache_mb, visibility_timeout or DEFAULT_VISIBILITY_TIMEOUT, color)


@cli.command()
@_feed_option
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
@_fail_cleanly
def episodes(ctx: click.Context, feed_name: str | None, as_json: bool) -> None:
    """List a feed's episodes, newest first.

    Example: audionews episodes --json
    """
    for record in list_episodes(_folder(ctx, feed_name)):  # read only: never creates or changes the catalog
        if as_json:
            click.echo(_json_line(record.to_json()))
        else:
            _echo(f"{record.guid}  {record.title} ({_clock(record.duration)})")


@cli.command()
@click.argument("guid")
@_feed_option
@click.pass_context
@_stops_quietly
@_fail_cleanly
def remove(ctx: click.Context, guid: str, feed_name: str | None) -> None:
    """Remove an episode from a feed and delete its audio.

    Example: audionews remove urn:uuid:0f6c3c3e-...
    """
    record = remove_episode(_folder(ctx, feed_name), guid)
    _echo(f"removed: {record.title}")


@cli.command()
@_feed_option
@click.pass_context
@_stops_quietly
@_fail_cleanly
def build(ctx: click.Context, feed_name: str | None) -> None:
    """Rewrite public/ (feed.xml, index.html, cover) from the catalog.

    Example: audionews build --feed harbor
    """
    folder = _folder(ctx, feed_name)
    count = build_feed(folder)
    _echo(f"built {folder.public / 'feed.xml'} ({count} episode{'s' if count != 1 else ''})")


@cli.command()
@_feed_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on; 0 picks a free one.")
@click.pass_context
@_fail_cleanly
def serve(ctx: click.Context, feed_name: str | None, host: str, port: int) -> None:
    """Serve a feed's public/ over HTTP for podcast apps and browsers, until Ctrl+C.

    Example: audionews serve --feed harbor --port 8000
    """
    from audionews.serve import serve as serve_public  # uvicorn and Starlette: only this command needs them

    folder = _folder(ctx, feed_name)
    settings = folder.settings()

    def announce(url: str) -> None:
        _echo(f"Subscribe: {url}")
        if settings.url(FEED_FILE) != url:
            _echo(f"Note: feed.xml sends podcast apps to {settings.base_url} (base_url in feed.toml)", err=True)

    serve_public(folder.public, host, port, on_start=announce)


SAMPLES = {
    # language: (headline, a sentence or two), plain words a voice reads as they are written (Japanese in kana:
    # espeak-ng, which gives Kokoro its phonemes, reads no kanji)
    "en": ("A voice sample.", "This is how I read the news: clearly, at an easy pace, one sentence after another."),
    "es": ("Una muestra de voz.", "Así leo las noticias: con claridad, sin prisa, una frase tras otra."),
    "fr": ("Un exemple de voix.", "Voici comment je lis les nouvelles : clairement, sans hâte, phrase après phrase."),
    "hi": ("आवाज़ का एक नमूना।", "समाचार इसी तरह पढ़े जाते हैं: साफ़ साफ़, आराम से, एक वाक्य के बाद दूसरा।"),
    "it": ("Un esempio di voce.", "Ecco come leggo le notizie: con chiarezza, senza fretta, una frase dopo l'altra."),
    "ja": ("おんせいの サンプルです。", "このように、ニュースを ひとつずつ、はっきりと よみあげます。"),
    "pt": ("Uma amostra de voz.", "É assim que eu leio as notícias: com clareza, sem pressa, frase após frase."),
    "zh": ("语音示例。", "我会这样朗读新闻：清楚、从容，一句接着一句。"),
}
"""What ``voices sample`` says, by language (the first part of the voice's language tag)."""


@cli.group()
def voices() -> None:
    """List, install and try the voices that speak episodes.

    Example: audionews voices install kokoro
    """


@voices.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per voice.")
@_fail_cleanly
def voices_list(as_json: bool) -> None:
    """Every installed voice of every engine, by language.

    Example: audionews voices list
    """
    from audionews.speech.engines import installed_voices

    found = sorted(installed_voices(), key=lambda v: v.language)  # stable: each engine's default stays first
    for voice in found:
        if as_json:
            click.echo(_json_line({"engine": voice.engine, "voice": voice.name, "language": voice.language,
                                   "description": voice.description, "offline": voice.offline}))
        else:
            _echo(f"{voice.language}  {voice.engine}  {voice.name or '(default)'}  {voice.description}")


@voices.command("install")
@click.argument("engine", type=click.Choice(["kokoro"]))
@click.option("--from", "sources", multiple=True, type=click.Path(path_type=Path), metavar="PATH",
              help="Install from these files or folders (the model .onnx, voices-v1.0.bin or a voices/ folder "
                   "of <name>.bin), not from the internet. May be given more than once.")
@click.option("--url", envvar="AUDIONEWS_KOKORO_URL", metavar="URL",
              help="Download from this folder URL instead of kokoro-onnx's release (a mirror).")
@click.option("--quiet", "-q", is_flag=True)
@click.pass_context
@_stops_quietly
@_fail_cleanly
def voices_install(ctx: click.Context, engine: str, sources: tuple[Path, ...], url: str | None, quiet: bool) -> None:
    """Install an engine's model and voices, each checked before it is used.

    Example: audionews voices install kokoro --from ~/Downloads/kokoro-v1.0.int8.onnx --from ~/Downloads/voices
    """
    from audionews.speech.store import install_kokoro, kokoro_folder

    with _reporting(ctx, quiet) as progress:
        installed = install_kokoro(sources, url, progress)
    if installed.model:
        _echo(f"installed the Kokoro model {installed.model} in {kokoro_folder()}")
    if installed.voices:
        _echo(f"installed {len(installed.voices)} Kokoro voice{'s' if len(installed.voices) != 1 else ''}: "
              f"{', '.join(installed.voices)}")


@voices.command("sample")
@click.argument("voice")
@click.option("--engine", type=click.Choice(available()), default="kokoro", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="MP3 file to write.  [default: VOICE.mp3]")
@_stops_quietly
@_fail_cleanly
def voices_sample(voice: str, engine: str, output: Path | None) -> None:
    """Write a short MP3 of a voice reading a sentence or two in its language.

    Example: audionews voices sample ff_siwis
    """
    from audionews.errors import ConfigError
    from audionews.pipeline import speak_sample
    from audionews.speech.engines import installed_voices

    found = next((v for v in installed_voices(engine) if v.name == voice), None)
    if found is None:
        raise ConfigError(f"no {engine} voice {voice!r} is installed (audionews voices list shows those that are)")
    headline, text = SAMPLES.get(found.language.split("-")[0], SAMPLES["en"])
    output = output or Path(f"{voice or engine}.mp3")
    episode = speak_sample(headline, text, output, Voice(engine, voice, 1.0, found.language))
    _echo(f"{output} ({_clock(episode.duration)})")


def _clock(seconds: float) -> str:
    whole = round(seconds)
    if whole >= 3600:
        return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
    return f"{whole // 60}:{whole % 60:02d}"


def main() -> None:
    cli(prog_name="audionews")


if __name__ == "__main__":  # pragma: no cover
    main()
