"""The app's side of the crisis path: the panel, the gentle question, the safety plan,
the country, and the safety-first choices, for every way in (a dialogue answer, a
check-in note, F1). Nothing is drawn over the path while it is open: notifications
wait until it closes.

The journal is only touched on the database thread.
"""

from __future__ import annotations

import sys

from innercritic.tui.route_context import RouteContext

# The crisis path's screens, by module: one whose module was never imported cannot be on screen,
# so the check (on every notify) loads none of them.
_CARE_SCREENS = (
    ("innercritic.screens.crisis", "CrisisScreen"),
    ("innercritic.screens.gentle", "GentleQuestion"),
    ("innercritic.screens.safety_plan", "SafetyPlanScreen"),
    ("innercritic.screens.someone", "SomeoneScreen"),
    ("innercritic.screens.country_picker", "CountryPicker"),
)


def _care_screen_classes() -> tuple[type, ...]:
    return tuple(getattr(sys.modules[module], name) for module, name in _CARE_SCREENS if module in sys.modules)


def _crisis_screens(stack) -> list:
    """The crisis panels open in `stack` (none if the panel's module was never loaded)."""
    crisis = sys.modules.get("innercritic.screens.crisis")
    return [screen for screen in stack if isinstance(screen, crisis.CrisisScreen)] if crisis else []


class CareRoute:
    def __init__(self, app: RouteContext) -> None:
        self.app = app
        self._held_notes: list | None = None  # notes that came while the path was open
        self._crisis_answer = None  # what to do with the panel's "are you safe?" answer
        self._crisis_after = None  # what to do once the panel closes

    # ---- nothing over the crisis path ------------------------------------------------
    def _care_open(self) -> bool:
        care = _care_screen_classes()
        return bool(care) and any(isinstance(screen, care) for screen in self.app.screen_stack)

    def holds_back(self, message, args, kwargs) -> bool:
        """True when a note must wait (the crisis path is open): it is kept and shown once it closes."""
        if self._care_open():
            if self._held_notes is None:
                self._held_notes = []
            self._held_notes.append((message, args, kwargs))
            return True
        return False

    def _push_care(self, screen, callback=None) -> None:
        """Open a screen of the crisis path with nothing drawn over it."""
        self.app.clear_notifications()
        self.app.push_screen(screen, callback)

    def _release_notes(self) -> None:
        """After the path closes: what was held back, once nothing of it is left on screen."""
        if self._care_open():
            return
        held, self._held_notes = self._held_notes or [], None
        for message, args, kwargs in held:
            self.app.notify(message, *args, **kwargs)

    # ---- building the view (on the database thread) -----------------------------------
    def _crisis_view(self, context: str):
        from innercritic.services.care import safety_plan_in
        from innercritic.services.care_path import crisis_view, where_for_help

        plan = None
        try:
            plan = safety_plan_in(self.app.journal())
        except Exception:  # noqa: BLE001 - help is shown even when the journal cannot be read
            plan = None
        return crisis_view(context, where_for_help(), plan)

    def with_view(self, context: str, then) -> None:
        """Build the view on the database thread and show it; if that fails, still show help."""

        def failed(_message: str) -> None:
            from innercritic.services.care_path import crisis_view, where_for_help

            then(crisis_view(context, where_for_help(), None))

        self.app.db(lambda: self._crisis_view(context), then=then, failed=failed)

    # ---- ways in -----------------------------------------------------------------------
    def help_now(self) -> None:
        """F1: the help, asked for."""
        from innercritic.screens.crisis import CrisisScreen

        def show(view) -> None:
            self._push_care(CrisisScreen(view, stage="request"), self._after_request)

        self.with_view("request", show)

    def _after_request(self, choice: str | None) -> None:
        if choice == "breathe":
            self.app.home.open_breathe((4, 4, 6), 60, then=self._release_notes)
        else:
            self._release_notes()

    def open_crisis_path(self, context: str, event, *, on_answer=None, after=None) -> None:
        """After words said outright (or a yes to the gentle question): ask "are you safe?"."""
        from innercritic.screens.crisis import CrisisScreen

        self._crisis_answer = on_answer
        self._crisis_after = after

        def show(view) -> None:
            self._push_care(CrisisScreen(view, stage="ask"), self._crisis_closed)

        self.with_view(context, show)

    def crisis_answered(self, answer: str) -> None:
        """The panel's "are you safe?" answered."""
        if self._crisis_answer is not None:
            self._crisis_answer(answer)

    def _crisis_closed(self, choice: str | None) -> None:
        after = self._crisis_after
        self._crisis_answer = self._crisis_after = None
        if after is not None:
            after(choice)
        self._release_notes()

    def ask_gently(self, on_answer) -> None:
        """Words that only might mean danger: one calm question, never the panel."""
        from innercritic.screens.gentle import GentleQuestion

        def answered(answer: str | None) -> None:
            on_answer(answer)
            self._release_notes()

        self._push_care(GentleQuestion(), answered)

    # ---- the check-in's way in ---------------------------------------------------------
    def checkin_care(self, outcome) -> None:
        """After a check-in whose note the safety check noticed (no "saved" toast over it)."""
        event = outcome.event

        def keep(**answer) -> None:
            if event is not None:
                from innercritic.services.care import answer_care_event_in

                self.app.db(lambda: answer_care_event_in(self.app.journal(), event.id, **answer))

        def after(choice: str | None) -> None:
            if choice == "breathe":
                self.app.home.open_breathe((4, 4, 6), 60, then=self._release_notes)
            elif choice == "stop":
                self.app.exit()

        if outcome.tier == "clear":
            self.open_crisis_path("checkin", event, on_answer=lambda a: keep(safe=a), after=after)
        elif outcome.tier == "maybe":
            def gentle(answer: str | None) -> None:
                if answer is not None:
                    keep(gentle=answer)
                if answer in ("yes", "not_sure"):
                    self.open_crisis_path("checkin", event, on_answer=lambda a: keep(safe=a), after=after)

            self.ask_gently(gentle)

    # ---- the dialogue's way in ---------------------------------------------------------
    def dialogue_care(self, outcome) -> None:
        """After a dialogue answer the safety check noticed."""
        event = outcome.event

        def keep_safe(answer: str) -> None:
            self.app.db(lambda: self.app.session.answer_safe(event, answer))

        if outcome.needs_care:
            self.open_crisis_path("dialogue", event, on_answer=keep_safe, after=self._back_to_dialogue)
        elif outcome.asks_gently:
            def gentle(answer: str | None) -> None:
                if answer is None:
                    return
                opens = answer in ("yes", "not_sure")
                self.app.db(lambda: self.app.session.answer_gentle(event, answer))
                if opens:
                    self.open_crisis_path("dialogue", event, on_answer=keep_safe, after=self._back_to_dialogue)
                else:
                    from innercritic.engine.care_words import words

                    self.app.call_after_refresh(lambda: self._dialogue_status(words().get("gentle.no_reply")))

            self.ask_gently(gentle)

    def _dialogue_status(self, text: str) -> None:
        from innercritic.screens.dialogue import DialogueScreen

        if isinstance(self.app.screen, DialogueScreen):
            self.app.screen.set_status(text)

    def _back_to_dialogue(self, choice: str | None) -> None:
        """Out of the crisis path into the dialogue: safety first, before more parts work."""
        from innercritic.services.dialogue import view_of

        if choice == "stop":
            self.app.dialogue.pause(None, None)
            return

        def offer():
            if self.app.session is None or self.app.session.finished:
                return None  # the noticed answer was the last: its summary, with the help lines, shows
            self.app.session.after_crisis_path()
            return view_of(self.app.session)

        def then(view) -> None:
            if view is not None:
                self.app.dialogue.after_move(view)
            if choice == "breathe":  # breathe first; the choices wait underneath
                self.app.home.open_breathe((4, 4, 6), 60, then=self._release_notes)

        self.app.db(offer, then=then)

    def safety_first_action(self, action: str | None) -> None:
        """What a safety-first choice in the dialogue leads to."""
        if action == "breathe":
            self.app.home.open_breathe((4, 4, 6), 60)
        elif action == "someone":
            from innercritic.screens.someone import SomeoneScreen

            def show(view) -> None:
                self._push_care(SomeoneScreen(view), lambda wanted: wanted == "plan" and self.open_safety_plan(editing=True))

            self.with_view("dialogue", show)
        elif action == "stop":  # the session has stopped: let it go, so it can be resumed anywhere
            from innercritic.engine.care_words import words

            self.app.db(self.app.dialogue.let_go_of_session)
            self.app.notify(words().get("safety_first.stopped"), timeout=6, markup=False)
            self.app.home.go()

    # ---- the safety plan and the country -------------------------------------------------
    def open_safety_plan(self, editing: bool = False) -> None:
        from innercritic.screens.safety_plan import SafetyPlanScreen
        from innercritic.services import care

        def show(plan) -> None:
            self._push_care(SafetyPlanScreen(plan, editing=editing), saved)

        def saved(plan) -> None:
            if plan is None:
                self._release_notes()
                return
            from innercritic.engine.care_words import words

            def done(_saved) -> None:
                self._refresh_crisis_view()
                self.app.notify(words().get("plan.saved"), timeout=4, markup=False)
                self._release_notes()

            self.app.db(lambda: care.save_safety_plan_in(self.app.journal(), plan), then=done)

        self.app.db(lambda: care.safety_plan_in(self.app.journal()), then=show)

    def pick_country(self) -> None:
        from innercritic.engine.helplines import shipped
        from innercritic.screens.country_picker import CountryPicker

        current = None
        for screen in _crisis_screens(self.app.screen_stack):
            current = screen.view.code
        countries = [(place.code, place.name) for place in shipped().countries()]

        def chosen(code: str | None) -> None:
            if code is None:
                return
            from innercritic.services.care import choose_country

            self.app.db(lambda: choose_country(code), then=lambda _: self._refresh_crisis_view())

        self._push_care(CountryPicker(countries, current), chosen)

    def _refresh_crisis_view(self) -> None:
        for crisis in _crisis_screens(self.app.screen_stack):
            self.app.db(lambda: self._crisis_view(crisis.view.context), then=lambda view: crisis.is_attached and crisis.show_view(view))
