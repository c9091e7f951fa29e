"""The Journal's methods for following a part over time: its story (store/part_story.py),
describing a part, and linking a dialogue that was never named to a part.

A base class of Journal (store/journal.py), kept apart so each file has one job.
Uses from Journal: path, _conn and _run(work).
"""

from __future__ import annotations

from ..engine.records import PartProfile, PartRecord
from ..errors import UsageProblem
from .connection import write_transaction


class PartStoryJournal:
    def part_story(self, name: str, limit: int | None = None) -> tuple[PartProfile, list, tuple]:
        """The part with its counts; its dialogues newest first (part_story.StoryRow), those it
        reacted in among them; and (the parts it reacted to, the parts that reacted to it)."""
        from . import part_story, parts

        from . import part_reactions

        def read():
            profile = parts.profile(self._conn, name, limit=5 if limit is None else limit)
            rows = part_story.story_rows(self._conn, profile.part.id, limit)
            return profile, rows, part_reactions.links(self._conn, profile.part.id)

        return self._run(lambda: self._in_one_snapshot(read))

    def last_promise(self, name: str | None, dialogue_id: int | None = None) -> str | None:
        """What the part called `name` last said it needed to trust the person a little more,
        in a dialogue before `dialogue_id` (None: before now); never a noticed answer."""
        from . import part_story, queries

        if not name or not name.strip():
            return None
        return self._run(lambda: part_story.last_promise(self._conn, queries.name_key(name), dialogue_id))

    def name_reacting_part(self, dialogue_id: int, name: str | None) -> PartRecord | None:
        """The part that reacted in this dialogue is called `name` (made if new); None forgets it."""
        from ..engine.dates import now_iso
        from . import part_reactions

        def work() -> PartRecord | None:
            with write_transaction(self._conn, self.path):
                return part_reactions.name_reacting_part(self._conn, dialogue_id, name, now_iso())

        return self._run(work)

    def most_met_part(self) -> tuple[str, str] | None:
        """(name, last met, UTC ISO) of the part met most often, or None without parts."""
        from . import part_story

        return self._run(lambda: part_story.most_met_part(self._conn))

    def describe_part(self, name: str, description: str | None) -> PartRecord:
        """Set (or, with None or blank, clear) a part's description."""
        from . import parts

        def work() -> PartRecord:
            with write_transaction(self._conn, self.path):
                part = parts.require_part(self._conn, name)
                clean = parts.clean_description(description)
                self._conn.execute("UPDATE part SET description = ? WHERE id = ?", (clean, part.id))
                return part._replace(description=clean)

        return self._run(work)

    def unnamed_dialogues(self, limit: int = 50) -> list[tuple[int, str, str]]:
        """Dialogues linked to no part, newest first: (entry id, at, flow id)."""
        from . import part_story

        return self._run(lambda: part_story.unnamed_dialogues(self._conn, limit))

    def link_dialogue(self, entry_id: int, name: str) -> tuple[PartRecord, bool]:
        """Link a dialogue that has no part to the part called `name` (made if new);
        (the part, True when it was made). A dialogue with a part already is refused:
        `parts merge` or `parts rename` change parts."""
        from . import queries

        def work() -> tuple[PartRecord, bool]:
            with write_transaction(self._conn, self.path):
                row = self._conn.execute(
                    "SELECT e.kind, e.part_id FROM entry e WHERE e.id = ?", (entry_id,)
                ).fetchone()
                if row is None or row[0] != "dialogue":
                    raise UsageProblem(f"there is no dialogue #{entry_id}")
                if row[1] is not None:
                    raise UsageProblem(
                        f"dialogue #{entry_id} already belongs to a part; `innercritic parts merge` folds one part into another"
                    )
                part = queries.find_part_like(self._conn, name)
                made = part is None
                if made:
                    part, _likely = queries.insert_part(self._conn, name)
                self._conn.execute("UPDATE entry SET part_id = ? WHERE id = ?", (part.id, entry_id))
                return part, made

        return self._run(work)
