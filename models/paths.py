"""Where Chronolens keeps things: the bundled resources and the user's own store."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

APP_NAME = "Chronolens"


def resource_path(*parts: str) -> Path:
    """A file under resources/, from a checkout or from inside a PyInstaller bundle."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
    return base.joinpath("resources", *parts)


def sample_story_path() -> Path:
    return resource_path("sample", "huawei-ericsson.json")


def default_store_path() -> Path:
    """The user's store in the platform data folder (XDG_DATA_HOME on Linux)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "chronolens.db"



def backup_folder() -> Path:
    """Where verified copies of stores are kept before each upgrade (the last few of each)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "backups"
