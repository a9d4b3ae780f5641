"""Apple Podcasts categories and their subcategories, as data.

From Apple's "Podcast categories" list (Podcasts Connect help, in force since 2019). A feed's
``category`` setting is one of the keys (``"News"``) or a key and one of its subcategories
(``"News/Daily News"``); :func:`check_category` says which valid one was probably meant.
"""

from __future__ import annotations

import difflib

from audionews.errors import ConfigError

__all__ = ["APPLE_CATEGORIES", "check_category", "valid_categories"]

APPLE_CATEGORIES: dict[str, tuple[str, ...]] = {
    "Arts": ("Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"),
    "Business": ("Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit"),
    "Comedy": ("Comedy Interviews", "Improv", "Stand-Up"),
    "Education": ("Courses", "How To", "Language Learning", "Self-Improvement"),
    "Fiction": ("Comedy Fiction", "Drama", "Science Fiction"),
    "Government": (),
    "Health & Fitness": ("Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition", "Sexuality"),
    "History": (),
    "Kids & Family": ("Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"),
    "Leisure": ("Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies", "Home & Garden",
                "Video Games"),
    "Music": ("Music Commentary", "Music History", "Music Interviews"),
    "News": ("Business News", "Daily News", "Entertainment News", "News Commentary", "Politics", "Sports News",
             "Tech News"),
    "Religion & Spirituality": ("Buddhism", "Christianity", "Hinduism", "Islam", "Judaism", "Religion",
                                "Spirituality"),
    "Science": ("Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics", "Natural Sciences",
                "Nature", "Physics", "Social Sciences"),
    "Society & Culture": ("Documentary", "Personal Journals", "Philosophy", "Places & Travel", "Relationships"),
    "Sports": ("Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf", "Hockey", "Rugby",
               "Running", "Soccer", "Swimming", "Tennis", "Volleyball", "Wilderness", "Wrestling"),
    "Technology": (),
    "True Crime": (),
    "TV & Film": ("After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"),
}


def valid_categories() -> list[str]:
    """Every valid setting: ``"News"``, ``"News/Daily News"``, …"""
    return [name for category, subs in APPLE_CATEGORIES.items()
            for name in (category, *(f"{category}/{sub}" for sub in subs))]


def check_category(value: str) -> tuple[str, str | None]:
    """``"News/Daily News"`` → ``("News", "Daily News")``; a ConfigError naming the closest valid one."""
    category, _, sub = (part.strip() for part in value.partition("/"))
    if category in APPLE_CATEGORIES and (not sub or sub in APPLE_CATEGORIES[category]):
        return category, sub or None
    shown = repr(value) if len(value) <= 60 else repr(value[:57]) + "…"
    raise ConfigError(f"category {shown} is not an Apple Podcasts category{_suggestion(value[:100])}")


def _suggestion(value: str) -> str:
    folded = {choice.lower(): choice for choice in valid_categories()}
    wanted = "/".join(part.strip() for part in value.lower().split("/"))
    close = difflib.get_close_matches(wanted, list(folded), n=1, cutoff=0.4)
    if close:
        return f"; did you mean {folded[close[0]]!r}?"
    return f" (main categories: {', '.join(APPLE_CATEGORIES)})"
