"""Work off the GUI thread.

`run_in_thread`: one long job (reading files to import, reading an article and proposing its
events) in a Python thread behind a progress dialog that stays live; Cancel returns at once and
tells the job to stop.

`LatestOnlyWorker`: a worker thread that only cares about the newest request, for fetches whose
answers go stale. The GUI submits numbered jobs; each runs against the worker's own reader (a
read-only store connection made for this thread), an older job's running query is interrupted
when a newer one arrives, and only the newest job's results reach the GUI, through a queued Qt
signal.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal

from models.errors import StoreInterrupted

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressDialog

T = TypeVar("T")
POLL_MS = 30


def run_in_thread(work: Callable[[Callable[[], bool]], T], dialog: QProgressDialog,
                  name: str) -> T | None:
    """`work(cancelled)` in a Python thread while `dialog` stays live (a local event loop
    polls it): what work returns, or what it raises, raised here; None when the dialog's Cancel
    was pressed. Then `cancelled()` turns true for work to stop at; the thread ends on its own
    and anything it made is dropped, so work must write nothing."""
    stop = threading.Event()
    result: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            result.append(work(stop.is_set))
        except BaseException as error:  # handed to the GUI thread, raised there
            failure.append(error)

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(POLL_MS)
    timer.timeout.connect(lambda: loop.quit() if not thread.is_alive() or
                          dialog.wasCanceled() else None)
    timer.start()
    loop.exec()
    timer.stop()
    if dialog.wasCanceled():
        stop.set()
        return None
    if failure:
        raise failure[0]
    return result[0]


class Reader(Protocol):
    def interrupt(self) -> None: ...

    def close(self) -> None: ...


Job = Callable[[Any, Callable[[Any], None]], None]  # job(reader, emit)


class _Bridge(QObject):
    """Lives in the GUI thread; signals emitted from the worker arrive there queued."""

    result = Signal(int, object)  # job number, what the job emitted
    failed = Signal(int, str)  # job number, what went wrong


class LatestOnlyWorker:
    """One Python thread, one reader. `submit` supersedes whatever ran or waited before."""

    def __init__(self, reader: Reader, name: str) -> None:
        self._reader = reader
        self.bridge = _Bridge()
        self._requests: queue.SimpleQueue[tuple[int, Job] | None] = queue.SimpleQueue()
        self.latest = 0
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def submit(self, number: int, job: Job) -> None:
        self.latest = number
        self._reader.interrupt()  # stop whatever older query is running now
        self._requests.put((number, job))

    def stop(self, *, wait: bool = False) -> None:
        """End the thread (it closes its reader); with wait=True, return once it has ended,
        so that nothing runs on while Qt and Python shut down."""
        self.latest = -1
        self._reader.interrupt()
        self._requests.put(None)
        if wait and threading.current_thread() is not self._thread:
            self._thread.join(timeout=5)

    def current(self, number: int) -> bool:
        """Whether job `number` is still the one wanted (jobs check this between queries)."""
        return number == self.latest

    def _emit(self, signal: Any, number: int, value: Any) -> None:
        if number != self.latest:
            return
        try:
            signal.emit(number, value)
        except RuntimeError:  # the receiver is gone
            self.latest = -1

    def _run(self) -> None:
        try:
            while (request := self._requests.get()) is not None:
                number, job = request
                if number != self.latest:
                    continue  # a newer request is waiting: skip this one
                def emit(value: Any, number: int = number) -> None:
                    self._emit(self.bridge.result, number, value)

                try:
                    job(self._reader, emit)
                except StoreInterrupted:
                    pass  # superseded: the newer job reports
                except Exception as error:  # a broken file must not end the worker
                    self._emit(self.bridge.failed, number, str(error) or type(error).__name__)
        finally:
            self._reader.close()
