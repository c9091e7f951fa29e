"""innercritic benchmarks: every row of the performance issue, side by side in one run.

    make bench                          # everything, 15 runs per side (writes bench/RESULTS.md)
    .venv/bin/python bench/run.py --quick                # 5 runs per side
    .venv/bin/python bench/run.py --only history         # one row (or a prefix: search, mem, inproc)
    .venv/bin/python bench/run.py --list                 # the rows

It creates what it needs under bench/.cache (git-ignored) and reuses it:
jrnl 4.6 in its own venv, the generated 200,000-turn journal and the same
dialogues as a 10,000-entry jrnl journal, jrnl config files. See
bench/README.md for what each row measures. Exit status is 0 whenever the
measurements ran: a missed target is reported as FAIL, not as an error.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import json
import os
import platform
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
CACHE = os.path.join(BENCH, ".cache")
sys.path.insert(0, BENCH)

import generate  # noqa: E402  (bench/generate.py)

JRNL_VERSION = "4.6"
JRNL_VENV = os.path.join(CACHE, "jrnl-venv")
JRNL = os.path.join(JRNL_VENV, "bin", "jrnl")
BIG_DB = os.path.join(CACHE, "big.db")
BIG_TXT = os.path.join(CACHE, "big.txt")
BIG_YAML = os.path.join(CACHE, "big.yaml")
BIG_STAMP = os.path.join(CACHE, "big.stamp.json")
SMALL_DB = os.path.join(CACHE, "small-template.db")
SMALL_STAMP = os.path.join(CACHE, "small.stamp.json")
RESULTS_MD = os.path.join(BENCH, "RESULTS.md")
LAST_JSON = os.path.join(CACHE, "last-results.json")

# The venv this harness runs in is the one that has innercritic installed.
VENV_BIN = os.path.dirname(sys.executable)
PYTHON = sys.executable
INNERCRITIC = os.path.join(VENV_BIN, "innercritic")
BARE_APP = os.path.join(BENCH, "bare_textual_app.py")
BARE_TEXT = "innercritic bench ready"

CHECKIN_NOTE = "The meeting went better than the critic said."
SMALL_JRNL_TEXT = (
    "[2026-10-01 08:30] Slept badly, critic loud about the report.\n"
    "Noticed it, didn't argue with it.\n\n"
    "[2026-10-02 21:10] Long day at work. Did enough.\n\n"
    "[2026-10-04 19:45] Good walk by the river.\n"
    "Felt lighter afterwards.\n\n"
    "[2026-10-06 07:55] The voice said I forgot the attachment again.\n\n"
    "[2026-10-07 22:05] Dinner with friends, laughed a lot.\n"
)

PTY_COLS, PTY_ROWS = 80, 24
PTY_TIMEOUT = 30.0
MEM_SETTLE = 1.0  # seconds to wait after the first screen before reading VmHWM
HOME_QUIET = 0.5  # bare `innercritic`: the home screen counts as shown once output is quiet this long
MIB = 1024 * 1024


# ----------------------------------------------------------------------------- small helpers


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def file_digest(*paths: str) -> str:
    digest = hashlib.sha256()
    for path in paths:
        with contextlib.suppress(OSError), open(path, "rb") as handle:
            digest.update(handle.read())
    return digest.hexdigest()[:16]


def read_json(path: str) -> dict | None:
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def write_json(path: str, data: dict) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2, sort_keys=True)


def last_line(text: str | bytes, width: int = 110) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    lines = [line.strip() for line in strip_ansi(text).splitlines() if line.strip()]
    line = lines[-1] if lines else "(no output)"
    return line if len(line) <= width else line[: width - 1] + "…"


_ANSI = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[()][0-9A-Za-z]|[@-Z\\-_=>78])"
)


def strip_ansi(text: str) -> str:
    return _ANSI.sub("", text)


def squash(text: str) -> str:
    """Text with every escape sequence and all whitespace removed, for matching screen output."""
    return "".join(strip_ansi(text).split())


def bench_env(home: str) -> dict[str, str]:
    """One environment for every process we time: a throw-away HOME and XDG dirs, 80 columns."""
    env = {
        key: value for key, value in os.environ.items()
        if not key.startswith(("INNERCRITIC", "TEXTUAL", "XDG_", "JRNL", "PYTHON")) and key not in ("NO_COLOR", "FORCE_COLOR")
    }
    env.update(
        HOME=home,
        XDG_DATA_HOME=os.path.join(home, ".local", "share"),
        XDG_CONFIG_HOME=os.path.join(home, ".config"),
        XDG_CACHE_HOME=os.path.join(home, ".cache"),
        XDG_STATE_HOME=os.path.join(home, ".local", "state"),
        COLUMNS=str(PTY_COLS),
        LINES=str(PTY_ROWS),
        LANG=os.environ.get("LANG") or "C.UTF-8",
        EDITOR="",
        VISUAL="",
    )
    for key in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        os.makedirs(env[key], exist_ok=True)
    return env


# ----------------------------------------------------------------------------- preparation


def ensure_jrnl() -> str:
    """jrnl 4.6 in bench/.cache/jrnl-venv (python3 -m venv + pip), created once."""
    if os.path.exists(JRNL):
        probe = subprocess.run([JRNL, "--version"], capture_output=True, text=True)
        if f"v{JRNL_VERSION}" in probe.stdout:
            return JRNL
        log(f"bench: {JRNL} is not jrnl {JRNL_VERSION}; rebuilding its venv")
        shutil.rmtree(JRNL_VENV)
    log(f"bench: installing jrnl {JRNL_VERSION} into {os.path.relpath(JRNL_VENV, ROOT)} (once)")
    python3 = shutil.which("python3") or sys.executable
    subprocess.run([python3, "-m", "venv", JRNL_VENV], check=True)
    done = subprocess.run(
        [os.path.join(JRNL_VENV, "bin", "python"), "-m", "pip", "install", "--quiet",
         "--disable-pip-version-check", f"jrnl=={JRNL_VERSION}"],
        capture_output=True, text=True,
    )
    if done.returncode != 0:
        sys.exit(f"bench: could not install jrnl {JRNL_VERSION}:\n{done.stdout}\n{done.stderr}")
    return JRNL


def jrnl_config(path: str, journal_file: str) -> None:
    """jrnl's config: the given journal, no colours or highlighting, no editor."""
    text = (
        "colors:\n  body: none\n  date: none\n  tags: none\n  title: none\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
        "indent_character: '|'\n"
        f"journals:\n  default:\n    journal: {json.dumps(journal_file)}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\n"
        "timeformat: '%Y-%m-%d %H:%M'\n"
        f"version: '{JRNL_VERSION}'\n"
    )
    with contextlib.suppress(OSError), open(path, encoding="utf-8") as handle:
        if handle.read() == text:
            return
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def _schema_version(path: str) -> str:
    with contextlib.suppress(OSError), open(path, encoding="utf-8") as handle:
        found = re.search(r"^SCHEMA_VERSION\s*=\s*(\d+)", handle.read(), re.M)
        if found:
            return found.group(1)
    return "?"


def _data_key() -> dict:
    """What the generated journals depend on: the generator and the schema code."""
    store = os.path.join(ROOT, "src", "innercritic", "store")
    return {
        "generate": file_digest(os.path.join(BENCH, "generate.py")),
        "schema": file_digest(os.path.join(store, "schema.py"), os.path.join(store, "tables.py")),
        "schema_version": _schema_version(os.path.join(store, "connection.py")),
        "flows": file_digest(*sorted(
            os.path.join(ROOT, "data", "flows", name)
            for name in os.listdir(os.path.join(ROOT, "data", "flows")) if name.endswith(".toml")
        )) if os.path.isdir(os.path.join(ROOT, "data", "flows")) else "",
    }


def ensure_big_journal(force: bool = False) -> dict:
    key = _data_key()
    stamp = read_json(BIG_STAMP)
    if (not force and stamp and stamp.get("key") == key
            and os.path.exists(BIG_DB) and os.path.exists(BIG_TXT)):
        return stamp["stats"]
    log("bench: generating the 10,000-dialogue / 200,000-turn journal and its jrnl twin (once)…")
    stats = generate.generate(BIG_DB, BIG_TXT, quiet=True)
    write_json(BIG_STAMP, {"key": key, "stats": stats})
    log("bench: generated " + ", ".join(f"{k}={v}" for k, v in stats.items()))
    return stats


def ensure_small_journal() -> None:
    """A small existing innercritic journal (a few dialogues and check-ins, the last before today)."""
    key = _data_key()
    stamp = read_json(SMALL_STAMP)
    if stamp and stamp.get("key") == key and os.path.exists(SMALL_DB):
        return
    generate.generate(SMALL_DB, None, dialogues=5, turns=90, checkins=8, rare_word=None, quiet=True)
    write_json(SMALL_STAMP, {"key": key})


def copy_journal(source: str, target: str) -> None:
    for suffix in ("-wal", "-shm", ""):
        with contextlib.suppress(FileNotFoundError):
            os.remove(target + suffix)
    shutil.copyfile(source, target)
    os.chmod(target, 0o600)


# ----------------------------------------------------------------------------- measuring


@dataclass
class Sample:
    values: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def low(self) -> float:
        return min(self.values)

    @property
    def high(self) -> float:
        return max(self.values)


@dataclass
class Row:
    name: str
    job: str
    baseline: str
    target: str
    unit: str = "ms"
    ours: Sample | None = None
    theirs: Sample | None = None
    ratio: float | None = None
    value: float | None = None  # absolute rows (in-process ms, MiB)
    status: str = "n/a"
    note: str = ""
    importtime: list[str] = field(default_factory=list)


class RunFailed(Exception):
    pass


def time_process(
    argv: list[str], env: dict[str, str], check: str | None = None, verify=None, stdin: bytes | None = None,
) -> float:
    """Wall time of one run of argv (stdout/stderr to pipes, stdin empty or `stdin`), in seconds.
    Afterwards (untimed): the exit status must be 0, the output must contain `check`
    and `verify()` (if given) must return None rather than a complaint."""
    started = time.perf_counter()
    if stdin is None:
        done = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True)
    else:
        done = subprocess.run(argv, env=env, input=stdin, capture_output=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RunFailed(f"exit {done.returncode}: {last_line(done.stderr or done.stdout, 300)}")
    if check is not None and check not in (done.stdout + done.stderr).decode("utf-8", "replace"):
        raise RunFailed(f"output lacks {check!r}: {last_line(done.stdout or done.stderr)}")
    complaint = verify() if verify else None
    if complaint:
        raise RunFailed(complaint)
    return elapsed


ROW_BUDGET = 150.0  # seconds; a pair whose runs would take longer gets fewer (at least MIN_REPEATS)
MIN_REPEATS = 5


def interleaved(
    ours: dict, theirs: dict, repeats: int, env: dict[str, str],
) -> tuple[Sample, Sample]:
    """Warm up once each, then ours, theirs, ours, theirs… `repeats` times (fewer if
    the warm-up shows that would take over ROW_BUDGET seconds; never under MIN_REPEATS)."""
    ours_times: list[float] = []
    theirs_times: list[float] = []
    failures: dict[str, str] = {}
    run = 0
    warm_up_cost = 0.0
    while run <= repeats:
        for side, spec, times in (("ours", ours, ours_times), ("baseline", theirs, theirs_times)):
            if side in failures:
                continue
            if spec.get("prepare"):
                spec["prepare"]()
            try:
                elapsed = time_process(
                    spec["argv"], {**env, **spec.get("env", {})}, spec.get("check"), spec.get("verify"), spec.get("stdin"),
                )
            except RunFailed as problem:
                failures[side] = str(problem)
                continue
            if run > 0:
                times.append(elapsed)
            else:
                warm_up_cost += elapsed
        if failures:
            break
        if run == 0 and warm_up_cost * repeats > ROW_BUDGET:
            repeats = max(min(MIN_REPEATS, repeats), int(ROW_BUDGET / warm_up_cost))
        run += 1
    if failures:
        raise RunFailed("; ".join(f"{side}: {why}" for side, why in failures.items()))
    return Sample(ours_times), Sample(theirs_times)


# ----------------------------------------------------------------------------- pty


@dataclass
class PtyRun:
    seconds: float | None
    peak_mib: float | None
    output: bytes
    exited: int | None


def _process_tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError, ValueError):
            with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as handle:
                stat = handle.read()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def peak_python_mib(root: int) -> float | None:
    """VmHWM (peak resident set) of the python process in root's tree, in MiB."""
    best = None
    for pid in _process_tree(root):
        with contextlib.suppress(OSError):
            with open(f"/proc/{pid}/status", encoding="utf-8") as handle:
                status = handle.read()
            name = re.search(r"^Name:\s*(.*)$", status, re.M)
            hwm = re.search(r"^VmHWM:\s*(\d+)\s*kB", status, re.M)
            if hwm and (pid == root or (name and "python" in name.group(1).lower())):
                kib = int(hwm.group(1))
                best = kib if best is None else max(best, kib)
    return None if best is None else best / 1024


def run_in_pty(
    argv: list[str], env: dict[str, str], *, needle: str | None, settle: float = 0.0,
    measure_memory: bool = False, timeout: float = PTY_TIMEOUT,
) -> PtyRun:
    """Start argv on a fresh 80x24 pty; time until `needle` is on screen (escape
    sequences and whitespace ignored). With needle None, "on screen" means some
    text appeared and the output then went quiet for HOME_QUIET seconds.
    Then, optionally, wait `settle` seconds and read the peak memory. The
    process group is always killed and the pty closed afterwards."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", PTY_ROWS, PTY_COLS, 0, 0))
    env = dict(env, TERM="xterm-256color", COLUMNS=str(PTY_COLS), LINES=str(PTY_ROWS))

    def become_terminal_owner() -> None:  # runs in the child, after setsid
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    started = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
        start_new_session=True, preexec_fn=become_terminal_owner,
    )
    os.close(slave)
    output = bytearray()
    seen_at: float | None = None
    last_data = started
    squashed_needle = squash(needle) if needle else None
    exited = None

    def drain(wait: float) -> bool:
        nonlocal last_data
        ready, _, _ = select.select([master], [], [], wait)
        if not ready:
            return True
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            return False
        if not data:
            return False
        output.extend(data)
        last_data = time.perf_counter()
        return True

    try:
        alive = True
        while seen_at is None and alive:
            now = time.perf_counter()
            if now - started > timeout:
                break
            alive = drain(0.05)
            if squashed_needle is not None:
                if squashed_needle in squash(output.decode("utf-8", "replace")):
                    seen_at = last_data
            elif (squash(output.decode("utf-8", "replace"))
                  and time.perf_counter() - last_data >= HOME_QUIET and proc.poll() is None):
                seen_at = last_data
            if proc.poll() is not None and seen_at is None:
                while drain(0.05):
                    pass
                exited = proc.returncode
                break
        peak = None
        if seen_at is not None:
            until = time.perf_counter() + settle
            while time.perf_counter() < until and drain(max(0.0, until - time.perf_counter())):
                pass
            if measure_memory and proc.poll() is None:
                peak = peak_python_mib(proc.pid)
        if proc.poll() is not None and exited is None and seen_at is None:
            exited = proc.returncode
        return PtyRun(None if seen_at is None else seen_at - started, peak, bytes(output), exited)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=3)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        os.close(master)


def pty_failure(run: PtyRun, what: str) -> str:
    screen = last_line(run.output)
    if run.exited is not None:
        return f"{what} exited ({run.exited}) before its screen appeared: {screen}"
    return f"{what} showed nothing recognisable within {PTY_TIMEOUT:.0f} s: {screen}"


# ----------------------------------------------------------------------------- import times


_IMPORT_LINE = re.compile(r"import time:\s+(\d+)\s*\|\s+(\d+)\s*\|( *)(\S+)")


@dataclass
class Imported:
    name: str
    self_us: int
    cumulative_us: int
    children: list["Imported"] = field(default_factory=list)


def import_tree(text: str) -> list[Imported]:
    """Rebuild the import tree from -X importtime output (children are printed before their parent)."""
    pending: list[tuple[int, Imported]] = []
    for match in _IMPORT_LINE.finditer(text):
        depth = len(match.group(3)) // 2
        node = Imported(match.group(4), int(match.group(1)), int(match.group(2)))
        while pending and pending[-1][0] > depth:
            node.children.insert(0, pending.pop()[1])
        pending.append((depth, node))
    return [node for _, node in pending]


def _ours(name: str) -> bool:
    return name == "innercritic" or name.startswith("innercritic.")


def summarise_importtime(text: str, top: int = 8) -> list[str]:
    """Where start-up import time goes: the total, the heaviest libraries that innercritic's own
    modules import (cumulative, with the importing module), and self time by package."""
    roots = import_tree(text)
    if not roots:
        return []
    edges: list[tuple[int, str, str]] = []
    by_package: dict[str, int] = {}

    def visit(node: Imported, parent: str | None) -> None:
        root = node.name.split(".")[0]
        by_package[root] = by_package.get(root, 0) + node.self_us
        if parent is not None and _ours(parent) and not _ours(node.name):
            edges.append((node.cumulative_us, node.name, parent))
        for child in node.children:
            visit(child, node.name)

    seen_ours = False
    for node in roots:
        visit(node, None)
        if _ours(node.name):
            seen_ours = True
        elif seen_ours:  # imported at run time, inside a function of ours
            edges.append((node.cumulative_us, node.name, "a function, lazily"))
    total = sum(node.cumulative_us for node in roots)
    ours_total = sum(node.cumulative_us for node in roots if _ours(node.name))
    edges.sort(reverse=True)
    packages = sorted(by_package.items(), key=lambda kv: -kv[1])[:top]
    own: list[tuple[int, str]] = []

    def own_modules(node: Imported) -> None:
        if _ours(node.name):
            own.append((node.self_us, node.name))
        for child in node.children:
            own_modules(child)

    for node in roots:
        own_modules(node)
    own.sort(reverse=True)
    return [
        f"imports: {total / 1000:.0f} ms in all, {ours_total / 1000:.0f} ms under innercritic "
        "(one run with python -X importtime, which inflates times a little)",
        "heaviest imports made by innercritic modules (cumulative): "
        + ", ".join(f"{name} {us / 1000:.1f} ms (from {parent})" for us, name, parent in edges[:top]),
        "self time by package: " + ", ".join(f"{name} {us / 1000:.1f} ms" for name, us in packages),
        "innercritic modules by self time: " + ", ".join(f"{name} {us / 1000:.1f} ms" for us, name in own[:5]),
    ]


def importtime_of(args: list[str], env: dict[str, str]) -> list[str]:
    """The innercritic console script run once under `python -X importtime`, summarised."""
    done = subprocess.run(
        [PYTHON, "-X", "importtime", INNERCRITIC, *args], env=env,
        stdin=subprocess.DEVNULL, capture_output=True, text=True,
    )
    return summarise_importtime(done.stderr)


def importtime_in_pty(args: list[str], env: dict[str, str], needle: str | None) -> list[str]:
    run = run_in_pty([PYTHON, "-X", "importtime", INNERCRITIC, *args], env, needle=needle)
    return summarise_importtime(strip_ansi(run.output.decode("utf-8", "replace")).replace("\r", ""))


# ----------------------------------------------------------------------------- the rows


@dataclass
class Context:
    repeats: int
    env: dict[str, str]
    tmp: str
    stats: dict
    explain: bool

    @property
    def home(self) -> str:
        return self.env["HOME"]


def judge_ratio(row: Row, limit: float) -> None:
    row.ratio = row.ours.median / row.theirs.median
    row.status = "PASS" if row.ratio <= limit else "FAIL"


def process_pair(ctx: Context, row: Row, ours: dict, theirs: dict, limit: float, explain_args: list[str]) -> Row:
    try:
        row.ours, row.theirs = interleaved(ours, theirs, ctx.repeats, ctx.env)
    except RunFailed as problem:
        row.status, row.note = "ERROR", str(problem)
        if ctx.explain and problem.args and "ours" in str(problem):
            row.importtime = importtime_of(explain_args, ctx.env)
        return row
    judge_ratio(row, limit)
    if row.status == "FAIL" and ctx.explain:
        row.importtime = importtime_of(explain_args, ctx.env)
    return row


def row_checkin(ctx: Context) -> Row:
    row = Row("checkin", 'innercritic checkin --mood 3 --critic 5 --note "…"',
              'jrnl "…" (one entry, small journal)', "≤ 1.0×")
    work_db = os.path.join(ctx.tmp, "checkin.db")
    small_txt = os.path.join(ctx.tmp, "small-jrnl.txt")
    small_yaml = os.path.join(ctx.tmp, "small-jrnl.yaml")
    jrnl_config(small_yaml, small_txt)

    def reset_jrnl() -> None:
        with open(small_txt, "w", encoding="utf-8") as handle:
            handle.write(SMALL_JRNL_TEXT)

    def jrnl_wrote() -> str | None:  # jrnl says nothing when stderr is not a terminal
        with open(small_txt, encoding="utf-8") as handle:
            return None if CHECKIN_NOTE in handle.read() else "jrnl did not add the entry"

    args = ["--db", work_db, "checkin", "--mood", "3", "--critic", "5", "--note", CHECKIN_NOTE]
    jrnl_side = {"argv": [JRNL, "--config-file", small_yaml, CHECKIN_NOTE], "prepare": reset_jrnl, "verify": jrnl_wrote}
    process_pair(
        ctx, row,
        {"argv": [INNERCRITIC, *args], "prepare": lambda: copy_journal(SMALL_DB, work_db), "check": "Saved check-in"},
        jrnl_side, 1.0, args,
    )
    if row.status == "ERROR" and row.note.startswith("ours"):
        # Not the row's job, but a figure for the lead: the same check-in without a note.
        try:
            ours, theirs = interleaved(
                {"argv": [INNERCRITIC, *args[:-2]], "prepare": lambda: copy_journal(SMALL_DB, work_db),
                 "check": "Saved check-in"},
                jrnl_side, max(3, ctx.repeats // 3), ctx.env,
            )
            row.note += (f" | for reference only, the same check-in without --note: {ours.median * 1000:.0f} ms"
                         f" vs jrnl {theirs.median * 1000:.0f} ms = {ours.median / theirs.median:.2f}×")
        except RunFailed as problem:
            row.note += f" | without --note it fails too: {problem}"
    return row


def row_help(ctx: Context) -> Row:
    row = Row("help", "innercritic --help", "jrnl --version", "≤ 1.3×")
    return process_pair(
        ctx, row, {"argv": [INNERCRITIC, "--help"], "check": "checkin"},
        {"argv": [JRNL, "--version"], "check": JRNL_VERSION}, 1.3, ["--help"],
    )


def row_nudge(ctx: Context) -> Row:
    row = Row("nudge", "innercritic nudge (small journal)", "python -c pass", "≤ 3×")
    nudge_db = os.path.join(ctx.tmp, "nudge.db")
    copy_journal(SMALL_DB, nudge_db)
    args = ["--db", nudge_db, "nudge"]
    return process_pair(
        ctx, row, {"argv": [INNERCRITIC, *args]}, {"argv": [PYTHON, "-c", "pass"]}, 3.0, args,
    )


def row_history(ctx: Context) -> Row:
    row = Row("history", "innercritic history -n 10 (big)", "jrnl -n 10 (10,000 entries)", "≤ 0.5×")
    args = ["--db", BIG_DB, "history", "-n", "10"]
    return process_pair(
        ctx, row, {"argv": [INNERCRITIC, *args]},
        {"argv": [JRNL, "--config-file", BIG_YAML, "-n", "10"]}, 0.5, args,
    )


def _row_search(ctx: Context, name: str, word: str, label: str) -> Row:
    row = Row(name, f"innercritic history --search {word} ({label})", f"jrnl -contains {word}", "≤ 0.05×")
    args = ["--db", BIG_DB, "history", "--search", word]
    return process_pair(
        ctx, row, {"argv": [INNERCRITIC, *args], "check": "dialogue"},
        {"argv": [JRNL, "--config-file", BIG_YAML, "-contains", word], "check": "found"}, 0.05, args,
    )


def row_search_rare(ctx: Context) -> Row:
    return _row_search(ctx, "search-rare", generate.RARE_WORD, "rare: 1 answer")


def row_search_common(ctx: Context) -> Row:
    entries = ctx.stats.get("common_entries")
    label = f"common: {entries:,} entries" if entries else "common"
    return _row_search(ctx, "search-common", generate.COMMON_WORD, label)


def _row_inproc(ctx: Context, name: str, word: str, label: str) -> Row:
    row = Row(name, f"queries.history(HistoryQuery(limit=20, search={word!r})) ({label})", "—", "< 20 ms")
    try:
        from innercritic.engine.records import HistoryQuery
        from innercritic.store.journal import Journal
    except ImportError as problem:
        row.status, row.note = "ERROR", f"cannot import the journal: {problem}"
        return row
    query = HistoryQuery(limit=20, search=word)
    times = []
    ranked_note = ""
    with Journal(BIG_DB, create=False) as journal:
        found = journal.history(query)  # warm-up
        for _ in range(50):
            started = time.perf_counter()
            journal.history(query)
            times.append(time.perf_counter() - started)
        ranked = getattr(journal, "search", None)
        if callable(ranked):  # for information: the ranked search `history --search` now runs
            try:
                ranked(query)
                ranked_times = []
                for _ in range(20):
                    started = time.perf_counter()
                    ranked(query)
                    ranked_times.append(time.perf_counter() - started)
                ranked_note = (f"; for information, the ranked Journal.search that `history --search` runs:"
                               f" {statistics.median(ranked_times) * 1000:.1f} ms (median of 20)")
            except Exception as problem:  # noqa: BLE001 - someone else's code, only a note
                ranked_note = f"; Journal.search failed: {problem.__class__.__name__}: {problem}"
    row.ours = Sample(times)
    row.value = row.ours.median * 1000
    row.status = "PASS" if row.value < 20 else "FAIL"
    row.note = f"{len(found)} entries returned; 50 searches" + ranked_note
    return row


def row_inproc_rare(ctx: Context) -> Row:
    return _row_inproc(ctx, "inproc-rare", generate.RARE_WORD, "rare")


def row_inproc_common(ctx: Context) -> Row:
    return _row_inproc(ctx, "inproc-common", generate.COMMON_WORD, "common")


def talk_prompt() -> tuple[str | None, str]:
    """The critic flow's first prompt, or (None, why not)."""
    try:
        from innercritic.engine.flow_files import load_flows

        prompt = load_flows()["critic"].first.prompt
    except Exception as problem:  # noqa: BLE001 - another engineer's module; report, don't crash
        return None, f"cannot read the critic flow's first prompt ({problem.__class__.__name__}: {problem})"
    return re.sub(r"\{[^|{}]*\|([^{}]*)\}", r"\1", prompt), ""


def talk_available(ctx: Context) -> str:
    """'' when `innercritic talk` exists, else why not."""
    done = subprocess.run([INNERCRITIC, "talk", "--help"], env=ctx.env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True)
    if done.returncode != 0:
        return f"talk not available: {last_line(done.stderr or done.stdout)}"
    return ""


def needle_for(prompt: str) -> str:
    """The first ~24 visible characters of the prompt: enough to be unique, short enough not to wrap."""
    words, kept = prompt.split(), []
    for word in words:
        kept.append(word)
        if len("".join(kept)) >= 24:
            break
    return " ".join(kept)


def row_talk(ctx: Context) -> Row:
    row = Row("talk", "innercritic talk: first prompt on screen (pty 80x24)", "bare Textual app, one line", "≤ 1.3×")
    why = talk_available(ctx)
    prompt, problem = talk_prompt()
    if why or prompt is None:
        row.status, row.note = "n/a", why or problem
        return row
    needle = needle_for(prompt)
    empty_db = os.path.join(ctx.tmp, "talk-empty.db")
    empty_template = os.path.join(ctx.tmp, "talk-empty-template.db")
    if not os.path.exists(empty_template):
        from innercritic.store.journal import Journal

        Journal(empty_template).close()  # schema created up front, as for a journal already in use
    ours_argv = [INNERCRITIC, "--db", empty_db, "talk"]
    bare_argv = [PYTHON, BARE_APP]
    ours_times, bare_times = [], []
    for run in range(ctx.repeats + 1):
        copy_journal(empty_template, empty_db)
        ours = run_in_pty(ours_argv, ctx.env, needle=needle)
        if ours.seconds is None:
            row.status, row.note = "n/a", "talk not available: " + pty_failure(ours, "innercritic talk")
            return row
        bare = run_in_pty(bare_argv, ctx.env, needle=BARE_TEXT)
        if bare.seconds is None:
            row.status, row.note = "ERROR", pty_failure(bare, "the bare Textual app")
            return row
        if run > 0:
            ours_times.append(ours.seconds)
            bare_times.append(bare.seconds)
    row.ours, row.theirs = Sample(ours_times), Sample(bare_times)
    row.note = f"waits for {needle!r}"
    judge_ratio(row, 1.3)
    if row.status == "FAIL" and ctx.explain:
        copy_journal(empty_template, empty_db)
        row.importtime = importtime_in_pty(["--db", empty_db, "talk"], ctx.env, needle)
    return row


def _row_memory(ctx: Context, name: str, args: list[str], label: str, needle: str | None) -> Row:
    row = Row(name, f"peak memory: {label} (big journal)", "—", "≤ 80 MiB", unit="MiB")
    work_db = os.path.join(ctx.tmp, "memory.db")
    runs = 3 if ctx.repeats >= 5 else 1
    peaks = []
    screen = ""
    for _ in range(runs):
        copy_journal(BIG_DB, work_db)  # a copy: the TUI may write (a new dialogue), the cache must not change
        run = run_in_pty([INNERCRITIC, "--db", work_db, *args], ctx.env, needle=needle,
                         settle=MEM_SETTLE, measure_memory=True)
        if run.seconds is None or run.peak_mib is None:
            what = "innercritic " + " ".join(args) if args else "innercritic (TUI)"
            row.status, row.note = "n/a", f"TUI not available: {pty_failure(run, what)}"
            return row
        peaks.append(run.peak_mib)
        screen = " ".join(strip_ansi(run.output.decode("utf-8", "replace")).split())
    row.ours = Sample(peaks)
    row.value = row.ours.median
    row.status = "PASS" if row.value <= 80 else "FAIL"
    row.note = f"VmHWM, median of {runs}; screen began {screen[:70]!r}"
    return row


def row_mem_home(ctx: Context) -> Row:
    return _row_memory(ctx, "mem-home", [], "innercritic (home screen)", None)


def row_mem_talk(ctx: Context) -> Row:
    why = talk_available(ctx)
    prompt, problem = talk_prompt()
    if why or prompt is None:
        row = Row("mem-talk", "peak memory: innercritic talk (big journal)", "—", "≤ 80 MiB", unit="MiB")
        row.note = why or problem
        return row
    return _row_memory(ctx, "mem-talk", ["talk"], "innercritic talk", needle_for(prompt))


def row_browse(ctx: Context) -> Row:
    """The history browser on the big journal: time until its newest row is on screen."""
    row = Row("browse", "innercritic browse: newest row on screen (pty 80x24, big journal)", "—", "report")
    from innercritic.engine.records import HistoryQuery
    from innercritic.screens.entry_cells import when_short
    from innercritic.store.journal import Journal

    with Journal(BIG_DB, create=False) as journal:
        newest = journal.history(HistoryQuery(limit=1))[0]
    needle = when_short(newest.at)
    work_db = os.path.join(ctx.tmp, "browse.db")
    copy_journal(BIG_DB, work_db)
    times = []
    for run in range(ctx.repeats + 1):
        result = run_in_pty([INNERCRITIC, "--db", work_db, "browse"], ctx.env, needle=needle)
        if result.seconds is None:
            row.status, row.note = "n/a", pty_failure(result, "innercritic browse")
            return row
        if run > 0:
            times.append(result.seconds)
    row.ours = Sample(times)
    row.value = row.ours.median * 1000
    row.status = "INFO"
    row.note = f"waits for the newest row's time {needle!r}"
    return row


def bare_memory(ctx: Context) -> float | None:
    """For reference: the bare Textual app's peak memory."""
    run = run_in_pty([PYTHON, BARE_APP], ctx.env, needle=BARE_TEXT, settle=MEM_SETTLE, measure_memory=True)
    return run.peak_mib


ROWS = {
    "checkin": row_checkin,
    "help": row_help,
    "nudge": row_nudge,
    "talk": row_talk,
    "history": row_history,
    "search-rare": row_search_rare,
    "search-common": row_search_common,
    "inproc-rare": row_inproc_rare,
    "inproc-common": row_inproc_common,
    "mem-home": row_mem_home,
    "mem-talk": row_mem_talk,
    "browse": row_browse,
}
NEEDS_JRNL = {"checkin", "help", "history", "search-rare", "search-common"}
NEEDS_BIG = {"history", "search-rare", "search-common", "inproc-rare", "inproc-common", "mem-home", "mem-talk", "browse"}

import encrypted_rows  # noqa: E402  (bench/encrypted_rows.py: checkin-enc, search-enc)

encrypted_rows.register(sys.modules[__name__])


def select_rows(only: list[str] | None) -> list[str]:
    if not only:
        return list(ROWS)
    chosen: list[str] = []
    for item in (part.strip() for value in only for part in value.split(",")):
        matches = [name for name in ROWS if name == item] or [name for name in ROWS if name.startswith(item)]
        if not matches:
            sys.exit(f"bench: no row called {item!r}; rows: {', '.join(ROWS)}")
        chosen += [name for name in matches if name not in chosen]
    return [name for name in ROWS if name in chosen]


# ----------------------------------------------------------------------------- reporting


def fmt_value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "MiB":
        return f"{value:.1f} MiB"
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def table_lines(rows: list[Row], markdown: bool = False) -> list[str]:
    header = ("row", "job", "ours (median)", "baseline (median)", "ratio", "target", "result")
    body = []
    for row in rows:
        if row.unit == "MiB":
            ours = fmt_value(row.value, "MiB")
        elif row.value is not None:
            ours = fmt_value(row.value, "ms")
        else:
            ours = fmt_value(row.ours.median * 1000 if row.ours else None, "ms")
        theirs = fmt_value(row.theirs.median * 1000 if row.theirs else None, "ms")
        if row.theirs is None and row.baseline != "—":
            theirs = f"— ({row.baseline})" if markdown else "—"
        elif row.theirs is not None:
            theirs = f"{theirs} ({row.baseline})" if markdown else theirs
        ratio = f"{row.ratio:.2f}×" if row.ratio is not None else "—"
        body.append((row.name, row.job, ours, theirs, ratio, row.target, row.status))
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
        lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in line) + " |" for line in body]
        return lines
    short = [(r[0], r[2], r[3], r[4], r[5], r[6]) for r in body]
    head = (header[0], header[2], header[3], header[4], header[5], header[6])
    widths = [max(len(str(x)) for x in col) for col in zip(head, *short)]
    out = ["  ".join(str(cell).ljust(width) for cell, width in zip(head, widths))]
    out.append("  ".join("-" * width for width in widths))
    out += ["  ".join(str(cell).ljust(width) for cell, width in zip(line, widths)) for line in short]
    return out


def detail_lines(rows: list[Row]) -> list[str]:
    out = []
    for row in rows:
        bits = []
        if row.ours and row.unit == "ms":
            bits.append(f"ours {row.ours.low * 1000:.1f}–{row.ours.high * 1000:.1f} ms (n={len(row.ours.values)})")
        if row.theirs:
            bits.append(f"baseline {row.theirs.low * 1000:.1f}–{row.theirs.high * 1000:.1f} ms (n={len(row.theirs.values)})")
        if row.ours and row.unit == "MiB":
            bits.append(f"{', '.join(f'{v:.1f}' for v in row.ours.values)} MiB")
        if row.note:
            bits.append(row.note)
        out.append(f"{row.name}: {row.job}; " + "; ".join(bits))
        out += [f"    {line}" for line in row.importtime]
    return out


def machine_info() -> dict[str, str]:
    model = "unknown"
    with contextlib.suppress(OSError), open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.lower().startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip() if shutil.which("nproc") else ""
    versions = {}
    for package in ("textual", "typer", "rich", "sqlmodel", "sqlalchemy"):
        with contextlib.suppress(Exception):
            from importlib.metadata import version

            versions[package] = version(package)
    try:  # the SQLite innercritic runs on (sqlcipher3's where installed), not just the stdlib's
        from innercritic.store.driver import sqlite_version
    except ImportError:
        from sqlite3 import sqlite_version as stdlib_version

        def sqlite_version() -> str:
            return stdlib_version
    with contextlib.suppress(Exception):
        from innercritic import __version__ as ic_version

        versions["innercritic"] = ic_version
    commit = "unknown"
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        head = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--", "src", "data"],
                               capture_output=True, text=True)
        if head.returncode == 0:
            commit = head.stdout.strip() + (" + uncommitted changes in src/ or data/" if dirty.stdout.strip() else "")
    return {
        "commit": commit,
        "nproc": nproc or str(len(os.sched_getaffinity(0))),
        "cpu": model,
        "python": platform.python_version(),
        "sqlite": sqlite_version(),
        "os": f"{platform.system()} {platform.release()}",
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "packages": ", ".join(f"{k} {v}" for k, v in versions.items()) + f", jrnl {JRNL_VERSION}",
    }


def write_results_md(rows: list[Row], machine: dict, stats: dict, repeats: int, extra: list[str], seconds: float) -> None:
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`bench/run.py`); see bench/README.md for what each row measures.",
        "",
        f"- Date: {machine['date']}; code: {machine['commit']}",
        f"- Machine: `nproc` = {machine['nproc']}, CPU: {machine['cpu']}, {machine['os']}",
        f"- Python {machine['python']}, SQLite {machine['sqlite']}; {machine['packages']}",
        f"- Process rows: median of {repeats} interleaved runs per side after one warm-up each;"
        " in-process search: median of 50; memory: median of 3 runs",
        f"- Data: {stats.get('dialogue', '?'):,} dialogues / {stats.get('turn', '?'):,} turns / "
        f"{stats.get('checkin', '?'):,} check-ins ({stats.get('db_mib', '?')} MiB); jrnl twin: "
        f"{stats.get('jrnl_entries', '?'):,} entries ({stats.get('jrnl_mib', '?')} MiB). "
        f"Rare word '{stats.get('rare_word')}' in {stats.get('rare_answers')} answer; common word "
        f"'{stats.get('common_word')}' in {stats.get('common_answers', 0):,} answers / "
        f"{stats.get('common_entries', 0):,} entries",
        f"- Whole run: {seconds:.0f} s; {machine.get('load', '')} (other work on the machine makes single runs noisy)",
        "",
        *table_lines(rows, markdown=True),
        "",
        "## Details",
        "",
        "```",
        *detail_lines(rows),
        *extra,
        "```",
        "",
    ]
    with open(RESULTS_MD, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))


# ----------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="innercritic benchmarks against jrnl and bare baselines.")
    parser.add_argument("--quick", action="store_true", help="5 runs per side instead of 15")
    parser.add_argument("--repeats", type=int, help="runs per side (overrides --quick)")
    parser.add_argument("--only", action="append", metavar="ROW",
                        help="run only this row (name or prefix; comma-separated or repeated)")
    parser.add_argument("--list", action="store_true", help="list the rows and exit")
    parser.add_argument("--regenerate", action="store_true", help="rebuild the generated journals")
    parser.add_argument("--no-explain", action="store_true", help="skip the -X importtime breakdown of FAIL rows")
    parser.add_argument("--write-results", action="store_true",
                        help="write bench/RESULTS.md even for --quick/--only runs")
    parser.add_argument("--no-write-results", action="store_true", help="never write bench/RESULTS.md")
    args = parser.parse_args(argv)
    if args.list:
        for name, func in ROWS.items():
            print(name)
        return 0
    names = select_rows(args.only)
    repeats = args.repeats or (5 if args.quick else 15)
    started = time.perf_counter()
    load_before = os.getloadavg()
    os.makedirs(CACHE, exist_ok=True)
    # An installed package has its bytecode compiled at install time; an editable
    # checkout run with PYTHONDONTWRITEBYTECODE would recompile every module on
    # every start and time the compiler instead of innercritic.
    subprocess.run([PYTHON, "-m", "compileall", "-q", os.path.join(ROOT, "src", "innercritic")],
                   check=False, stdout=subprocess.DEVNULL)

    if set(names) & NEEDS_JRNL:
        ensure_jrnl()
    stats = ensure_big_journal(force=args.regenerate) if (set(names) & NEEDS_BIG or args.regenerate) else (
        (read_json(BIG_STAMP) or {}).get("stats", {}))
    jrnl_config(BIG_YAML, BIG_TXT)
    ensure_small_journal()

    rows: list[Row] = []
    extra: list[str] = []
    with tempfile.TemporaryDirectory(prefix="innercritic-bench-") as tmp:
        home = os.path.join(tmp, "home")
        os.makedirs(home)
        ctx = Context(repeats=repeats, env=bench_env(home), tmp=tmp, stats=stats, explain=not args.no_explain)
        for name in names:
            log(f"bench: {name}…")
            row = ROWS[name](ctx)
            rows.append(row)
            log(f"bench: {name}: {row.status}" + (f" ({row.note})" if row.status not in ("PASS", "FAIL") else ""))
        if {"talk", "mem-home", "mem-talk"} & set(names):
            bare = bare_memory(ctx)
            if bare is not None:
                extra.append(f"reference: the bare Textual app peaks at {bare:.1f} MiB (VmHWM)")
    seconds = time.perf_counter() - started

    machine = machine_info()
    machine["load"] = "load average (1 min) {:.2f} at the start, {:.2f} at the end".format(load_before[0], os.getloadavg()[0])
    print()
    print(f"innercritic benchmarks — {machine['date']}; nproc {machine['nproc']}, {machine['cpu']}, "
          f"Python {machine['python']}; median of {repeats} runs per side; {machine['load']}")
    print()
    for line in table_lines(rows):
        print(line)
    print()
    for line in detail_lines(rows) + extra:
        print(line)
    failed = [row.name for row in rows if row.status == "FAIL"]
    broken = [row.name for row in rows if row.status in ("ERROR", "n/a")]
    print()
    print(f"{sum(row.status == 'PASS' for row in rows)} PASS, {len(failed)} FAIL"
          + (f" ({', '.join(failed)})" if failed else "")
          + (f", {len(broken)} not measured ({', '.join(broken)})" if broken else "")
          + f"; {seconds:.0f} s")

    write_json(LAST_JSON, {
        "machine": machine, "repeats": repeats, "stats": stats,
        "rows": [{
            "name": row.name, "status": row.status, "ratio": row.ratio, "value": row.value,
            "ours": row.ours.values if row.ours else None, "theirs": row.theirs.values if row.theirs else None,
            "note": row.note, "importtime": row.importtime,
        } for row in rows],
    })
    full = not args.only and not args.quick and not args.repeats
    if not args.no_write_results and (full or args.write_results):
        write_results_md(rows, machine, stats, repeats, extra, seconds)
        print(f"wrote {os.path.relpath(RESULTS_MD, os.getcwd())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
