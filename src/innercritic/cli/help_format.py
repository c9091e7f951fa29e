"""Help text in people's words: Typer 0.29 shows an argument's Python type after its name
(`NAME <str>`) and wraps required ones in braces (`{ID}`). innercritic's arguments all
have a metavar that says what to type, so the type is dropped and the usage line reads
the ordinary way: `ID`, `[FILE]...`. Typer is pinned below 0.30 (pyproject.toml);
tests/cli/test_conventions.py reads every command's help to keep this true."""

from __future__ import annotations


def use_plain_help() -> None:
    from typer.core import TyperArgument

    def no_type(self, ctx):  # noqa: ARG001 - Typer's signature
        return None

    def usage_name(self) -> str:
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return name + ("..." if self.nargs != 1 else "")

    TyperArgument.display_type_rich = no_type
    TyperArgument._usage_display_name = usage_name
