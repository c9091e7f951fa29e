"""Pictures of the key screens at 80×24. Review snapshot_report.html before updating them
(`pytest tests/tui/test_snapshots.py --snapshot-update`)."""

from __future__ import annotations

from tui_helpers import app_for, settle

from innercritic.screens.summary import SummaryScreen


async def _welcome_drawn(pilot) -> None:
    """Settle, then wait until the welcome beside the menu is drawn whole: on a busy machine the
    picture was once taken after its first two lines."""
    await settle(pilot)
    for _ in range(100):
        shown = " ".join(strip.text for strip in pilot.app.screen._compositor.render_strips())
        if "quick" in shown and "check-in." in " ".join(shown.split()):
            break
        await pilot.pause(0.05)
    await pilot.pause()


def test_home_on_first_run(snap_compare, tmp_path):
    app = app_for(tmp_path / "j.db")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_welcome_drawn)


def test_dialogue_first_prompt(snap_compare, tmp_path):
    app = app_for(tmp_path / "j.db", start="talk")
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


def test_dialogue_with_the_critic_quoted(snap_compare, tmp_path):
    async def answer_two(pilot):
        await settle(pilot)
        await pilot.press("8", "enter")
        await settle(pilot)
        pilot.app.screen.query(".answer-input").first().insert("You're being lazy. Everyone else would have finished.")
        await pilot.press("enter")
        await settle(pilot)  # the lens reading is a quiet note under the critic's words, not a toast

    from innercritic.store.journal import Journal

    Journal(str(tmp_path / "j.db")).close()  # not the first talk ever: no welcome line above
    app = app_for(tmp_path / "j.db", start="talk")
    assert snap_compare(app, terminal_size=(80, 24), run_before=answer_two)


def test_summary(snap_compare, tmp_path):
    rows = [
        ("The part", "Taskmaster"),
        ("The critic said", "“You're being lazy…”"),
        ("It protects you from", "being seen as not enough"),
        ("It needs", "to know I will not drop everything"),
        ("What you'd say to a friend", "“You've worked so hard. You can rest.”"),
        ("Loudness", "8 → 5"),
    ]

    async def show_summary(pilot):
        await settle(pilot)
        pilot.app.push_screen(SummaryScreen(rows))
        await pilot.pause()

    app = app_for(tmp_path / "j.db")
    assert snap_compare(app, terminal_size=(80, 24), run_before=show_summary)


def _crisis_app(tmp_path):
    """The app showing the panel after words said outright, with a three-person plan."""
    from innercritic.services.care_path import Where, crisis_view
    from innercritic.engine.helplines import shipped
    from innercritic.engine.safety_plan import PlanEntry, SafetyPlan
    from innercritic.screens.crisis import CrisisScreen

    plan = SafetyPlan.of({
        "people": [PlanEntry("Sam", "07700 900123"), PlanEntry("Mum", "call her mobile"), PlanEntry("Dr Okafor", "surgery")],
        "on_my_own": ["walk by the river"],
    })
    view = crisis_view("dialogue", Where(shipped().find("GB"), "locale", "GB", []), plan)

    async def show(pilot):
        await settle(pilot)
        pilot.app.push_screen(CrisisScreen(view, stage="ask"))
        await pilot.pause()
        await pilot.pause()

    return app_for(tmp_path / "j.db"), show


def test_crisis_panel_at_60x18(snap_compare, tmp_path):
    app, show = _crisis_app(tmp_path)
    assert snap_compare(app, terminal_size=(60, 18), run_before=show)


def test_crisis_panel_at_80x24(snap_compare, tmp_path):
    app, show = _crisis_app(tmp_path)
    assert snap_compare(app, terminal_size=(80, 24), run_before=show)
