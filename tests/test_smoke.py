"""`--smoke-test`, run as a user (or CI, after building the bundle) runs it: a real process."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import main
from gui import smoke

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
