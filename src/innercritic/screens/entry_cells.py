"""How one entry reads in a list row: when, how loud, what it was about, and a
search hit's passage with its matched words marked. Shared by the history
browser, the transcript, the parts map and the question before a delete.

Everything a person wrote goes in as Text (spans, never markup), through
textsafe.one_line/visible, so it is shown exactly and can never style itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.text import Text

from innercritic.engine import dates
from innercritic.engine.records import CheckInRecord, DialogueRecord
from innercritic.views.dialogues import loudness_change
from innercritic.textsafe import one_line, visible

Entry = CheckInRecord | DialogueRecord

IN_PROGRESS = "in_progress"
MARK_STYLE = "bold underline"  # a matched word: not colour alone, readable in monochrome


def can_resume(entry: Entry | None) -> bool:
    return isinstance(entry, DialogueRecord) and entry.status == IN_PROGRESS


def scale_text(value: int | None, top: int) -> str:
    return "–" if value is None else f"{value}/{top}"


def when_short(iso: str, today: date | None = None) -> str:
    """'22 Nov 14:05' this year, '22 Nov 2025' before: fits a narrow column."""
    moment = dates.to_local(iso)
    if moment is None:  # a time that cannot be shown here: as stored
        return dates.friendly(iso)[:16]
    if moment.year == (today or date.today()).year:
        return moment.strftime("%d %b %H:%M")
    return moment.strftime("%d %b %Y")


def loudness_text(entry: Entry) -> str:
    if isinstance(entry, CheckInRecord):
        return "" if entry.critic is None else str(entry.critic)
    return loudness_change(entry)


def what_text(entry: Entry, width: int) -> Text:
    """The short description of an entry: the critic's first words, or a check-in's mood and note."""
    text = Text(no_wrap=True, overflow="ellipsis")
    if isinstance(entry, CheckInRecord):
        text.append(f"mood {scale_text(entry.mood, 5)}")
        if entry.note:
            text.append(" · ")
            text.append(one_line(entry.note, width))
        return text
    if entry.status == IN_PROGRESS:
        text.append("unfinished · ", style="bold")
    elif entry.status == "stopped":
        text.append("stopped · ")
    if entry.critic_words:
        text.append(f"“{one_line(entry.critic_words, width)}”", style="italic")
    else:
        text.append(one_line(entry.flow_id), style="dim")
    return text


def snippet_text(snippet: str, marks: Sequence[tuple[int, int]], width: int) -> Text:
    """A search hit's passage with its matched words styled (spans, never markup),
    started a little before the first match when that would fall off the column."""
    start = 0
    if marks and marks[0][1] > width - 1:
        start = max(0, marks[0][0] - max(4, width // 3))
    text = Text(no_wrap=True, overflow="ellipsis")
    if start:
        text.append("…")
    text.append(visible(snippet[start:]))
    shift = len(text.plain) - len(snippet[start:])
    for begin, end in marks:
        if end <= start:
            continue
        text.stylize(MARK_STYLE, max(begin, start) - start + shift, end - start + shift)
    return text
