"""GUI fixtures: every test gets its own QSettings folder, so window state never leaks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings


@pytest.fixture(autouse=True)
def _fresh_qsettings(tmp_path: Path) -> Iterator[None]:
    QCoreApplication.setOrganizationName("Chronolens")
    QCoreApplication.setApplicationName("Chronolens-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qs"))
    yield


@pytest.fixture(autouse=True)
def _no_modal_import_preview(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The import preview is modal: a test that opens it without answering it would wait
    forever. Such a test fails instead; tests of the preview patch `exec` themselves. Mappings
    are remembered in this test's own folder."""
    from gui.column_mapping import ColumnMappingDialog

    monkeypatch.setattr(ColumnMappingDialog, "exec",
                        lambda self: pytest.fail("the import preview opened: answer it"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
