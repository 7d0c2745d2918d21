"""``--lang zh|en`` on every command: the language of messages, diagnostics and tables.

Without it the language comes from ``SIMGROUP_LANG``, then the locale
(:func:`simgroup.i18n.detect_language`). ``--json``, JUnit and CSV stay English whatever the
language: they are for programs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from simgroup.i18n import LANGUAGES, detect_language, set_language

F = TypeVar("F", bound=Callable[..., Any])

HELP = "Language of messages and tables: zh or en (default: SIMGROUP_LANG, then the locale)."


_CHOSEN = "simgroup.lang"


def _choose(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    # ``simgroup --lang zh run x`` chooses on the group; the command's own --lang (or, without
    # one, the group's choice) decides for the command
    lang = value or ctx.find_root().meta.get(_CHOSEN) or detect_language()
    ctx.find_root().meta[_CHOSEN] = value or ctx.find_root().meta.get(_CHOSEN)
    set_language(lang)
    return lang


def language_option(command: F) -> F:
    """Adds ``--lang`` to a command; the choice is made before any other option is read."""
    return click.option(
        "--lang", type=click.Choice(LANGUAGES), default=None, expose_value=False, is_eager=True,
        callback=_choose, help=HELP,
    )(command)
