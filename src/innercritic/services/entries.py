"""Use-cases shared by the shell commands and the TUI.

Validation of what a person typed lives here, once, so every face refuses
the same things with the same words.
"""

from __future__ import annotations

from innercritic.tuples import named_tuple

from innercritic.engine.records import HistoryEntry, HistoryQuery, SearchHit
from innercritic.errors import NoJournalYet, UsageProblem
from innercritic.limits import MAX_TEXT_CHARS, too_long  # noqa: F401 (the faces read the limit from here)
from innercritic.locations import resolve_db_path
from innercritic.services.input import KINDS, day_bounds  # noqa: F401 (KINDS: the faces read it from here)

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without loading typing
if TYPE_CHECKING:
    from innercritic.store.journal import Journal


class Settings(named_tuple("Settings", "db_path db_is_default passphrase", defaults=(None,))):
    """db_path: str, the journal file; db_is_default: bool, True when no --db or
    INNERCRITIC_DB chose it (then its folder is created private to the user);
    passphrase: for an encrypted journal, passphrase(again) -> str, asked only
    when the file is encrypted (None: the shell's, see services/passphrase.py; the app
    sets the one its unlock screen was given)."""

    __slots__ = ()

    @classmethod
    def from_flag(cls, db_flag: str | None = None) -> "Settings":
        from innercritic.services import preferences

        preferences.current()  # config.toml: a problem is one line on stderr, then the defaults
        path, is_default = resolve_db_path(db_flag)
        return cls(db_path=path, db_is_default=is_default)


def open_journal(settings: Settings, *, create: bool = True, read_only: bool = False) -> Journal:
    # Imported here, not at the top: the full-screen app draws its first
    # prompt before the journal (and sqlite3) is loaded on its database thread.
    from innercritic.store.journal import Journal

    passphrase = settings.passphrase
    if passphrase is None:
        from innercritic.services.passphrase import ShellPassphrase

        passphrase = ShellPassphrase(settings.db_path)
    return Journal(
        settings.db_path, create=create, private_dir=settings.db_is_default, passphrase=passphrase,
        read_only=read_only,
    )


def read_journal(settings: Settings, *, read_only: bool = False) -> Journal | None:
    """The journal for a command that reads, or None when there is none yet (nothing is
    created). ``read_only``: the command only reads, so the journal may be opened that way."""
    try:
        return open_journal(settings, create=False, read_only=read_only)
    except NoJournalYet:
        return None


def parse_scale(text: str | None, name: str, low: int, high: int) -> int | None:
    """Digits only (so '３', 'nan' and '5.0' are refused), within low..high."""
    if text is None:
        return None
    value = text.strip()
    if value == "":
        return None
    if not is_whole_number(value, 3) or not low <= int(value) <= high:
        raise UsageProblem(f"{name} must be a whole number from {low} to {high} (got '{_shown(text)}')")
    return int(value)


def format_with_json(fmt: str, as_json: bool, format_given: bool) -> str:
    """The output format for a command with both --format and --json (`--json` is
    `--format json`, as on every command with output); both, disagreeing: exit 2."""
    if not as_json:
        return fmt
    if format_given and fmt != "json":
        raise UsageProblem(f"--json and --format {_shown(fmt)} ask for two formats; give one")
    return "json"


def parse_count(text: str | None, name: str = "-n") -> int | None:
    if text is None:
        return None
    if not is_whole_number(text.strip(), 7) or int(text) < 1:
        raise UsageProblem(f"{name} must be a positive whole number (got '{_shown(text)}')")
    return int(text)


def is_whole_number(text: str, most_digits: int) -> bool:
    """1 to most_digits ASCII digits and nothing else (so '３', '-1', ' 5' and '5.0' are not)."""
    return 0 < len(text) <= most_digits and text.isascii() and text.isdigit()


def _shown(text: str) -> str:
    """Echo a bad value back briefly and harmlessly in an error line."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in text)
    return clean if len(clean) <= 20 else clean[:19] + "…"


def clean_note(note: str | None) -> str | None:
    if note is None:
        return None
    note = note.strip("\n").rstrip()
    return note or None


class CheckInOutcome(
    named_tuple("CheckInOutcome", "record tier event new_part likely_part", defaults=(None, None, False, None))
):
    """record: CheckInRecord, as saved; tier: "clear", "maybe" or None (the safety
    check of the note); event: the CareEventRecord noted for it, or None;
    new_part: bool, True when the check-in named a part for the first time (it was
    created); likely_part: str | None, a known part that new name is probably a
    misspelling of (`parts merge` folds one into the other)."""

    __slots__ = ()

    @property
    def needs_care(self) -> bool:
        return self.tier == "clear"


def check_in(
    journal: Journal, *, mood: int | None, critic: int | None, note: str | None, part: str | None
) -> CheckInOutcome:
    note = clean_note(note)
    if mood is None and critic is None and note is None:
        raise UsageProblem("a check-in needs at least one of --mood, --critic or --note")
    if too_long(note):
        raise UsageProblem(f"the note is too long: {too_long(note)}")
    saved = journal.check_in(mood=mood, critic=critic, note=note, part=part)
    record = saved.record
    tier = event = None
    if note:
        from innercritic.engine.safety import check

        tier = check(note)
        if tier is not None:
            event = journal.add_care_event(record.id, None, tier)
    return CheckInOutcome(
        record=record, tier=tier, event=event, new_part=saved.new_part is not None, likely_part=saved.likely_part,
    )


def history_query(
    *, limit: str | None = None, since: str | None = None, until: str | None = None,
    part: str | None = None, kind: str | None = None, search: str | None = None, on: str | None = None,
) -> HistoryQuery:
    if kind is not None and kind not in KINDS:
        raise UsageProblem(f"--kind must be dialogue or checkin (got '{_shown(kind)}')")
    since_iso, until_iso = day_bounds(since, until, on)
    if since_iso and until_iso and since_iso > until_iso:
        raise UsageProblem("--from is after --to; nothing can match")
    return HistoryQuery(
        limit=parse_count(limit), since=since_iso, until=until_iso,
        part=part, kind=kind, search=search,
    )


def check_part_filter(journal: Journal, query: HistoryQuery) -> None:
    """Refuse a --part filter naming no part (rather than quietly finding nothing)."""
    if query.part and journal.find_part(query.part) is None:
        raise UsageProblem(f"there is no part called '{_shown(query.part)}'")


def read_filtered(settings: Settings, query: HistoryQuery, read, nothing):
    """read(journal) for a read-only use-case of `query`: nothing() when there is
    no journal yet (none is created), and a --part naming no part is refused."""
    journal = read_journal(settings, read_only=True)
    if journal is None:
        return nothing()
    with journal:
        check_part_filter(journal, query)
        return read(journal)


def history(settings: Settings, query: HistoryQuery) -> list[HistoryEntry]:
    return read_filtered(settings, query, lambda journal: history_in(journal, query), list)


def search(settings: Settings, query: HistoryQuery) -> list[SearchHit]:
    """Ranked hits for ``query.search`` within the other filters (best first)."""
    return read_filtered(settings, query, lambda journal: search_in(journal, query), list)


# ---- the same reads, in a journal already open (the app keeps one on its database thread) ----


def history_in(journal: Journal, query: HistoryQuery) -> list[HistoryEntry]:
    """Entries matching `query`, newest first."""
    return journal.history(query)


def search_in(journal: Journal, query: HistoryQuery) -> list[SearchHit]:
    """Ranked hits for ``query.search`` within the other filters (best first)."""
    return journal.search(query)


def entry_in(journal: Journal, entry_id: int) -> HistoryEntry | None:
    """One entry with its turns, or None when there is no such entry."""
    return journal.get_entry(entry_id)


def unfinished_in(journal: Journal):
    """The latest unfinished dialogue (a DialogueRecord), or None."""
    return journal.latest_unfinished()


def parse_entry_id(text: str) -> int:
    value = text.strip().lstrip("#")
    if not is_whole_number(value, 12):
        raise UsageProblem(f"an id is a number shown by `innercritic history` (got '{_shown(text)}')")
    return int(value)


def get_entry(settings: Settings, entry_id: int) -> HistoryEntry:
    journal = read_journal(settings, read_only=True)
    entry = None
    if journal is not None:
        with journal:
            entry = entry_in(journal, entry_id)
    if entry is None:
        raise UsageProblem(f"there is no entry #{entry_id}; `innercritic history` lists them")
    return entry


def parse_days(text: str, name: str = "--days") -> int:
    """A window length for trends: 1 to 3650 days, digits only."""
    from innercritic.engine.trends import MAX_DAYS, MIN_DAYS

    value = text.strip()
    if not is_whole_number(value, 5) or not MIN_DAYS <= int(value) <= MAX_DAYS:
        raise UsageProblem(f"{name} must be a whole number from {MIN_DAYS} to {MAX_DAYS} (got '{_shown(text)}')")
    return int(value)


def trends_report(journal: Journal | None, days: int, part: str | None = None):
    """The trends report (engine.trend_report.TrendsReport) for the last `days` days; empty without a journal.
    `part`: only that part's check-ins and dialogues (a name no part has is refused). Streaks
    are counted only when turned on in config.toml (`streaks = "on"`)."""
    from datetime import date

    from innercritic import config
    from innercritic.engine import trends
    from innercritic.services import preferences

    today = date.today()
    streaks_on = config.is_on("streaks")
    first = preferences.first_weekday()
    if journal is None:
        if part is not None:
            raise UsageProblem(f"there is no part called '{_shown(part)}' (known parts: none yet)")
        return trends.empty_report(days, today, first)
    rows = journal.stats_rows(trends.since_iso(days, today))
    if part is not None:
        found = journal.find_part(part)
        if found is None:
            raise UsageProblem(f"there is no part called '{_shown(part)}'")
        rows = _only_part(rows, found.name)
        part = found.name
    return trends.build_report(rows, days, today, first, streaks_on=streaks_on, part=part)


def _only_part(rows, name: str):
    """The stats rows of one part (streaks still look at every check-in: they are the journal's)."""
    from dataclasses import replace

    dialogues = tuple(d for d in rows.dialogues if d.part == name)
    return replace(
        rows,
        checkins=tuple(c for c in rows.checkins if c.part == name),
        dialogues=dialogues,
        turns=tuple(t for t in rows.turns if t.part == name),
    )
