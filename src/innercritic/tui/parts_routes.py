"""The app's routes for changing parts: add, rename, describe and merge a part, and
give a dialogue that was never named a part. The screens ask (screens/part_edit.py);
the use-cases are the shell's (services/part_story.py, and the journal's own part methods);
a refusal is one notice, and nothing changes.

After a change the parts map and the part's story are drawn again from the journal.
"""

from __future__ import annotations

from innercritic.tui.route_context import RouteContext


class PartsRoute:
    def __init__(self, app: RouteContext) -> None:
        self.app = app

    # ---- the parts map: add a part, name a dialogue ------------------------------------
    def add_part(self) -> None:
        from innercritic.screens.part_edit import AskLine

        def chosen(name: str | None) -> None:
            if name and name.strip():
                self.app.db(lambda: self.app.journal().add_part(name), then=lambda part: self._parts_changed(part.name))

        self.app.push_screen(AskLine("Add a part", "Its name, as you would call it.", kind="name"), chosen)

    def link_dialogue(self) -> None:
        from innercritic.services.part_story import unnamed_dialogue_choices

        self.app.db(lambda: unnamed_dialogue_choices(self.app.journal()), then=self._pick_unnamed)

    def _pick_unnamed(self, choices: list[tuple[str, str]]) -> None:
        from innercritic.screens.part_edit import PickOne

        if not choices:
            self.app.notify("Every dialogue already has a part.", timeout=4, markup=False)
            return

        def picked(entry_id: str | None) -> None:
            if entry_id is not None:
                self._name_dialogue(int(entry_id))

        self.app.push_screen(PickOne("Which dialogue?", "Dialogues with no part, newest first.", choices), picked)

    def _name_dialogue(self, entry_id: int) -> None:
        from innercritic.services.part_story import link_dialogue
        from innercritic.screens.part_edit import AskLine

        def named(name: str | None) -> None:
            if name and name.strip():
                self.app.db(lambda: link_dialogue(self.app.journal(), entry_id, name),
                            then=lambda result: self._parts_changed(result[0].name))

        self.app.push_screen(AskLine(
            f"Which part was dialogue #{entry_id} with?",
            "A part you have met (any case), or a new name.", kind="name",
        ), named)

    # ---- one part: rename, describe, merge -----------------------------------------------
    def change_part(self, message) -> None:
        from innercritic.screens.part_edit import AskLine

        name, change = message.name, message.change
        if change == "rename":
            def renamed(new: str | None) -> None:
                if new and new.strip() and new != name:
                    self.app.db(lambda: self.app.journal().rename_part(name, new), then=lambda part: self._parts_changed(part.name))

            self.app.push_screen(AskLine(f"Rename {name}", "Its new name.", name, kind="name"), renamed)
        elif change == "describe":
            def described(text: str | None) -> None:
                from innercritic.services.part_story import describe_part

                if text is not None:
                    self.app.db(lambda: describe_part(self.app.journal(), name, text),
                                then=lambda part: self._parts_changed(part.name))

            current = message.description or ""
            self.app.push_screen(AskLine(
                f"Describe {name}", "What it is like, in your words. Empty clears it.", current, kind="description",
            ), described)
        elif change == "merge":
            self.app.db(lambda: [p.name for p in self.app.journal().list_parts()],
                        then=lambda names: self._pick_merge_target(name, names))

    def _pick_merge_target(self, name: str, names: list[str]) -> None:
        from innercritic.screens.part_edit import PickOne

        others = [(other, other) for other in names if other != name]
        if not others:
            self.app.notify("There is no other part to merge it into.", timeout=4, markup=False)
            return

        def picked(into: str | None) -> None:
            if into is not None:
                self.app.db(lambda: self.app.journal().merge_parts(name, into),
                            then=lambda result: self._parts_changed(result[0].name, merged=(name, result)))

        self.app.push_screen(PickOne(
            f"Merge {name} into…",
            f"Every dialogue and check-in of {name} moves to the part you pick; {name} is then gone.", others,
        ), picked)

    # ---- drawing again -----------------------------------------------------------------
    def _parts_changed(self, open_name: str | None, merged=None) -> None:
        """Draw the parts map again from the journal, with `open_name`'s story on top."""
        from innercritic.services.part_story import part_story
        from innercritic.screens.part_story import PartDetailScreen
        from innercritic.screens.parts import PartsScreen

        while isinstance(self.app.screen, (PartsScreen, PartDetailScreen)):
            self.app.pop_screen()
        self.app.browsing.open_parts()
        if open_name is not None:
            self.app.db(lambda: part_story(self.app.journal(), open_name), then=lambda story: self.app.push_screen(PartDetailScreen(story)))
        if merged is not None:
            from innercritic.views.common import plural

            source, (part, moved) = merged
            entries = plural(moved, "entry", "entries")
            self.app.notify(f"Merged {source} into {part.name} ({entries} moved).", timeout=5, markup=False)
