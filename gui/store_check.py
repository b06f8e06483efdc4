"""The full check of a store opened read-only at once (Store.open(check_later=True)): run in a
thread of its own while the window is already in use; its findings come back to the GUI thread,
which makes the store writable if it passed."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from models.errors import StoreError

if TYPE_CHECKING:
    from models.store import Store


class StoreVerifier(QObject):
    """`start()` runs `store.verify()` in a thread; `progress` names each check as it starts,
    `done` carries the StoreCheck (or the StoreError that stopped it) to the GUI thread."""

    progress = Signal(str)
    done = Signal(object)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="chronolens-check", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """The window is closing: whatever the check finds is no longer wanted."""
        self._stopped = True

    def _say(self, what: str) -> None:
        if not self._stopped:
            self.progress.emit(what)

    def _run(self) -> None:
        try:
            report: object = self._store.verify(progress=self._say)
        except StoreError as error:
            report = error
        if not self._stopped:
            try:
                self.done.emit(report)
            except RuntimeError:  # the window is gone
                pass
