"""Where an episode is encoded before it goes public: one folder per publishing process.

Encoding runs without the feed lock, so two publishes of one feed each need their own folder; it is
on the same disk as ``public/`` (unless ``public/`` is a mount point of its own), so moving an episode
in is a rename. A folder whose process no longer runs (killed) is removed by the next publish or build.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

from audionews.feed.folder import FeedFolder
from audionews.files import move_file
from audionews.model import Episode

__all__ = ["move_in", "remove_dead_staging", "remove_staging_folder", "staging_folder"]


def staging_folder(folder: FeedFolder) -> Path:
    """This process's own staging folder; those of processes that no longer run are removed."""
    remove_dead_staging(folder)
    mine = folder.staging / str(os.getpid())
    mine.mkdir(parents=True, exist_ok=True)
    return mine


def remove_dead_staging(folder: FeedFolder) -> None:
    """Remove the staging folders of processes that no longer run (killed mid-publish)."""
    for other in folder.staging.glob("*"):
        if other.name.isdigit() and int(other.name) != os.getpid() and not _running(int(other.name)):
            shutil.rmtree(other, ignore_errors=True)


def remove_staging_folder(folder: FeedFolder) -> None:
    shutil.rmtree(folder.staging / str(os.getpid()), ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but not ours to signal
    return True


def move_in(staged: Path, target: Path, episode: Episode) -> Episode:
    """Put an encoded episode in ``public/``: a rename, or a copy and a rename when ``public/`` is on
    another disk (a mount point of its own)."""
    move_file(staged, target)
    return dataclasses.replace(episode, path=str(target))
