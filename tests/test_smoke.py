"""`--smoke-test`, run as a user (or CI, after building the bundle) runs it: a real process."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import main
from gui import smoke
from models.paths import sample_story_path

ROOT = Path(__file__).resolve().parent.parent
# Set by CI after `pyinstaller build.spec` to run the same check on the bundle's executable.
BUNDLE_ENV = "CHRONOLENS_BUNDLE"
PASSED = re.compile(
    r"^smoke test passed: Chronolens \d+\.\d+\.\d+\S*, sample store (\d+) events / (\d+) parties, "
    r"search 'Ericsson' found 1 party and (\d+) events \(and 'Ericson' finds it too\), "
    r"timeline frame (\d+)x(\d+) painted "
    r"with (\d+) "
    r"colours, window icon in (\d+) sizes, in \d+ ms$")


def run_smoke(command: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    # No QT_QPA_PLATFORM: the smoke test must choose offscreen itself (CI has no display).
    env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
    env.update(XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
               XDG_STATE_HOME=str(home / "state"))
    return subprocess.run([*command, "--smoke-test"], cwd=home, capture_output=True, text=True,
                          timeout=120, env=env)


def check_passed(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    match = PASSED.match(lines[0])
    assert match, lines[0]
    events, parties, found, width, height, colours, icons = map(int, match.groups())
    assert (events, parties) == (10, 8)
    assert found >= 1 and width > 100 and height > 100 and colours >= 2 and icons == 8


def test_smoke_test_passes_from_the_checkout(tmp_path: Path) -> None:
    result = run_smoke([sys.executable, str(ROOT / "main.py")], tmp_path)
    check_passed(result)
    # It builds its store in a temporary folder, never in the user's data folder.
    assert not (tmp_path / "data" / "Chronolens" / "chronolens.db").exists()


@pytest.mark.skipif(not os.environ.get(BUNDLE_ENV), reason=f"{BUNDLE_ENV} not set (no bundle)")
def test_smoke_test_passes_in_the_bundle(tmp_path: Path) -> None:
    bundle = Path(os.environ[BUNDLE_ENV]).resolve()
    assert bundle.is_file(), f"{bundle}: no such executable"
    check_passed(run_smoke([str(bundle)], tmp_path))


def test_a_failure_exits_1_with_the_reason(monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    monkeypatch.setattr(smoke, "sample_story_path", lambda: tmp_path / "missing.json")
    assert main.main(["--smoke-test"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("chronolens: smoke test failed: SmokeTestFailed: the sample story is "
                          "missing: ")


# One small file of each format that is not Chronolens JSON (the exports make the others).
FOREIGN_FILES = {
    "icews.tab": "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\t"
                 "CAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\t"
                 "Sentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\t"
                 "Longitude\n1\t2018-06-01\tHuawei\tBusiness\tChina\tConsult\t040\t1\tEricsson\t"
                 "Business\tSweden\t7\t1\tAFP\tNA\tNA\tNA\tChina\tNA\tNA\n",
    "gdelt.CSV": "\t".join(["1", "20240921", "202409", "2024", "2024.7"] + [""] * 52
                           + ["https://example.org/a"]) + "\n",
    "vis.json": '[{"id": 1, "content": "Item", "start": "2014-04-20"}]',
    "old.timeline": "<?xml version='1.0' encoding='utf-8'?><timeline><version>2.3.0</version>"
                    "<categories/><events><event><start>2019-05-15 00:00:00</start>"
                    "<end>2019-05-15 00:00:00</end><text>Day</text></event></events></timeline>",
    "sheet.csv": "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,"
                 "Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n"
                 "2016,,,,,,,,,A slide,,,,,,,,\n",
}


def every_format_in_and_out(command: list[str], home: Path) -> None:
    """Import one file of every format, export every format, import the exports again: the
    readers and writers that are only imported by name must be in the installation."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(home / "data"),
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_STATE_HOME": str(home / "state")}

    def run(*args: str | Path) -> str:
        done = subprocess.run([*command, *map(str, args)], cwd=home, capture_output=True,
                              text=True, timeout=180, env=env)
        assert done.returncode == 0, done.stderr
        return done.stdout

    for name, text in FOREIGN_FILES.items():
        (home / name).write_text(text, encoding="utf-8")
    store = home / "all.db"
    run("--db", store, "import", sample_story_path(), *(home / n for n in FOREIGN_FILES))
    outputs = {"native": "out.json", "timelinejs": "tl.json", "csv": "out.csv",
               "png": "view.png", "svg": "view.svg", "pdf": "view.pdf"}
    for format, name in outputs.items():
        run("--db", store, "export", home / name, "--format", format)
        assert (home / name).stat().st_size > 100
    again = run("--db", home / "again.db", "import", home / "out.json", home / "tl.json",
                home / "out.csv", "--json")
    assert '"format": "native, timelinejs, csv"' in again
    # A workbook: the spreadsheet reader and calamine's compiled module.
    workbook = (ROOT / "tests" / "interop" / "realfiles"
                / "bthos__powerpoint-timeline-generator__timeline.xlsx")
    shown = json.loads(run("--db", store, "import", workbook, "--preview", "--json"))
    assert shown["sheet"] and shown["failing"] == 0 and shown["rows"][0]["event"]["date"]
    # An article: the reader, its gazetteer (a resource file) and the proposals.
    (home / "news.txt").write_text("Acme Corp said on Friday it would open a plant in Berlin "
                                   "in 2025.\n", encoding="utf-8")
    proposed = run("--db", store, "import", home / "news.txt", "--article", "--published",
                   "2024-05-10", "--json")
    assert '"date": "2025?"' in proposed and '"name": "Acme"' in proposed


def test_every_format_in_and_out_from_the_checkout(tmp_path: Path) -> None:
    every_format_in_and_out([sys.executable, str(ROOT / "main.py")], tmp_path)


@pytest.mark.skipif(not os.environ.get(BUNDLE_ENV), reason=f"{BUNDLE_ENV} not set (no bundle)")
def test_every_format_in_and_out_of_the_bundle(tmp_path: Path) -> None:
    every_format_in_and_out([str(Path(os.environ[BUNDLE_ENV]).resolve())], tmp_path)
