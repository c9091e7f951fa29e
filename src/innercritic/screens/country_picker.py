"""Choose the country the help lines are for. Dismisses with a code ("GB", "general") or None."""

from __future__ import annotations

from innercritic.widgets.key_hints import KeyHints
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from innercritic.textsafe import visible



class CountryPicker(ModalScreen["str | None"]):
    BINDINGS = [Binding("escape", "dismiss_none", "Back")]

    def __init__(self, countries: list[tuple[str, str]], current: str | None) -> None:
        super().__init__()
        self.countries = countries  # (code, name)
        self.current = current

    def compose(self) -> ComposeResult:
        from innercritic.engine.care_words import words

        with Vertical(id="country-panel"):
            yield Static(visible(words().get("panel.choose_country")), markup=False)
            yield OptionList(*[Option(visible(name), id=code) for code, name in self.countries])
            yield KeyHints("enter picks · esc goes back")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        for index, (code, _name) in enumerate(self.countries):
            if code == self.current:
                options.highlighted = index
        options.focus()

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        self.dismiss(message.option.id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
