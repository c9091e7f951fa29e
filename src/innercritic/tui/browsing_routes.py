"""The app's side of looking back: the history browser (its pages, opening,
resuming and deleting entries), the parts map and insights.

Every read and delete runs on the app's database thread.
"""

from __future__ import annotations

from collections.abc import Callable

from innercritic.tui.route_context import RouteContext


class BrowsingRoute:
    def __init__(self, app: RouteContext) -> None:
        self.app = app

    def open_history(self, then: Callable[[], None] | None = None) -> None:
        """The history browser: its first page and the part names, loaded on the database thread.
        `then` runs when it is closed (the `browse` command exits); otherwise home is refreshed."""
        from innercritic.engine.records import HistoryQuery
        from innercritic.screens.history import PAGE, HistoryScreen
        from innercritic.services.entries import history_in
        from innercritic.services.upkeep import part_names_in

        def load():
            journal = self.app.journal()
            return history_in(journal, HistoryQuery(limit=PAGE)), part_names_in(journal)

        def show(loaded) -> None:
            entries, parts = loaded
            self.app.push_screen(HistoryScreen(entries, parts=parts), lambda _closed: (then or self.app.home.refresh)())

        self.app.db(load, then=show, failed=self.app.dialogue.failed if then else None)

    def load_page(self, message) -> None:
        """A page of the history browser: ranked search hits when it has words, else entries newest first."""
        from innercritic.services.entries import history_in, search_in

        browser, query, generation = message.browser, message.query, message.generation

        def work():
            if not browser.wants(generation):  # the filters changed while this waited its turn
                return None
            journal = self.app.journal()
            return search_in(journal, query) if query.search else history_in(journal, query)

        def done(items) -> None:
            if items is not None and browser.is_attached:
                browser.show_page(generation, query.offset, items)

        def failed(problem: str) -> None:
            if browser.is_attached:
                browser.load_failed(generation, problem)

        self.app.db(work, then=done, failed=failed)

    def delete_entry(self, message) -> None:
        from innercritic.services.upkeep import delete_entry_in

        browser, entry_id = message.browser, message.entry_id

        def work():
            if self.app.session is not None and self.app.session.dialogue_id == entry_id:
                self.app.session = None  # nothing may write to it any more
            return delete_entry_in(self.app.journal(), entry_id)

        def done(result) -> None:
            if browser.is_attached:
                browser.entry_deleted(entry_id)
            note = "Deleted."
            if not result.wal_cleared:
                note += " Another program has the journal open; its last traces go when that program closes."
            self.app.notify(note, timeout=5, markup=False)

        self.app.db(work, then=done)

    def open_parts(self) -> None:
        from innercritic.screens.parts import PartsScreen
        from innercritic.services.upkeep import part_profiles_in

        self.app.db(lambda: part_profiles_in(self.app.journal()), then=lambda profiles: self.app.push_screen(PartsScreen(profiles)))

    def open_part(self, name: str) -> None:
        from innercritic.screens.part_story import PartDetailScreen
        from innercritic.services.part_story import part_story

        self.app.db(lambda: part_story(self.app.journal(), name), then=lambda story: self.app.push_screen(PartDetailScreen(story)))

    def open_insights(self, days: int = 30, part: str | None = None) -> None:
        from innercritic.services import entries as services
        from innercritic.screens.insights import InsightsScreen

        self.app.db(lambda: services.trends_report(self.app.journal(), days, part),
                    then=lambda report: self.app.push_screen(InsightsScreen(report)))

    def open_transcript(self, entry_id: int) -> None:
        from innercritic.screens.transcript import TranscriptScreen
        from innercritic.services.entries import entry_in

        self.app.db(lambda: entry_in(self.app.journal(), entry_id),
                    then=lambda entry: entry and self.app.push_screen(TranscriptScreen(entry)))
