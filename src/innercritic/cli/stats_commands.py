"""Typer commands for trends: stats.

Only Typer is imported here; the journal, the report and the charts
(plotext, rich) load inside the command, so they never slow a check-in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Optional

import typer


def run_stats(settings, *, days: str, as_json: bool, part: str | None = None) -> None:
    from innercritic.services import entries as services
    from innercritic.cli.stats_printing import print_report

    window = services.parse_days(days)
    journal = services.read_journal(settings)
    if journal is None:
        print_report(services.trends_report(None, window, part), as_json=as_json, journal_exists=False)
        return
    with journal:
        report = services.trends_report(journal, window, part)
    print_report(report, as_json=as_json)


def register(app: typer.Typer, settings_of: Callable) -> None:
    """Add this module's commands to the app."""

    @app.command(
        epilog=(
            "\b\nExamples:\n"
            "  innercritic stats                  the last 30 days\n"
            "  innercritic stats --days 7\n"
            "  innercritic stats --days 365       weekly averages as well\n"
            "  innercritic stats --json | jq '.loudness_change'\n"
            "  innercritic stats --part Taskmaster --days 90   one part only\n"
            "  NO_COLOR=1 innercritic stats       charts without colour"
        )
    )
    def stats(
        ctx: typer.Context,
        days: Annotated[
            str, typer.Option("--days", metavar="N", show_default=False, help="How many days to look back, 1 to 3650 (default 30).")
        ] = "30",
        as_json: Annotated[bool, typer.Option("--json", help="Print the numbers as JSON.")] = False,
        part: Annotated[
            Optional[str], typer.Option("--part", metavar="NAME", help="Only this part's check-ins and dialogues.")
        ] = None,
    ) -> None:
        """Trends: mood, loudness, streaks, patterns.

        Mood and critic loudness from check-ins over time, the change in loudness
        before → after each dialogue (and per part over time), how often each part
        appeared, the fears each part named and the themes that recur in them, and
        the critic's recurring kinds of words. Check-in streaks only when turned on:
        `innercritic config set streaks on`.
        """
        run_stats(settings_of(ctx), days=days, as_json=as_json, part=part)
