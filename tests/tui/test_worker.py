"""The app's database thread (tui/worker.py): work runs in order, and idle()/hold() are
what tests wait on and block with."""

from __future__ import annotations

from innercritic.tui.worker import DatabaseThread


def test_work_runs_in_the_order_it_was_submitted_and_idle_waits_for_all_of_it():
    worker = DatabaseThread(name="test-db")
    done: list[int] = []
    release = worker.hold()
    for n in range(5):
        worker.submit(done.append, n)
    idle = worker.idle()
    assert not idle.done() and done == []  # held: everything queues up behind the hold
    release.set()
    idle.result(timeout=10)
    assert done == [0, 1, 2, 3, 4]
    assert worker.shutdown(wait=True, timeout=10)


def test_a_failing_job_reaches_its_future_and_the_thread_goes_on():
    worker = DatabaseThread(name="test-db")
    failed = worker.submit(lambda: 1 / 0)
    after = worker.submit(lambda: "still here")
    assert isinstance(failed.exception(timeout=10), ZeroDivisionError)
    assert after.result(timeout=10) == "still here"
    assert worker.shutdown(wait=True, timeout=10)


def test_the_app_has_one_worker_it_runs_every_database_job_on(tmp_path):
    from innercritic.services.entries import Settings
    from innercritic.tui.app import make_app

    app = make_app(Settings(db_path=str(tmp_path / "j.db"), db_is_default=False))
    release = app.worker.hold()
    ran = app.db(lambda: "ran")
    assert not ran.done()
    release.set()
    assert ran.result(timeout=10) == "ran"
    assert app.worker.shutdown(wait=True, timeout=10)
