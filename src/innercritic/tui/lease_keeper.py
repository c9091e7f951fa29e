"""Keep an open dialogue marked as open while a person takes their time.

A dialogue's lease goes stale when it has not been renewed for a while
(store/leases.py), so that a hung or far-away holder never blocks it forever.
A person may think for many minutes between two answers, so while plain talk
waits for a line or the app waits for a key, this daemon thread renews the
journal's leases every LEASE_RENEW_SECONDS. The Journal serialises it with
every other use of its connection.
"""

from __future__ import annotations

import threading


class LeaseKeeper:
    def __init__(self, journal, every: float | None = None) -> None:
        from innercritic.services.dialogue import LEASE_RENEW_SECONDS

        self._journal = journal
        self._every = LEASE_RENEW_SECONDS if every is None else every
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="innercritic-lease", daemon=True)

    def start(self) -> "LeaseKeeper":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopped.set()

    def _run(self) -> None:
        while not self._stopped.wait(self._every):
            try:
                self._journal.renew_leases()
            except Exception:  # noqa: BLE001 - busy or closed: the next round tries again
                pass

    def __enter__(self) -> "LeaseKeeper":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
