"""`import ARTICLE --article`: proposals printed, nothing written unless --accept-all; the
same article again updates what it wrote."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from models.paths import sample_story_path
from models.store import Store

ROOT = Path(__file__).resolve().parent.parent
TEXT = ("Acme Corp said on Tuesday it had agreed to buy Widget Works. The two companies first "
        "talked in 2019, chief executive Jane Doe said. Huawei was not involved.\n")


def chronolens(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "main.py", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_proposals_are_printed_and_nothing_is_written(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    assert chronolens("--db", db, "import", sample_story_path()).returncode == 0
    article = tmp_path / "acme.txt"
    article.write_text(TEXT, encoding="utf-8")
    with Store.open(db) as store:
        before = store.info()
    done = chronolens("--db", db, "import", article, "--article", "--published", "2024-03-15",
                      "--json")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["written"] is False
    [proposals] = found["proposals"]
    assert proposals["article"]["published"] == "2024-03-15"
    assert {"2024-03-12", "2019"} <= {e["date"] for e in proposals["events"]}
    assert all(e["quote"] in TEXT for e in proposals["events"])
    assert any(p["match"] == "huawei" for p in proposals["parties"])
    in_events = {p["name"]: p["in_an_event"] for p in proposals["parties"]}
    assert in_events["Acme"] and in_events["Jane Doe"] and not in_events["Huawei"]
    with Store.open(db) as store:
        assert store.info() == before
    done = chronolens("--db", db, "import", article, "--article", "--published", "2024-03-15",
                      "--accept-all")
    assert done.returncode == 0, done.stderr
    written = len(proposals["events"])
    assert f"Imported {written} events from 1 article" in done.stdout
    assert "named in no event (not written): Huawei" in done.stdout
    with Store.open(db) as store:
        after = store.info()
        assert after.events == before.events + written and after.sources == before.sources + 1
        # Only the parties that take part in an event are new in the store.
        assert after.parties == before.parties + 3  # Acme, Widget Works, Jane Doe
    # The same article again: updated, not added twice.
    assert chronolens("--db", db, "import", article, "--article", "--published", "2024-03-15",
                      "--accept-all").returncode == 0
    with Store.open(db) as store:
        assert store.info() == after


def test_article_options_need_article_and_bad_input_is_named(tmp_path: Path) -> None:
    article = tmp_path / "acme.txt"
    article.write_text(TEXT, encoding="utf-8")
    done = chronolens("--db", tmp_path / "s.db", "import", article, "--accept-all")
    assert done.returncode == 1 and "go with --article" in done.stderr
    done = chronolens("--db", tmp_path / "s.db", "import", article, "--article",
                      "--published", "last week")
    assert done.returncode == 1 and "'last week'" in done.stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    done = chronolens("--db", tmp_path / "s.db", "import", empty, "--article")
    assert done.returncode == 1 and "empty.txt" in done.stderr and "Traceback" not in done.stderr
