"""The app's side of looking back: the history browser (its pages, opening,
resuming and deleting entries), the parts map and insights.

A mixin of InnerCriticApp; every read and delete runs on the app's database thread.
"""

from __future__ import annotations

from collections.abc import Callable


class JournalBrowsing:
    def open_history(self, then: Callable[[], None] | None = None) -> None:
        """The history browser: its first page and the part names, loaded on the database thread.
        `then` runs when it is closed (the `browse` command exits); otherwise home is refreshed."""
        from innercritic.engine.records import HistoryQuery
        from innercritic.screens.history import PAGE, HistoryScreen
        from innercritic.services.entries import history_in
        from innercritic.services.upkeep import part_names_in

        def load():
            journal = self.journal()
            return history_in(journal, HistoryQuery(limit=PAGE)), part_names_in(journal)

        def show(loaded) -> None:
            entries, parts = loaded
            self.push_screen(HistoryScreen(entries, parts=parts), lambda _closed: (then or self._refresh_home)())

        self.db(load, then=show, failed=self._dialogue_failed if then else None)

    def _refresh_home(self) -> None:
        from innercritic.screens.home import HomeScreen

        if isinstance(self.screen, HomeScreen):
            home = self.screen
            self.db(self._home_data, then=lambda data: home.is_attached and home.show_data(data))

    def on_history_screen_load_page(self, message) -> None:
        """A page of the history browser: ranked search hits when it has words, else entries newest first."""
        from innercritic.services.entries import history_in, search_in

        browser, query, generation = message.browser, message.query, message.generation

        def work():
            if not browser.wants(generation):  # the filters changed while this waited its turn
                return None
            journal = self.journal()
            return search_in(journal, query) if query.search else history_in(journal, query)

        def done(items) -> None:
            if items is not None and browser.is_attached:
                browser.show_page(generation, query.offset, items)

        def failed(problem: str) -> None:
            if browser.is_attached:
                browser.load_failed(generation, problem)

        self.db(work, then=done, failed=failed)

    def on_history_screen_delete_entry(self, message) -> None:
        from innercritic.services.upkeep import delete_entry_in

        browser, entry_id = message.browser, message.entry_id

        def work():
            if self.session is not None and self.session.dialogue_id == entry_id:
                self.session = None  # nothing may write to it any more
            return delete_entry_in(self.journal(), entry_id)

        def done(result) -> None:
            if browser.is_attached:
                browser.entry_deleted(entry_id)
            note = "Deleted."
            if not result.wal_cleared:
                note += " Another program has the journal open; its last traces go when that program closes."
            self.notify(note, timeout=5, markup=False)

        self.db(work, then=done)

    def open_parts(self) -> None:
        from innercritic.screens.parts import PartsScreen
        from innercritic.services.upkeep import part_profiles_in

        self.db(lambda: part_profiles_in(self.journal()), then=lambda profiles: self.push_screen(PartsScreen(profiles)))

    def on_parts_screen_open_part(self, message) -> None:
        from innercritic.screens.part_story import PartDetailScreen
        from innercritic.services.part_story import part_story

        name = message.name
        self.db(lambda: part_story(self.journal(), name), then=lambda story: self.push_screen(PartDetailScreen(story)))

    def on_part_detail_screen_open_entry(self, message) -> None:
        self.open_transcript(message.entry_id)

    def open_insights(self, days: int = 30, part: str | None = None) -> None:
        from innercritic.services import entries as services
        from innercritic.screens.insights import InsightsScreen

        self.db(lambda: services.trends_report(self.journal(), days, part),
                then=lambda report: self.push_screen(InsightsScreen(report)))

    def on_part_detail_screen_part_insights(self, message) -> None:
        self.open_insights(days=365, part=message.name)

    def on_history_screen_open_entry(self, message) -> None:
        self.open_transcript(message.entry_id)

    def open_transcript(self, entry_id: int) -> None:
        from innercritic.screens.transcript import TranscriptScreen
        from innercritic.services.entries import entry_in

        self.db(lambda: entry_in(self.journal(), entry_id),
                then=lambda entry: entry and self.push_screen(TranscriptScreen(entry)))

    def on_history_screen_resume_entry(self, message) -> None:
        self.resume_dialogue(message.entry_id)
