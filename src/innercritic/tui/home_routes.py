"""The app's side of home and the small screens opened from it: home's choices (the
palette's too), its glance at the journal, the exercise picker, breathing and the check-in.

The data home shows is read on the database thread; the check-in is saved there.
"""

from __future__ import annotations

from collections.abc import Callable

from innercritic.tui.route_context import RouteContext


class HomeRoute:
    def __init__(self, app: RouteContext) -> None:
        self.app = app

    def go(self) -> None:
        from innercritic.screens.home import HomeScreen

        app = self.app
        while len(app.screen_stack) > 1:
            app.pop_screen()
        home = HomeScreen(short_labels=app.preferences.value("home_labels") == "short")
        # Pushed over the base screen, which stays: Textual's blank first screen, or
        # the dialogue `talk` opened on (the base cannot be replaced in Textual 8).
        app.push_screen(home)
        app.db(self._home_data, then=lambda data: home.is_attached and home.show_data(data))

    def refresh(self) -> None:
        from innercritic.screens.home import HomeScreen

        if isinstance(self.app.screen, HomeScreen):
            home = self.app.screen
            self.app.db(self._home_data, then=lambda data: home.is_attached and home.show_data(data))

    def _home_data(self):
        from innercritic.engine.records import HistoryQuery
        from innercritic.screens.home import HomeData
        from innercritic.services.part_story import part_reminder
        from innercritic.services.entries import history_in, unfinished_in

        journal = self.app.journal()
        unfinished = unfinished_in(journal)
        recent = history_in(journal, HistoryQuery(limit=60))
        loudness = tuple(
            value for entry in reversed(recent)
            for value in ([entry.critic] if entry.kind == "checkin" else [entry.critic_before, entry.critic_after])
            if value is not None
        )[-14:]
        flows = self._flows_or_none()
        return HomeData(
            unfinished_label=self._resume_label(journal, unfinished, flows) if unfinished else None,
            has_unfinished=unfinished is not None,
            recent=tuple(recent[:6]),
            loudness=loudness,
            checkins=sum(1 for e in recent if e.kind == "checkin"),
            dialogues=sum(1 for e in recent if e.kind == "dialogue"),
            first_run=not recent,
            flow_titles={flow_id: flow.title for flow_id, flow in (flows or {}).items()},
            reminder=part_reminder(journal),
        )

    def _flows_or_none(self):
        from innercritic.engine.flow import FlowError

        try:
            return self.app.dialogue.flows()
        except FlowError:
            return None

    @staticmethod
    def _resume_label(journal, unfinished, flows) -> str:
        """The part's name, the flow and the step: never the critic's words."""
        flow = (flows or {}).get(unfinished.flow_id)
        bits = [unfinished.part] if unfinished.part else []
        bits.append(flow.title if flow else unfinished.flow_id)
        from innercritic.services.entries import entry_in

        record = entry_in(journal, unfinished.id)
        if flow is not None and record is not None:
            from innercritic.engine.conversation import Conversation

            here = Conversation.rebuild(flow, ((t.step_id, t.value, t.skipped) for t in record.turns)).current
            stage = flow.stage_of(here.id) if here is not None else None
            if stage:
                bits.append(stage)  # where it picks up again
        return " · ".join(bits)

    def choose(self, key: str) -> None:
        app = self.app
        if key == "talk":
            app.dialogue.begin(None, None)
        elif key == "resume":
            app.dialogue.resume(None)
        elif key == "exercises":
            self.pick_flow()
        elif key == "checkin":
            self.open_checkin()
        elif key == "breathe":
            self.open_breathe((4, 4, 6), 60)
        elif key == "history":
            app.browsing.open_history()
        elif key == "insights":
            app.browsing.open_insights()
        elif key == "parts":
            app.browsing.open_parts()
        elif key == "plan":
            app.care.open_safety_plan()
        elif key == "help":
            app.care.help_now()

    # ---- other screens -----------------------------------------------------------------
    def pick_flow(self) -> None:
        from innercritic.screens.flow_picker import FlowPicker

        found = self.app.dialogue.catalog()
        flows = [
            (f.id, f.title + (" (yours)" if f.id in found.yours else ""), f.description) for f in found.flows.values()
        ]
        self.app.push_screen(FlowPicker(flows), lambda chosen: chosen and self.app.dialogue.begin(chosen, None))

    def open_breathe(self, pattern, seconds: int, then: Callable[[], None] | None = None) -> None:
        from innercritic.engine.pacer import parse_pattern
        from innercritic.screens.breathe import BreatheScreen

        if isinstance(pattern, str):
            pattern = parse_pattern(pattern)
        from innercritic import config

        still = config.read().is_on("reduced_motion")  # a bad file: the defaults (the shell said why)
        self.app.push_screen(BreatheScreen(tuple(pattern), seconds, reduced_motion=still), lambda _result: then and then())

    def open_checkin(self) -> None:
        from innercritic.screens.checkin import CheckinScreen

        app = self.app

        def save(answers) -> None:
            if answers is None:
                return
            from innercritic.services import entries as services

            def work():
                return services.check_in(
                    app.journal(), mood=answers.mood, critic=answers.critic, note=answers.note, part=None
                )

            def saved(outcome) -> None:
                if outcome.tier is not None:
                    app.care.checkin_care(outcome)  # the path says it is saved; no toast over it
                else:
                    app.notify("Check-in saved. Thank you for noticing.", timeout=4)
                self.refresh()

            app.db(work, then=saved)

        app.push_screen(CheckinScreen(), save)
