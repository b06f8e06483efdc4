"""The screenshot kill test (benchmarks/kill_screenshot.py, issue #12): a short run of it, and
its checker shown to catch a damaged file (else "0 damaged" means nothing)."""

from __future__ import annotations

import json
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from benchmarks.kill_screenshot import layout_state, png_size, png_state

ROOT = Path(__file__).resolve().parent.parent


def chunk(kind: bytes, body: bytes) -> bytes:
    return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")


def png(width: int, height: int) -> bytes:
    """A whole grey PNG, made without Qt."""
    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def test_killed_screenshots_leave_the_old_file_or_a_whole_new_one(tmp_path: Path) -> None:
    # Short: 3 trials (the full run uses >= 20).
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.kill_screenshot", "--trials", "3", "--seed", "1",
         "--timing-runs", "1", "--size", "640x400", "--workdir", str(tmp_path), "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["trials"] == 3 and report["damaged_targets"] == 0 and report["errors"] == 0
    assert report["png"]["old"] + report["png"]["new"] == 3
    assert not (tmp_path / "trials").exists()


def test_a_whole_png_is_new_and_its_size_is_read() -> None:
    assert png_size(png(30, 20)) == (30, 20)


@pytest.mark.parametrize("damage", [
    lambda data: data[:-1],  # IEND cut short
    lambda data: data[:len(data) // 2],  # half written
    lambda data: b"",  # truncated to nothing
    lambda data: data[:40] + bytes([data[40] ^ 1]) + data[41:],  # a flipped bit: CRC
    lambda data: data + b"more",  # something after IEND
])
def test_a_damaged_png_is_caught(tmp_path: Path, damage) -> None:
    out = tmp_path / "OUT.png"
    out.write_bytes(damage(png(30, 20)))
    assert png_state(out, old=b"old bytes") == "damaged"


def test_old_new_and_missing(tmp_path: Path) -> None:
    out = tmp_path / "OUT.png"
    out.write_bytes(png(30, 20))
    assert png_state(out, old=png(30, 20)) == "old"
    assert png_state(out, old=b"old") == "new"
    assert png_state(tmp_path / "gone.png", old=b"old") == "damaged"


def test_a_layout_is_old_new_or_damaged(tmp_path: Path) -> None:
    out = tmp_path / "OUT.json"
    out.write_text('{"lanes": []}')
    assert layout_state(out, old=b"{}") == "new"
    assert layout_state(out, old=out.read_bytes()) == "old"
    out.write_text('{"lanes": [')
    assert layout_state(out, old=b"{}") == "damaged"
