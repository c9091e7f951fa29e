"""Run innercritic commands as the unprivileged user `nobody` (uid/gid 65534).

Started as root it switches to nobody; started as anyone else it runs as that user.

The interpreter may live where nobody cannot read (here: under /root), so it cannot simply
be exec'd as nobody. Instead this script starts as root, loads every module the commands
use by running them once against a scratch journal, then drops to nobody for good
(setgroups, setgid, setuid: no way back) and runs the real command. From then on every
file access is checked against nobody's permissions, which is what these tests are about.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import tempfile

NOBODY = 65534


def _warm_up() -> None:
    from innercritic import entry

    scratch = tempfile.mkdtemp(prefix="innercritic-warm-")
    db = os.path.join(scratch, "warm.db")
    runs = [
        ["--db", db, "checkin", "--mood", "3", "--note", "warm"],
        ["--db", db, "history"], ["--db", db, "history", "--json"],
        ["--db", db, "show", "1"], ["--db", db, "show", "1", "--format", "md"], ["--db", db, "show", "1", "--format", "json"],
        ["--db", db, "talk", "--plain"], ["--db", db, "talk", "--plain", "--resume"],
        ["--db", os.path.join(scratch, "nope", "x.db"), "checkin", "--mood", "3"],
        ["--db", scratch, "history"],
    ]
    saved_stdin = sys.stdin
    try:
        for argv in runs:
            sys.stdin = io.StringIO("5\nwarm words\n")
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                entry.main(argv)
    finally:
        sys.stdin = saved_stdin
        import shutil

        shutil.rmtree(scratch, ignore_errors=True)


def _run_all(commands: list[dict]) -> list[dict]:
    from innercritic import entry

    results = []
    for command in commands:
        sys.stdin = io.StringIO(command.get("stdin", ""))
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = entry.main(command["argv"])
        results.append({"rc": rc, "out": out.getvalue(), "err": err.getvalue()})
    return results


def main() -> int:
    """argv[1]: JSON list of {"argv": [...], "stdin": "..."}; prints a JSON list of {"rc", "out", "err"}."""
    commands = json.loads(sys.argv[1])
    real_stdout = sys.stdout
    if os.geteuid() == 0:
        saved_umask = os.umask(0o022)
        _warm_up()
        os.umask(saved_umask)
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)
        if os.getuid() != NOBODY or os.geteuid() != NOBODY:
            return 98
    real_stdout.write(json.dumps(_run_all(commands)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
