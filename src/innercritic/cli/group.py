"""The Typer group every innercritic command group uses: an error a person caused
becomes one plain line on standard error and its exit code, never a traceback."""

from __future__ import annotations

import sys

import typer
from typer.core import TyperGroup

from innercritic.errors import InnerCriticError


class OneLineErrors(TyperGroup):
    """Turns the errors a person can cause into one line and an exit code."""

    def invoke(self, ctx: typer.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except InnerCriticError as problem:
            from innercritic.textsafe import one_line  # a name or path typed by someone can hold escape codes

            sys.stderr.write(f"innercritic: {one_line(str(problem))}\n")
            raise typer.Exit(problem.exit_code) from None
        except BrokenPipeError:
            # The reader stopped early (`stats | head -1`): not a failure, as for `history | head`.
            # Click would exit 1; the rest of the output goes nowhere instead.
            from innercritic.views.consoles import quiet_stdout

            quiet_stdout()
            raise typer.Exit(0) from None


def option_given(ctx: typer.Context, name: str) -> bool:
    """Whether an option was typed (rather than left at its default)."""
    source = ctx.get_parameter_source(name)
    return source is not None and source.name not in ("DEFAULT", "DEFAULT_MAP")


def command_group(parent: typer.Typer, name: str, *, help: str, epilog: str, **options) -> typer.Typer:
    """A command group under ``parent`` (``innercritic NAME …``) that speaks in one-line errors
    and plain help like every other; ``options`` go to Typer as they are."""
    group = typer.Typer(cls=OneLineErrors, rich_markup_mode=None, help=help, epilog=epilog, **options)
    parent.add_typer(group, name=name)
    return group
