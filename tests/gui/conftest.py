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
