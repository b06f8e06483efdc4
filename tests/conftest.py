"""Shared fixtures. Qt runs offscreen; settings and the user's data folder go to a temp dir."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"
_SANDBOX = Path(tempfile.mkdtemp(prefix="chronolens-tests-"))
# Never read or write the real user's store or settings from a test.
os.environ["XDG_DATA_HOME"] = str(_SANDBOX / "data")
os.environ["XDG_CONFIG_HOME"] = str(_SANDBOX / "config")
os.environ["XDG_STATE_HOME"] = str(_SANDBOX / "state")

from models.interchange import read_native  # noqa: E402
from models.paths import sample_story_path  # noqa: E402
from models.store import Store  # noqa: E402
from models.story import Story  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def sample_story() -> Story:
    return read_native(sample_story_path())


@pytest.fixture
def store(sample_story: Story) -> Iterator[Store]:
    """An in-memory store holding the sample story."""
    with Store.memory() as s:
        s.add_stories([sample_story])
        yield s


@pytest.fixture
def store_file(tmp_path: Path, sample_story: Story) -> Path:
    """A store file on disk holding the sample story."""
    path = tmp_path / "story.db"
    with Store.open(path, create=True) as s:
        s.add_stories([sample_story])
    return path
