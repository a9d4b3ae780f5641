"""Script → Takes: every sentence synthesized on its own, so every timing is exact.

Sentences are independent, so a CPU-bound engine speaks them in ``jobs`` worker processes
(:mod:`.workers`), each with its share of the cores; two single-threaded voices get more out of two
cores than one voice with two threads. Takes come out in script order as soon as each segment
is complete, so the assembler encodes the first paragraph while later ones are being spoken
and no more than a segment's audio is held at once.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator

from audionews.errors import SynthesisError
from audionews.model import Script, Segment, Take
from audionews.speech import paces
from audionews.speech.cache import SpeechCache
from audionews.speech.check import Checker, Measure
from audionews.speech.engines import Engine, Speech, Voice, allowed_cores, get_engine
from audionews.speech.trim import trimmed
from audionews.speech.workers import WorkerPool

__all__ = ["SENTENCE_GAP", "WORKER_MEMORY", "Order", "Speaker", "Speakers", "Takes", "available_memory", "default_jobs",
           "max_jobs", "speak"]


SENTENCE_GAP = 0.25
"""Seconds of silence between the sentences of a segment: a breath, and room for cue boundaries."""


FEW_SENTENCES = 2
"""No more sentences than this to speak, and no workers yet: speak them in this process."""


WORKER_MEMORY = 500 * 1024 * 1024
"""Bytes one speech worker may hold (piper's voice in onnxruntime takes 300 to 500 MB)."""


def default_jobs() -> int:
    """One worker per core this process may use."""
    return allowed_cores()


def max_jobs() -> int:
    """The most workers worth running: one per core, and no more than the available memory holds
    (more would only swap, or be killed for want of memory)."""
    available = available_memory()
    fits = default_jobs() if available is None else available // WORKER_MEMORY
    return max(1, min(default_jobs(), fits))


def available_memory() -> int | None:
    """Bytes of memory available to start processes with, when the system says (Linux)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


class Speaker:
    """Speaks sentences, in this process or in a pool of ``jobs`` worker processes, through a cache.

    Use it as a context manager around a batch: the workers start with the first sentence that
    is not in the cache (each loads the voice once) and serve every article of the batch.
    """

    def __init__(self, engine: Engine, jobs: int | None = 1, cache: SpeechCache | None = None,
                 first_here: bool = False) -> None:
        """``jobs``: worker processes; None for one per core; never more than :func:`max_jobs`.
        ``first_here``: the first sentence is spoken in this process and the workers start once it is spoken, so
        its audio waits for one voice load, not for worker processes to start and load theirs (``listen``, where
        the first sentence is heard as soon as it is made: 1.08 s of launch to first audio was mostly that)."""
        self.engine = engine
        self.cache = cache
        self.first_here = first_here
        self.jobs = min(jobs or default_jobs(), max_jobs()) if engine.parallel else 1
        self._pool: WorkerPool | None = None
        self._checkers: dict[str, Checker] = {}
        self._calibrating: dict[str, list[tuple[str, Order]]] = {}
        self._recalled: set[str] = set()
        """Languages judged by a pace recalled from the cache, not yet confirmed by a failure's recalibration."""

    def __enter__(self) -> Speaker:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._pool:
            self._pool.close()
            self._pool = None

    def order_all(self, texts: list[str], language: str = "en") -> list[Order]:
        """Start speaking every one of ``texts``, in ``language``. A correction that leaves a sentence or
        two to speak is spoken here, with every core: starting workers would cost more than it saves.

        The first time a language is spoken, the voice's calibration sentences (:mod:`.check`) are
        ordered first: each sentence is checked against the pace they show (one pace a language: "fr"
        and "fr-CA" are one)."""
        language = language.replace("_", "-").lower().split("-")[0] or "en"
        checker = self._checker(language)
        if language not in self._calibrating and (known := paces.recall(self.engine.identity, language)):
            checker.seed(*known)  # this voice was calibrated before: its first sentence need not wait
            self._calibrating[language] = []
            self._recalled.add(language)
        calibration = [] if language in self._calibrating else list(checker.calibration)
        missing = sum(1 for text in calibration + texts if not self._has(text))
        here = self._pool is None and missing <= FEW_SENTENCES
        if language not in self._calibrating:
            self._calibrating[language] = [(text, self.order(text, here, None)) for text in calibration]
        if self.first_here and not here and self._pool is None and not calibration and texts:
            self.first_here = False
            return self._first_here(texts, language)
        return [self.order(text, here, language) for text in texts]

    def _first_here(self, texts: list[str], language: str) -> list[Order]:
        """The first of ``texts`` spoken here; the rest wait for the workers, which start once it is spoken."""
        first = self.order(texts[0], True, language)
        rest = [self.order(text, False, language, start=False) for text in texts[1:]]
        pool = self._pool

        def spoken_then_start() -> Speech:
            try:
                return first.result()
            finally:
                if pool:
                    pool.start()

        return [Order(spoken_then_start, first.cancel), *rest]

    def order(self, text: str, here: bool = False, language: str | None = "en", start: bool = True) -> Order:
        """Start speaking ``text`` (in a worker, unless ``here`` or there are no workers); its speech is
        checked for dropped words as ``language`` (not with None: a calibration sentence). ``start``: the
        workers, if this starts them (else they wait for their pool's ``start``)."""
        if self._has(text):
            return Order(lambda: self._cached(text, language))
        if self.jobs == 1 or here:
            return Order(lambda: self._received(text, trimmed(self.engine.synthesize(text)), language))
        if self._pool is None:
            self._pool = WorkerPool(self.engine.voice, self.jobs, max(1, default_jobs() // self.jobs), start)
        future = self._pool.submit(text)
        return Order(lambda: self._received(text, future.result(), language), future.cancel)

    def _has(self, text: str) -> bool:
        return bool(self.cache and self.cache.has(self.engine.identity, text))

    def _cached(self, text: str, language: str | None) -> Speech:
        """A sentence from the cache (checked when it was spoken)."""
        found = self.cache.get(self.engine.identity, text) if self.cache else None
        if found is None:  # evicted meanwhile by another publish
            return self._received(text, trimmed(self.engine.synthesize(text)), language)
        return found

    def _checker(self, language: str) -> Checker:
        if language not in self._checkers:
            self._checkers[language] = Checker(language)
        return self._checkers[language]

    def _received(self, text: str, speech: Speech, language: str | None) -> Speech:
        """Speech fresh from the engine, checked before it is kept: a sentence far too short for its
        phonemes (words dropped, or silence) is spoken once more, here; short again, it fails."""
        if language is not None:
            checker = self._checker(language)
            calibrated = self._calibrating.pop(language, [])
            for calibration_text, order in calibrated:
                checker.learn(calibration_text, order.result())
            if calibrated:
                paces.remember(self.engine.identity, language, *checker.learned())
            self._calibrating.setdefault(language, [])
            passed, measure = checker.passes(text, speech)
            if not passed and language in self._recalled:  # the recalled pace may be wrong: learn it afresh
                checker = self._recalibrated(language)
                passed, measure = checker.passes(text, speech)
            if not passed:
                speech = trimmed(self.engine.synthesize(text))
                passed, measure = checker.passes(text, speech)
            if not passed:
                raise SynthesisError(_dropped(text, measure))
        if self.cache:
            self.cache.put(self.engine.identity, text, speech)
        return speech


    def _recalibrated(self, language: str) -> Checker:
        """A checker that learned ``language``'s pace from the calibration sentences spoken now, and kept it."""
        self._recalled.discard(language)
        checker = self._checkers[language] = Checker(language)
        for text in checker.calibration:
            checker.learn(text, trimmed(self.engine.synthesize(text)))
        paces.remember(self.engine.identity, language, *checker.learned())
        return checker


class Speakers:
    """A :class:`Speaker` for each voice a batch needs, made when an article first needs it (an article
    in another language has a voice of its own) and closed with the batch; a context manager."""

    def __init__(self, jobs: int | None = 1, cache: SpeechCache | None = None) -> None:
        self.jobs = jobs
        self.cache = cache
        self._speakers: dict[str, Speaker] = {}

    def __call__(self, voice: Voice) -> Speaker:
        """The speaker of ``voice``: one per engine identity, so "fr" and "fr-FR" articles share a voice's
        workers (an engine whose audio depends on the language says so in its identity)."""
        engine = get_engine(voice)
        if engine.identity not in self._speakers:
            self._speakers[engine.identity] = Speaker(engine, self.jobs, self.cache)
        return self._speakers[engine.identity]

    def __enter__(self) -> Speakers:
        return self

    def __exit__(self, *exc_info: object) -> None:
        for speaker in self._speakers.values():
            speaker.__exit__(*exc_info)
        self._speakers.clear()


class Order:
    """A sentence being spoken: ``result()`` waits for its speech; ``cancel()`` drops it if not begun."""

    def __init__(self, result: Callable[[], Speech], cancel: Callable[[], object] = lambda: None) -> None:
        self.result = result
        self.cancel = cancel


def speak(script: Script, speaker: Speaker, progress: Callable[[int, int], None] | None = None) -> Takes:
    """Order every sentence of ``script`` now, and return its takes to iterate, in order, as they are
    ready; ``progress(n, total)`` is called before segment n (from 1).

    Ordering at once keeps the workers busy: with the next article of a batch ordered before this
    one is finished, they never wait for the assembler.
    """
    texts = [sentence.spoken for segment in script.segments for sentence in segment.sentences]
    orders = deque(speaker.order_all(texts, script.language))
    return Takes(script, orders, progress)


class Takes:
    """A script's takes, in order (iterate once); :meth:`cancel` drops the sentences not yet begun."""

    def __init__(self, script: Script, orders: deque[Order], progress: Callable[[int, int], None] | None) -> None:
        self._script = script
        self._orders = orders
        self._progress = progress

    def __iter__(self) -> Iterator[Take]:
        segments = self._script.segments
        try:
            for number, segment in enumerate(segments, start=1):
                if self._progress:
                    self._progress(number, len(segments))
                yield _take(segment, [self._orders.popleft() for _ in segment.sentences])
        finally:  # stopped early (a failure): the workers should not go on with this article
            self.cancel()

    def cancel(self) -> None:
        for order in self._orders:
            order.cancel()


def _dropped(text: str, measure: Measure) -> str:
    """Why a sentence failed its check twice, naming it."""
    name = text if len(text) <= 60 else text[:59].rstrip() + "…"
    how = "was silent" if measure.silent else f"was voiced for {measure.ratio:.0%} of the time its words take"
    return f"the engine dropped words of a sentence twice (it {how}): {name!r}"


def _take(segment: Segment, orders: list[Order]) -> Take:
    """One segment, sentence by sentence, so each sentence's span is known to the sample."""
    pcm = bytearray()
    spans: list[tuple[int, int]] = []
    rate = 0
    for index, order in enumerate(orders):
        speech = order.result()
        if rate and speech.sample_rate != rate:
            raise SynthesisError("the engine changed sample rate within a segment")
        rate = speech.sample_rate
        if index:
            pcm += b"\x00\x00" * round(SENTENCE_GAP * rate)
        spans.append((len(pcm) // 2, (len(pcm) + len(speech.pcm)) // 2))
        pcm += speech.pcm
    return Take(segment=segment, pcm=bytes(pcm), sample_rate=rate, sentence_spans=tuple(spans))
