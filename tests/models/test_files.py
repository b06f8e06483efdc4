"""models.files: the one way a file is replaced (export, screenshot, pictures, layout JSON)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from models.files import replacing, write_atomically


def test_the_file_gets_the_data_and_the_usual_mode(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    write_atomically(out, b"{}")
    assert out.read_bytes() == b"{}"
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask  # not mkstemp's 0600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_an_old_file_is_replaced_whole(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    out.write_bytes(b"x" * 100_000)
    write_atomically(out, b"short")
    assert out.read_bytes() == b"short"


def test_a_failure_while_writing_leaves_the_old_file_and_nothing_beside_it(
        tmp_path: Path) -> None:
    out = tmp_path / "out.png"
    out.write_bytes(b"old")
    with pytest.raises(RuntimeError), replacing(out) as temporary:
        temporary.write(b"half of it")
        assert Path(temporary.name).parent == tmp_path
        assert Path(temporary.name).name.startswith(".out.png.")  # hidden, beside the target
        raise RuntimeError("the encoder failed")
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.png"]


def test_links_planted_where_it_writes_are_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("keep me")
    (tmp_path / "out.json.partial").symlink_to(victim)  # the temporary name of old
    out = tmp_path / "out.json"
    write_atomically(out, b"new")
    assert victim.read_text() == "keep me"
    assert out.read_bytes() == b"new" and not out.is_symlink()


def test_a_target_that_is_a_link_is_replaced_by_a_file(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("keep me")
    out = tmp_path / "out.json"
    out.symlink_to(victim)
    write_atomically(out, b"new")
    assert victim.read_text() == "keep me"
    assert not out.is_symlink() and out.read_bytes() == b"new"


@pytest.mark.parametrize("where", ["missing/out.json", "a-file/out.json", "a-folder"])
def test_what_cannot_be_written_is_named(tmp_path: Path, where: str) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    (tmp_path / "a-folder").mkdir()
    out = tmp_path / where
    with pytest.raises(OSError, match=f"Could not write {out}"):
        write_atomically(out, b"data")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "a-folder"]
    assert not list((tmp_path / "a-folder").iterdir())
