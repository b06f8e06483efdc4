"""The command line, run as a user runs it: a real process, a real store file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str, home: Path, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "cfg"),
               QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=home,
                          capture_output=True, text=True, timeout=timeout, env=env)


def test_version(tmp_path: Path) -> None:
    result = cli("--version", home=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("Chronolens ")


def test_first_run_builds_the_user_store_from_the_sample(tmp_path: Path) -> None:
    result = cli("info", "--json", home=tmp_path)
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["events"] == 10 and info["parties"] == 8 and info["sources"] == 1
    assert info["aliases"] >= 4
    assert info["earliest"] == "2016" and info["latest"].startswith("2023")
    store = tmp_path / "data" / "Chronolens" / "chronolens.db"
    assert Path(info["path"]) == store and store.exists()
    assert not list(store.parent.glob("*.building*"))


def test_search_washington_lists_the_united_states_and_its_events(tmp_path: Path) -> None:
    result = cli("search", "Washington", "--json", home=tmp_path)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["parties"][0]["name"] == "United States"
    assert found["parties"][0]["matched_alias"] == "Washington"
    assert any(e["key"] == "us-sanctions" for e in found["events"])
    assert len(found["events"]) >= 3


@pytest.mark.parametrize("text", ['"unbalanced AND (', "NEAR(", "*", "-x", "🙂", "華為"])
def test_search_odd_text_exits_zero(tmp_path: Path, text: str) -> None:
    result = cli("search", "--json", "--", text, home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["text"] == text


def test_export_import_export_round_trip(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert cli("export", str(first), home=tmp_path).returncode == 0
    new_store = tmp_path / "new.db"
    imported = cli("--db", str(new_store), "import", str(first), "--json", home=tmp_path)
    assert imported.returncode == 0, imported.stderr
    summary = json.loads(imported.stdout)
    assert summary["events"] == 10 and summary["format"] == "native"
    assert cli("--db", str(new_store), "export", str(second), home=tmp_path).returncode == 0
    assert first.read_bytes() == second.read_bytes()


def test_invalid_import_is_one_clear_line_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "chronolens", "version": 1, "events": [{"id": "x", '
                   '"title": "No date"}]}', encoding="utf-8")
    store = tmp_path / "s.db"
    result = cli("--db", str(store), "import", str(bad), home=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "$.events[0].date: is required" in result.stderr and "bad.json" in result.stderr
    check = cli("--db", str(store), "info", "--json", home=tmp_path)
    assert check.returncode != 0 or json.loads(check.stdout)["events"] == 0


def test_read_commands_on_a_missing_store_say_so(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    result = cli("--db", str(missing), "info", home=tmp_path)
    assert result.returncode == 1 and "No store at" in result.stderr
    assert "Traceback" not in result.stderr and not missing.exists()


@pytest.mark.parametrize("command", [
    ("info",), ("info", "--json"), ("search", "Huawei"), ("export", "out.json"),
    ("export", "out.png"), ("screenshot", "shot.png"), ("check",),
    ("import", "--article", "article.txt"),  # proposes without a store: none is opened
])
def test_reading_commands_on_a_missing_db_never_touch_the_default_store(
        tmp_path: Path, command: tuple[str, ...]) -> None:
    (tmp_path / "article.txt").write_text("On 25 August 2023 Huawei said nothing.\n")
    missing = tmp_path / "missing.db"
    result = cli("--db", str(missing), *command, home=tmp_path)
    assert "Traceback" not in result.stderr
    if command[0] == "import":
        assert result.returncode == 0, result.stderr
    else:
        [line] = result.stderr.splitlines()
        assert result.returncode == 1 and str(missing) in line
    assert not missing.exists() and not (tmp_path / "data").exists()  # XDG_DATA_HOME
    assert not (tmp_path / "out.json").exists() and not (tmp_path / "shot.png").exists()


def test_not_a_store_is_a_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"PK\x03\x04" + b"\x00" * 2000)
    before = junk.read_bytes()
    result = cli("--db", str(junk), "search", "x", home=tmp_path)
    assert result.returncode == 1 and "not a Chronolens store" in result.stderr
    assert "Traceback" not in result.stderr and junk.read_bytes() == before


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert cli("frobnicate", home=tmp_path).returncode == 2
    assert cli("search", home=tmp_path).returncode == 2


@pytest.mark.parametrize("args", [
    # An OverflowError traceback (SQLite's integers are 64-bit).
    ("search", "Huawei", "--limit", str(2**63 - 1)),
    ("search", "Huawei", "--limit", "9" * 5000),  # beyond int()'s 4,300 digits
    ("search", "Huawei", "--limit", "0"),
    # These ran for ever (generating 2**63 events, or as many parties).
    ("generate", "g.db", "--events", str(2**63 - 1)),
    ("generate", "g.db", "--events", "10", "--parties", str(2**63 - 1)),
    ("generate", "g.db", "--events", "-1"),
    ("generate", "g.db", "--events", "10", "--seed", str(2**63)),
    ("generate", "g.db", "--events", "ten"),
])
def test_whole_numbers_out_of_range_are_refused_with_the_range(tmp_path: Path,
                                                               args: tuple[str, ...]) -> None:
    result = cli(*args, home=tmp_path, timeout=60)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    error = result.stderr.splitlines()[-1]
    assert f"argument {args[-2]}: " in error and ": give a whole number from " in error
    assert len(error) < 200 and not (tmp_path / "g.db").exists()


def test_the_largest_numbers_allowed_work(tmp_path: Path) -> None:
    result = cli("search", "Huawei", "--limit", "1000000000", "--json", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["parties"][0]["name"] == "Huawei"
    result = cli("generate", str(tmp_path / "g.db"), "--events", "5", "--parties", "2",
                 "--seed", str(-(2**63)), home=tmp_path)
    assert result.returncode == 0, result.stderr


def test_screenshot_renders_the_window(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    result = cli("screenshot", str(out), "--size", "1200x800", home=tmp_path)
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 800)


def test_screenshot_bad_arguments(tmp_path: Path) -> None:
    out = tmp_path / "x.png"
    bad_size = cli("screenshot", str(out), "--size", "huge", home=tmp_path)
    assert bad_size.returncode == 1 and "--size" in bad_size.stderr
    bad_span = cli("screenshot", str(out), "--span", "2016/20x", home=tmp_path)
    assert bad_span.returncode == 1 and "Traceback" not in bad_span.stderr
    assert not out.exists()


def test_window_opens_paints_and_can_report_its_first_frame(tmp_path: Path) -> None:
    # The start-up benchmark relies on this: the real window path, offscreen, exits by itself.
    env_home = tmp_path
    env = dict(os.environ, XDG_DATA_HOME=str(env_home / "data"),
               XDG_CONFIG_HOME=str(env_home / "cfg"), QT_QPA_PLATFORM="offscreen",
               CHRONOLENS_REPORT_FIRST_FRAME="1")
    result = subprocess.run([sys.executable, str(ROOT / "main.py")], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "first-frame"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 and Wayland are Linux's")
@pytest.mark.parametrize("display", [
    {"QT_QPA_PLATFORM": "xcb", "DISPLAY": ""},  # the report: DISPLAY= QT_QPA_PLATFORM=xcb
    {"DISPLAY": ""},  # no QT_QPA_PLATFORM, no WAYLAND_DISPLAY
    {"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":9999"},  # a display that is not there
])
def test_the_window_without_a_display_says_so_in_one_line(tmp_path: Path,
                                                          display: dict[str, str]) -> None:
    # Qt aborted here (exit 134) with lines naming a library that was not the missing one.
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE")}
    env.update(XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "cfg"),
               XDG_RUNTIME_DIR=str(tmp_path / "run"), **display)
    result = subprocess.run([sys.executable, str(ROOT / "main.py")], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("chronolens: cannot open a window: ")
    assert "DISPLAY" in line or "sudo apt install" in line


def test_history_lists_imports_and_edits_and_filters_by_date(tmp_path: Path) -> None:
    from models.store import Store
    from models.store.commands import EditEvent

    db = tmp_path / "h.db"
    sample = ROOT / "resources" / "sample" / "huawei-ericsson.json"
    assert cli("--db", str(db), "import", str(sample), home=tmp_path).returncode == 0
    with Store.open(db) as store:
        event_id = store.events_in(-(2**62), 2**62, limit=1)[0].id
        store.apply(EditEvent(event_id, title="Fixed title"))
    shown = cli("--db", str(db), "history", home=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert "import of huawei-ericsson.json" in shown.stdout
    assert f'events {event_id} title:' in shown.stdout and '"Fixed title"' in shown.stdout
    listed = json.loads(cli("--db", str(db), "history", "--json", home=tmp_path).stdout)
    assert [c["action"] for c in listed] == ["import", "edit"]
    assert listed[1]["records"][0]["new"] == '"Fixed title"'
    later = cli("--db", str(db), "history", "--since", "2999-01-01", home=tmp_path)
    assert later.returncode == 0 and "No changes kept since 2999-01-01." in later.stdout
    bad = cli("--db", str(db), "history", "--since", "yesterday", home=tmp_path)
    assert bad.returncode == 1 and "--since 'yesterday'" in bad.stderr and not bad.stdout


def test_search_query_language_and_filter_on_info(tmp_path: Path) -> None:
    """Fields narrow the search; --filter narrows info; odd pieces are notes, not errors."""
    result = cli("search", "--json", "party:Huawei role:signatory", home=tmp_path)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    keys = {e["key"] for e in found["events"]}
    assert "renewal-2023" in keys or any("renew" in e["title"] for e in found["events"])
    assert found["parties"][0]["name"] == "Huawei" and not found["notes"]
    result = cli("search", "--json", "party:Nobody", home=tmp_path)
    found = json.loads(result.stdout)
    assert result.returncode == 0 and not found["events"]
    assert any("no party is called that" in n for n in found["notes"])
    result = cli("info", "--json", "--filter", "date:2016", home=tmp_path)
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert 0 < info["passing_filter"] < info["events"]
    result = cli("info", "--view", "nope", home=tmp_path)
    assert result.returncode != 0 and "no such view" in result.stderr


WARS = ("Name,From,To,person\n"
        "Yalta Conference,4 Feb 1945,11 Feb 1945,\"Roosevelt, Churchill, Stalin\"\n"
        "Battle of Berlin,April-May 1945 ,,\"Zhukov, Konev\"\n"
        "Meeting,05/08/2023,,\n")


def test_import_preview_prints_the_mapping_and_rows_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "wars.csv").write_text(WARS, encoding="utf-8")
    db = tmp_path / "new.db"
    done = cli("--db", str(db), "import", "wars.csv", "--preview", "--json", home=tmp_path)
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert [(c["column"], c["field"]) for c in shown["mapping"]["columns"]] == [
        ("Name", "title"), ("From", "date"), ("To", "end"), ("person", "parties")]
    assert shown["mapping"]["parties_sep"] == "," and shown["failing"] == 1
    assert shown["rows"][0]["event"]["date"] == "1945-02-04/1945-02-11"
    assert "5 August or 8 May" in shown["rows"][2]["problems"][0]
    assert not db.exists()
    text = cli("import", "wars.csv", "--preview", home=tmp_path)
    assert "  From                     → Date" in text.stdout
    assert "1 row of 3 rows would fail" in text.stdout and "--date-order" in text.stdout


def test_import_with_columns_and_date_order(tmp_path: Path) -> None:
    (tmp_path / "wars.csv").write_text(WARS, encoding="utf-8")
    db = tmp_path / "store.db"
    refused = cli("--db", str(db), "import", "wars.csv", home=tmp_path)
    assert refused.returncode == 1 and "choose the date order" in refused.stderr
    done = cli("--db", str(db), "import", "wars.csv", "--date-order", "dmy", "--json",
               "--columns", "description=To", "--parties-sep", ";", home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["events"] == 3
    found = cli("--db", str(db), "search", "Roosevelt", "--json", home=tmp_path)
    assert "Roosevelt, Churchill, Stalin" in found.stdout  # one party: ";" separates them
    found = cli("--db", str(db), "search", "Yalta", "--json", home=tmp_path)
    assert '"display_date": "4 Feb 1945"' in found.stdout  # "To" was the description


@pytest.mark.parametrize(("option", "message"), [
    ("title", "'title' should be field=column, e.g. title=label"),
    ("tilte=Name", "'tilte' is not a field; the fields are title, date"),
    ("title=Nom", "no column named 'Nom'; the columns are 'Name', 'From', 'To', 'person'"),
])
def test_bad_columns_are_named(tmp_path: Path, option: str, message: str) -> None:
    (tmp_path / "wars.csv").write_text(WARS, encoding="utf-8")
    done = cli("--db", str(tmp_path / "s.db"), "import", "wars.csv", "--columns", option,
               "--preview", home=tmp_path)
    assert done.returncode == 1 and message in done.stderr
    assert "Traceback" not in done.stderr
