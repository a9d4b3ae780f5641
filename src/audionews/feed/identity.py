"""Which episode an article is: the same article published again, or corrected, updates its episode.

An article with a URL is its URL. A text article (a file, stdin) is its headline and byline followed by
a signature of its paragraphs, so two different stories under one headline are never one episode, and
a corrected text is matched to the episode it corrects by the words of the paragraphs they share.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections import Counter
from collections.abc import Iterable

from audionews.feed.catalog import Catalog
from audionews.model import Article

__all__ = ["SAME_SHARE", "guid_for", "identity_of", "identity_parts", "known_identity", "shared_share", "text_share"]

SAME_SHARE = 0.5
"""Two texts under one headline and byline are one article (a corrected version) when the words of the
paragraphs they share are more than this share of the longer one's words; else they are two stories.
Counted in words, a copyright line or newsletter footer under every story of a column cannot make two
of them one; where it is unclear, a second episode is made: nothing published is replaced by mistake."""


def identity_of(article: Article) -> str:
    """What makes two publishes the same article (``url:<url>`` or ``text:<headline byline>|<hash>.<hash>…``)."""
    return identity_parts(article.url, article.headline, article.byline, article.body)


def identity_parts(url: str | None, headline: str, byline: str | None, paragraphs: Iterable[str] = ()) -> str:
    """:func:`identity_of` from the parts it reads, for what is not yet an article (a feed entry)."""
    if url:
        return "url:" + url.split("#")[0]
    return f"{_text_key(headline, byline)}|{'.'.join(_paragraph_hashes(paragraphs))}"


def _text_key(headline: str, byline: str | None) -> str:
    return "text:" + re.sub(r"\W+", " ", f"{headline} {byline or ''}").strip().lower()


def _paragraph_hashes(paragraphs: Iterable[str]) -> list[str]:
    """A short hash of each paragraph's words with their count (``hash-words``): changed punctuation
    or spacing leaves it the same, and the count lets a long paragraph weigh more than a footer."""
    signature = []
    for text in paragraphs:
        tokens = re.findall(r"\w+", text.lower())
        if tokens:
            digest = hashlib.blake2b(" ".join(tokens).encode("utf-8"), digest_size=4).hexdigest()
            signature.append(f"{digest}-{len(tokens)}")
    return signature


def shared_share(mine: list[str], theirs: list[str]) -> float:
    """The words of the paragraphs two signatures share (as multisets), over the longer one's words."""
    def words_of(signature: Counter[str]) -> int:
        return sum(int(h.rsplit("-", 1)[-1]) * n for h, n in signature.items() if h.rsplit("-", 1)[-1].isdigit())

    ours, others = Counter(mine), Counter(theirs)
    longer = max(words_of(ours), words_of(others))
    return words_of(ours & others) / longer if longer else 0.0


def text_share(old: str, new: str) -> float:
    """How much of ``old`` stays in ``new``: the runs of three words they share (as multisets), over the
    longer text's runs. A correction keeps most of them, even one that changes a word in every paragraph
    (which :func:`shared_share` of paragraphs would call all new); another story keeps next to none
    (single words would not do: any two texts share "the" and "of")."""
    def runs(text: str) -> Counter[tuple[str, ...]]:
        words = re.findall(r"\w+", text.lower())
        return Counter(tuple(words[i:i + 3]) for i in range(max(len(words) - 2, 1 if words else 0)))

    mine, theirs = runs(old), runs(new)
    longer = max(sum(mine.values()), sum(theirs.values()))
    return sum((mine & theirs).values()) / longer if longer else 1.0


def known_identity(catalog: Catalog, article: Article) -> str:
    """The identity under which ``article`` is, or will be, an episode: a text article whose headline
    and byline match an episode's and most of whose words stand in the same paragraphs takes that
    episode's identity (a re-publish or a corrected version updates it, the closest one if several
    do); any other keeps its own."""
    identity = identity_of(article)
    if article.url or catalog.by_identity(identity):
        return identity
    key = _text_key(article.headline, article.byline)
    mine = _paragraph_hashes(article.body)
    description = article.description
    best, best_share = identity, SAME_SHARE
    for record in catalog.text_identities(key):
        if record.identity == key:  # stored before identities carried paragraphs: its description tells,
            # unless it is only the headline (an article of list items has no paragraph to describe it)
            if description != article.headline and record.description == description and best == identity:
                best = record.identity
            continue
        share = shared_share(mine, record.identity[len(key) + 1 :].split("."))
        if share > best_share:
            best, best_share = record.identity, share
    return best


def guid_for(identity: str) -> str:
    """A GUID that never changes for the same article (UUIDv5 of its identity)."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'audionews:' + identity)}"
