"""Regression: PySide6-Essentials 6.12.0 on CPython 3.11 aborts after ~5,000 Qt calls that
return nothing (each drops a reference to None: "none_dealloc"). We pin 6.11.x there; this
makes 20,000 such calls in one process to prove the installed build survives them."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_twenty_thousand_void_qt_calls_do_not_crash() -> None:
    script = textwrap.dedent("""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtCore import QObject, QRect
        from PySide6.QtWidgets import QApplication, QWidget
        app = QApplication([])
        widget = QWidget()
        rect = QRect()
        for i in range(20_000):
            widget.setObjectName("w")   # void
            rect.setWidth(i)             # void
        print("ok", sys.getrefcount(None) > 0)
    """)
    # In a subprocess: an abort must fail this test, not kill the test run.
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("ok")


def test_pin_keeps_python_311_off_612() -> None:
    from importlib.metadata import version

    installed = tuple(int(part) for part in version("PySide6-Essentials").split(".")[:2])
    if sys.version_info < (3, 12):
        assert installed < (6, 12), f"PySide6-Essentials {installed} crashes on Python 3.11"
