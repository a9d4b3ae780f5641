"""Small, shared field helpers: words and language, dates, bylines, headlines.

Each takes plain strings and returns a clean value or None, so the HTML and plain-text
extractors can try them in turn.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from audionews.extract.words import DATE_WORDS, MONTHS, NEWS_AGENCIES, NOT_NAME_WORDS, STOPWORDS

__all__ = [
    "CREDIT",
    "URL",
    "clean_byline",
    "clean_headline",
    "find_date",
    "guess_language",
    "is_dateline",
    "looks_like_handle",
    "looks_like_name",
    "parse_iso_date",
    "same_site",
    "squash",
    "stopword_ratio",
    "word_count",
    "words",
]

_WORD = re.compile(r"\w+(?:['’]\w+)*")
URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
"""A web address in running text, up to the next space."""


def squash(text: str) -> str:
    """Collapse runs of whitespace (including no-break spaces) into single spaces."""
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def word_count(text: str) -> int:
    """Words in ``text``; in Chinese, Japanese and Korean, where words are not spaced, about one per two characters."""
    cjk = len(_CJK.findall(text))
    if not cjk:
        return len(_WORD.findall(text))
    return len(_WORD.findall(_CJK.sub(" ", text))) + (cjk + 1) // 2


def guess_language(text: str) -> str | None:
    """The language whose stop words are densest in ``text``, if any stands out."""
    tokens = [w.lower() for w in words(text)[:3000]]
    if len(tokens) < 8:
        return None
    scores = {lang: sum(t in stops for t in tokens) / len(tokens) for lang, stops in STOPWORDS.items()}
    lang, best = max(scores.items(), key=lambda item: item[1])
    return lang if best >= 0.12 else None


def stopword_ratio(text: str, language: str | None) -> float:
    tokens = [w.lower() for w in words(text)]
    if not tokens:
        return 0.0
    stops = STOPWORDS.get(language or "en", STOPWORDS["en"])
    return sum(t in stops for t in tokens) / len(tokens)


# -- dates -------------------------------------------------------------------------------------

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_FORMS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),  # June 13, 2025
    # 13 June 2025, 13 de junho de 2025
    re.compile(rf"\b{_DAY}\.?\s+(?:(?:of|de)\s+)?{_MONTH},?\s+(?:de\s+)?{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]?\d)-(?P<day>[0-3]?\d)(?!\d)"),  # 2025-06-13
]


def find_date(text: str) -> tuple[dt.date, int, int] | None:
    """The first written date in ``text``, with where it starts and ends."""
    for form in _DATE_FORMS:
        match = form.search(text)
        if not match:
            continue
        parts = match.groupdict()
        month = MONTHS[parts["month"].lower()] if parts.get("month") else int(parts["mnum"])
        try:
            return dt.date(int(parts["year"]), month, int(parts["day"])), match.start(), match.end()
        except ValueError:
            continue
    return None


_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?\s?m\.?)?(?:\s*[A-Z]{2,4}\b)?", re.IGNORECASE)
_DATE_WORDS = re.compile(
    r"\b(?:published|updated|posted|modified|last|on|at|date|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|"
    + "|".join(re.escape(w) for w in DATE_WORDS) + r")(?!\w)", re.IGNORECASE)


_AGO = re.compile(r"^\W*(?:(?:posted|updated|published)\s+)?(?:\d+|an?|one)\s+"
                  r"(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b", re.IGNORECASE)


def is_dateline(text: str) -> bool:
    """A line that is a date or time and little else: "Updated 5:40 PM EDT, Tue July 16, 2024"."""
    found = find_date(text)
    if found:
        _, start, end = found
        rest = _DATE_WORDS.sub(" ", _TIME.sub(" ", text[:start] + " " + text[end:]))
        return len(words(rest)) <= 2
    if _AGO.match(text):
        return True  # "2 days ago at 07:52 am"
    if re.match(r"^\W*(?:published|updated|posted|last modified)\b", text, re.IGNORECASE) and _TIME.search(text):
        return len(words(_DATE_WORDS.sub(" ", _TIME.sub(" ", text)))) == 0  # "Updated at 1:23 p.m."
    return False


def parse_iso_date(value: object) -> dt.date | None:
    """A date from an ISO 8601 string as found in JSON-LD and meta tags (time and zone ignored)."""
    if not isinstance(value, str):
        return None
    match = re.match(r"\s*((?:19|20)\d\d)-(\d\d)-(\d\d)", value)
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


# -- bylines -----------------------------------------------------------------------------------

_PARTICLES = {"de", "da", "del", "della", "van", "von", "der", "den", "la", "le", "bin", "al", "el", "di", "du", "dos"}
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞŁŚŻ][\w’'.-]*|[A-Z]\.)$")
_OTHER_SCRIPT_NAME = re.compile(r"^[А-ЯЁΑ-ΩЄІЇҐ][\w’'.-]*$")  # Cyrillic and Greek capitals: "Венера Ерофеева"


def looks_like_name(text: str) -> bool:
    """Two to four capitalised words that are not a date, a section or a sentence: a person."""
    text = squash(text)
    tokens = text.split()
    if not 2 <= len(tokens) <= 4 or len(text) > 40 or re.search(r"\d|[:;!?,|/]", text):
        return False
    capitalised = 0
    for position, token in enumerate(tokens):
        low = token.lower().strip(".")
        if low in _PARTICLES:
            continue
        if not (_NAME_TOKEN.match(token) or _OTHER_SCRIPT_NAME.match(token)) or low in NOT_NAME_WORDS:
            return False
        initial = len(low) == 1 and (token.endswith(".") or 0 < position < len(tokens) - 1)
        # "Sarah E. Needleman", "Minh Do": an initial, or a surname that is a short word in another
        # language, is still a name; an English stop word anywhere makes it a phrase
        foreign_surname = position == len(tokens) - 1 and capitalised >= 1 and low not in STOPWORDS["en"]
        if not initial and not foreign_surname and any(low in stops for stops in STOPWORDS.values()):
            return False
        capitalised += 1
    return capitalised >= 2


CREDIT = re.compile(
    r"^\s*(?:(?:(?:written|reported|words|story|text|analysis|opinion|commentary|review|interview)\s+)?"
    r"(?:by|von|par|por|di|door)\s*[:\-]?\s+"
    r"|(?:text|texto|texte|testo|tekst|текст|author|autor|auteur|autore|автор)\s*:\s*)",  # "Text: Ana Ruiz"
    re.IGNORECASE)
_ROLE_TAIL = re.compile(
    r"\s*(?:[,|–—-]|\bis\b)\s*(?:staff|senior|chief|political|special|contributing|associated|"
    r"correspondent|reporter|editor|writer|columnist|contributor|the |for |in |at |based)\b.*$",
    re.IGNORECASE,
)


ROLE = re.compile(
    r"\b(?:correspondent|reporter|editor|writer|columnist|contributor|staff|photographer|bureau|chief|"
    r"analyst|critic|producer|desk|team|newsroom|agency|press|director|coordinator|manager|(?:co-?)?founder|officer|"
    r"specialist|strategist|expert|consultant|president|head|marketing|engineer|designer|developer|lead|"
    r"assistant|intern|professor|ceo|cto|cfo|vp)\b", re.IGNORECASE)


_ACCOUNTS = {"admin", "administrator", "webmaster", "root", "user", "guest", "editor", "staff", "author",
             "unknown", "anonymous", "team", "by", "posted"}
_GROUP = {"team", "desk", "newsroom", "staff"}
_HANDLE = re.compile(r"^[\w’'.-]+(?: [\w’'.-]+){0,4}$")


def looks_like_handle(text: str) -> bool:
    """A name as people sign: "Kristin", "MixmasterFred", "Great Day Editorial Team" — trusted only where
    the page's markup says it is the author; not an account ("admin"), a date, or a sentence."""
    text = squash(text)
    if not text or len(text) > 50 or not _HANDLE.match(text) or re.search(r"\d{3}", text):
        return False
    tokens = text.lower().split()
    if "by" in tokens[1:]:
        return False  # "Sponsored by Acme": a credit, not a name
    if (tokens[0] in _ACCOUNTS and len(tokens) == 1) or find_date(text) or is_dateline(text):
        return False
    if all(t in _ACCOUNTS or ROLE.fullmatch(t) for t in tokens):
        return False  # "Staff Writer"
    if any(ROLE.fullmatch(t) for t in tokens) and not _GROUP.intersection(tokens):
        return False  # "Head Winemaker", but "Lifestyle Desk" and "Editorial Team" sign as a group
    if any(t in NOT_NAME_WORDS for t in tokens if len(tokens) <= 2):
        return False
    return not all(t in STOPWORDS["en"] for t in tokens)


def clean_byline(raw: str | list[str] | None, *, marked: bool = False) -> str | None:
    """Author names only, as the page writes them ("JANE DOE" stays: the script says it as a name): no
    "By", URLs, roles or bios; several joined as "A, B and C"; a news agency ("Reuters", "AP") when no
    person is named. ``marked``: the page's markup says these are
    authors, so a single name or a handle counts too."""
    if not raw:
        return None
    pieces = raw if isinstance(raw, list) else [raw]
    names: list[str] = []
    agencies: list[str] = []  # a wire service is the byline only when no person is named
    for piece in pieces:
        text = squash(URL.sub(" ", str(piece)))
        text = CREDIT.sub("", text)
        dated = find_date(text)
        if dated:  # "Von Ana Ruiz publiziert am 4. März 2025": the names end before the date
            head = text[: dated[1]].split()
            while head and (not head[-1][:1].isupper() or _DATE_WORDS.fullmatch(head[-1].strip(",.;:"))):
                head.pop()  # "publiziert am", "on Monday,", " - "
            text = " ".join(head) or text
        after = r"\s+(?:[|•·/]|on\s+(?:\w+day|" + "|".join(MONTHS) + r")\b)"
        text = re.split(after, text, maxsplit=1, flags=re.IGNORECASE)[0]
        text = re.split(r"\s+in\s+(?=[A-Z])", text, maxsplit=1)[0]  # "By Ann Lee in Harbor News": a section
        text = _ROLE_TAIL.sub("", text)
        for part in re.split(r"\s*(?:,|;|&|\band\b|\bund\b|\by\b|\bet\b)\s*", text):
            part = part.strip(" .-–—:")
            agency = NEWS_AGENCIES.get(re.sub(r"^the\s+", "", part.lower()))
            if agency:
                if agency not in agencies:
                    agencies.append(agency)
                continue
            if part and part not in names and (
                    (not ROLE.search(part) and looks_like_name(part)) or (marked and looks_like_handle(part))):
                names.append(part)
    names = names or agencies
    if not names:
        return None
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# -- headlines ---------------------------------------------------------------------------------

_SEPARATOR = r"\s+(?:[|–—:·•»~-]|::)\s+"
_SUFFIX = re.compile(_SEPARATOR + r"([^|–—:·•»]{2,60})$")
_PREFIX = re.compile(r"^([^|–—:·•»]{2,60}?)(?:" + _SEPARATOR + r"|:\s+)")


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())


def same_site(text: str | None, sites: Iterable[str], overlap: float = 0.4) -> bool:
    """``text`` names the site: it is one of ``sites`` (site name, publisher, domain) give or take spaces,
    punctuation, "The" or a second word ("Freightwaves Checkpoint" for "Freightwaves")."""
    key = _key(re.sub(r"^the\s+", "", (text or "").strip(), flags=re.IGNORECASE))
    if len(key) < 3:
        return False
    for site in sites:
        other = _key(re.sub(r"^the\s+", "", site.strip(), flags=re.IGNORECASE))
        if len(other) < 3:
            continue
        short, long = sorted((key, other), key=len)
        if short == long or (len(short) >= 5 and short in long and len(short) >= overlap * len(long)):
            return True
    return False


def clean_headline(title: str | None, site_name: str | Iterable[str] | None = None) -> str | None:
    """A headline without a trailing " | Site name" (or " - Site", " — Site") or a leading "Site: ";
    ``site_name`` is the site's name, or every name it goes by (publisher, domain)."""
    if not title:
        return None
    sites = [site_name] if isinstance(site_name, str) else [s for s in site_name or () if s]
    title = squash(title)
    for _ in range(3):
        match = _SUFFIX.search(title)
        if not match:
            break
        suffix = match.group(1).strip()
        head = title[: match.start()].strip()
        # "|" separates a site name far more often than it belongs to a headline
        if same_site(suffix, sites) or any(suffix.lower() in squash(s).lower() for s in sites) or (
                "|" in match.group(0) and len(words(suffix)) <= 5 and len(words(head)) > len(words(suffix))):
            title = head
        else:
            break
    # "Engora Blog: Small adventures", "example.com | Story", "example.com Story"; a headline may well
    # begin with the brand ("Acme Signal #18 – …"), so a prefix must be all but the site's name
    match = _PREFIX.match(title) or re.match(r"^(\S+\.[a-z]{2,6})\s+", title)
    if match and same_site(match.group(1), sites, overlap=0.7) and len(words(title[match.end():])) >= 2:
        title = title[match.end():].strip()
    return title or None
