"""Article → Script: the segments an engine will speak, in order, with their pauses and chapters.

headline → byline and date ("By Leo Cruz. Friday, June 13, 2025.") → body paragraph by
paragraph, section headings as their own segments. Each segment is synthesized on its own, so
its start time in the episode is known exactly and chapters come for free.

Each sentence keeps its written text (for transcripts) and gets its spoken text from the feed's
lexicon and the normalization rules together (:meth:`Lexicon.for_speech`), for every engine alike.

The credit line is in the article's language ("Par Claire Dubois. Mercredi 12 mars 2025."; English
for a language with no table). When the body already opens with the byline or the date ("Par Claire
Dubois, le 12 mars 2025"), the credit line leaves out what the body says: the body is the article as
written, and its transcript stays whole; the credit line is our own frame, ours to shorten.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from audionews.model import Article, Script, Segment, SegmentKind, Sentence
from audionews.script.lexicon import Lexicon
from audionews.script.normalize import tables
from audionews.script.normalize.languages import Language, language_of
from audionews.script.sentences import split_sentences

__all__ = ["DISCLOSURE", "PAUSES", "disclose", "make_script", "spoken_date"]

PAUSES = {
    "headline": 1.2,
    "byline": 1.0,
    "heading": 0.8,
    "paragraph": 0.7,
    "item": 0.45,
    "disclosure": 1.0,
    "end": 1.0,
}
"""Seconds of silence after each kind of segment; longer after the headline and byline."""
# "end" is the silence after the last segment, so players do not clip the final word.


def _as_said(byline: str) -> str:
    """A byline with full names in capitals ("JANE DOE", as some pages write them) in the case of a name,
    which some engines would otherwise spell out letter by letter."""
    parts = re.split(r"(\s*(?:,|&|\band\b)\s*)", byline)
    return "".join(p.title() if p.isupper() and len(p.split()) >= 2 else p for p in parts)  # not "AFP", "NASA"


_PARTICLES = frozenset(("Di", "Von", "DI", "VON"))
"""Credit words that are also the first word of some surnames ("Di Maio", "Von Trier")."""


def _names(byline: str, table: Language | None) -> str:
    """The byline as the credit line says it after its credit word: without a credit word of its own
    ("Par Claire Dubois", "By Jane Doe": never "Par Par …"), and with the names joined by the language's
    word ("Ana Ruiz y Luis Gómez"), not the English "and" some pages and extraction put between them."""
    words = {"By", "BY", "by"} | ({table.by, table.by.upper()} if table else set())
    first, _, rest = byline.strip().partition(" ")
    if first in words and rest.strip() and (first not in _PARTICLES or len(rest.split()) >= 2):
        byline = rest.strip()
    if table:
        byline = re.sub(r"\s+(?:and|AND|&)\s+", f" {table.and_word} ", byline)
    return byline


def _segment(kind: SegmentKind, text: str, language: str, lexicon: Lexicon, chapter: str | None = None) -> Segment:
    sentences = tuple(Sentence(s, lexicon.for_speech(s, language)) for s in split_sentences(_sentence(text), language))
    return Segment(kind, sentences, PAUSES[kind], chapter=chapter)


def make_script(article: Article, default_language: str = "en", lexicon: Lexicon = Lexicon()) -> Script:
    language = article.language or default_language
    table = language_of(language)
    by = table.by if table else "By"

    def segment(kind: SegmentKind, text: str, chapter: str | None = None) -> Segment:
        return _segment(kind, text, language, lexicon, chapter)

    segments: list[Segment] = [segment("headline", article.headline, chapter=article.headline)]
    byline, published = _not_in_body(article, table)
    byline = _names(byline, table) if byline else byline
    credit = " ".join(
        part
        for part in (
            _sentence(f"{by} {_as_said(byline)}") if byline else "",
            _sentence(spoken_date(published, language)) if published else "",
        )
        if part
    )
    if credit:
        title = f"{by} {byline}" if byline else spoken_date(published, language) if published else ""
        segments.append(segment("byline", credit, chapter=title))
    for index, block in enumerate(article.blocks):
        chapter = None
        if block.kind == "heading":
            chapter = block.text
        elif index == 0:
            chapter = _opening(block.text)
        segments.append(segment(block.kind, block.text, chapter=chapter))
    segments[-1] = dataclasses.replace(segments[-1], pause_after=PAUSES["end"])
    return Script(
        title=article.headline,
        byline=article.byline,
        published=article.published,
        language=language,
        segments=tuple(segments),
        url=article.url,
        image=article.image,
        description=article.description,
    )


DISCLOSURE = ("This article was read by a synthetic voice.", "This article was read by {voice}, a synthetic voice.")
"""The disclosure in English, unnamed and naming the voice; other languages' are in their tables."""


def disclose(script: Script, lexicon: Lexicon = Lexicon()) -> Script:
    """``script`` with one last segment saying that a synthetic voice read it (naming :attr:`Script.reader`
    when known), in the article's language, English where we have no table: listeners, and Apple, expect
    synthetic narration to say so. Spoken, captioned and transcribed like the body, after it; no chapter."""
    table = language_of(script.language)
    unnamed, named = table.disclosure if table and table.disclosure[0] else DISCLOSURE
    reader = " ".join(script.reader.split())
    text = named.format(voice=reader) if reader else unnamed
    return dataclasses.replace(script, segments=(*script.segments, _segment("disclosure", text, script.language,
                                                                                 lexicon)))


def spoken_date(day: dt.date, language: str = "en") -> str:
    """"Friday, June 13, 2025", "Mercredi 12 mars 2025": the weekday helps a listener place the story.

    Other languages' names come from our own tables, not the system's locale, which a server may not have.
    """
    table = language_of(language)
    if table is None:
        return f"{day:%A}, {day:%B} {day.day}, {day.year}"
    said = table.date.format(weekday=table.weekdays[day.weekday()], day=table.first_day if day.day == 1 else day.day,
                             month=table.months[day.month - 1], year=day.year)
    return said[:1].upper() + said[1:]


_OPENING_BLOCKS = 2
_CREDIT_WORDS = 15
"""A credit line in the body is among its first blocks, and short: "Par Claire Dubois, le 12 mars 2025"."""


def _not_in_body(article: Article, table: Language | None) -> tuple[str | None, dt.date | None]:
    """The byline and date, less what the body's opening lines already say."""
    byline, published = article.byline, article.published
    for block in article.blocks[:_OPENING_BLOCKS]:
        if len(block.text.split()) > _CREDIT_WORDS:
            continue
        if byline and _names_in(byline, block.text, table):
            byline = None
        if published and _date_in(published, block.text, table):
            published = None
    return byline, published


def _names_in(byline: str, text: str, table: Language | None = None) -> bool:
    """Whether ``text`` credits every name of a byline ("Ana Ruiz y Luis Gómez"), whatever its case: the
    first name opens it, or follows a credit word ("Par", "By") or a separator ("June 3, 2025 | Jane Doe").
    A sentence that only mentions the author ("Le 12 mars 2024, Claire Dubois a été élue maire") is news."""
    names = [n for n in re.split(r"\s*(?:,|&|\b(?:and|et|y|e|und)\b)\s*", _names(byline, table)) if n.strip()]
    folded = " ".join(text.split()).casefold()
    said = [re.escape(" ".join(n.split()).casefold()) for n in names]
    credit = "|".join(re.escape(w.casefold()) for w in {"by", table.by if table else "by"})
    first = r"(?:^\W*|(?<!\w)(?:" + credit + r")\s+|[|—–·•]\s*)" + said[0] + r"(?!\w)" if said else ""
    return bool(said) and bool(re.search(first, folded)) and all(re.search(r"(?<!\w)" + n + r"(?!\w)", folded)
                                                                  for n in said)


def _date_in(day: dt.date, text: str, table: Language | None) -> bool:
    """Whether ``text`` gives this day: "12 mars 2025", "June 3, 2025", "4 de abril", "12.03.2025", "2025-03-12"."""
    months = {tables.MONTHS[day.month - 1], *(a for a, m in tables.MONTH_ABBREVIATIONS.items()
                                               if m == tables.MONTHS[day.month - 1])}
    if table:
        months |= {table.months[day.month - 1], *(a for a, m in table.month_abbreviations.items() if m == day.month)}
    month = "(?:" + "|".join(re.escape(m) for m in sorted(months, key=len, reverse=True)) + r")\.?"
    d, m, y = day.day, day.month, day.year
    patterns = (
        rf"(?<!\d)0?{d}(?:er|re|º|ª|°|\.|st|nd|rd|th)?\s+(?:de\s+|of\s+)?{month}(?!\w)",
        rf"(?<!\w){month}\s+0?{d}(?:st|nd|rd|th)?(?!\d)",
        rf"(?<!\d)0?{d}([/.-])0?{m}\1(?:{y}|{y % 100:02d})(?!\d)",
        rf"(?<!\d)0?{m}/0?{d}/(?:{y}|{y % 100:02d})(?!\d)",
        rf"(?<!\d){y}-{m:02d}-{d:02d}(?!\d)",
    )
    years = {int(y) for y in re.findall(r"(?<!\d)(1[89]\d\d|2\d\d\d)(?!\d)", text)}
    if years and y not in years:
        return False  # "Le 12 mars 2024" is another day than 12 March 2025
    return any(re.search(p, text, re.IGNORECASE) for p in patterns)


def _sentence(text: str) -> str:
    """Whitespace tidied and a full stop added where none ends the line, so engines close the tone."""
    text = re.sub(r"\s+", " ", text).strip()
    return text if re.search(r"[.!?…:;।。！？][\"'”’»)\]]*$", text) else text + "."


def _opening(text: str, limit: int = 8) -> str:
    words = text.split()
    return " ".join(words[:limit]).rstrip(",;:. ") + ("…" if len(words) > limit else "")
