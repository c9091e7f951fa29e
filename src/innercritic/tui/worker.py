"""The app's one database thread: submitted work runs in order, one job at a time.

Like ThreadPoolExecutor(max_workers=1), but a daemon thread: when the app
closes while a job waits on a journal another innercritic has locked, the
process ends at once instead of waiting out the busy timeout (Python joins an
executor's threads at exit). Nothing is lost by that: an answer is committed
whole or not at all, and what is being typed has already been kept (see
tui/base.py and store/kept_aside.py).
"""

from __future__ import annotations

import queue
import threading
from concurrent.futures import Future
from typing import Any, Callable


class DatabaseThread:
    def __init__(self, name: str = "innercritic-db") -> None:
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._started = False
        self._closed = False
        self._start_lock = threading.Lock()

    def submit(self, work: Callable[..., Any], *args: Any) -> Future:
        future: Future = Future()
        with self._start_lock:
            if self._closed:
                raise RuntimeError("the database thread has been shut down")
            if not self._started:
                self._thread.start()
                self._started = True
            self._jobs.put((future, work, args))
        return future

    def idle(self) -> Future:
        """Done once everything submitted before it has run: what tests (and anyone else
        who needs the queue drained) wait on."""
        return self.submit(lambda: None)

    def hold(self) -> threading.Event:
        """Keep the thread busy until the returned event is set: work submitted meanwhile
        queues up, as it does behind a slow save."""
        release = threading.Event()
        self.submit(release.wait)
        return release

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            future, work, args = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = work(*args)
            except BaseException as error:  # noqa: BLE001 - handed to whoever waits on the future
                future.set_exception(error)
            else:
                future.set_result(result)

    def shutdown(self, wait: bool = True, timeout: float | None = None) -> bool:
        """No more work; let queued work finish, waiting at most `timeout` seconds.
        True when the thread finished (or never started)."""
        with self._start_lock:
            self._closed = True
            started = self._started
        if not started:
            return True
        self._jobs.put(None)
        if wait:
            self._thread.join(timeout)
        return not self._thread.is_alive()
