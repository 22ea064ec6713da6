"""Rows of the long lists (an event of the calendar, a figure of the aid statistics, a line
of the archives, a story, event or figure of a partner page), rendered once and kept by the
preview between its builds: after a title edit, the pages that list the story are rendered
again, but only the rows of the edited story are; the others' HTML is joined as it was.

A template renders a row with the global `list_row(template, macro, *args)` instead of calling
the macro: the macro is taken from `template` imported without the page's context, so that
what it shows comes from its arguments only (and the gettext catalog of the page's
language, the theme's filters and globals). The key of a row is (template, macro,
language, arguments), compared by value: the arguments must be values (strings, numbers,
dates, None, tuples and frozen dataclasses of them, such as `StoryLink` and
`EventView`), never an object that may change in place (Pelican's articles, whose title a
title edit changes), which `list_row` refuses. Lists are passed as tuples.

Whatever else a row's HTML depends on (templates, catalogs, filters, data files, settings,
the build day) is in the build's shared key (fingerprints.shared_key): when it changes, the
rows are forgotten (`Fragments.start`).

A whole build renders pages in forked workers: each returns the rows it rendered
(`take_fresh`), which the preview's process keeps (`keep`). Builds other than the
preview's (`make site`) use `render_row`, with nothing kept.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

Key = tuple[str, str, str, tuple[Any, ...]]

_SCALARS = (str, int, float, Decimal, date, datetime, type(None))


def is_value(value: Any) -> bool:
    """Whether `value` is compared by what it holds and cannot change in place: a row keyed
    by it is never shown stale."""
    if isinstance(value, _SCALARS):  # Markup is a str; bool an int
        return True
    if isinstance(value, tuple | frozenset):
        return all(is_value(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        params = getattr(type(value), "__dataclass_params__", None)
        return bool(params and params.frozen and params.eq) and all(
            is_value(getattr(value, f.name)) for f in dataclasses.fields(value)
        )
    return False


def row_args(args: tuple[Any, ...]) -> tuple[Any, ...]:
    """A row's arguments as it is keyed and called: lists become tuples."""
    for arg in args:  # rarely a list: no new tuple then (a call per row of every list)
        if isinstance(arg, list):
            return tuple(tuple(a) if isinstance(a, list) else a for a in args)
    return args


def render_row(env: Environment, template: str, macro: str, *args: Any) -> Markup:
    """The row rendered now: `macro` of `template` imported without context."""
    rendered: Markup = getattr(_module(env, template), macro)(*row_args(args))
    return rendered


def _module(env: Environment, template: str) -> Any:
    """`template` imported without context, for the gettext catalog installed now (a module
    keeps the catalog of the moment it was made: one per installed catalog)."""
    modules = env.__dict__.setdefault("_row_modules", {})
    gettext = env.globals.get("gettext")
    made = modules.get(template)
    if made is None or made[0] is not gettext:
        made = modules[template] = (gettext, env.get_template(template).make_module())
    return made[1]


class Fragments:
    """The rows the preview keeps (for the shared key `key`), and the count of rows it
    rendered, or its workers did (tests: a title edit renders only the edited story's
    rows)."""

    def __init__(self) -> None:
        self.rows: dict[Key, Markup] = {}
        self.fresh: dict[Key, Markup] = {}  # rendered since the last `take_fresh`
        self.key: str | None = None
        self.lang = ""  # the language of the gettext catalog installed (by the renderer)
        self.rendered = 0

    def start(self, shared_key: str) -> bool:
        """Before a build: forget every row when what rows depend on changed; True when
        there is none kept (the build's pages fill them)."""
        if shared_key != self.key:
            self.rows, self.fresh, self.key = {}, {}, shared_key
        return not self.rows

    def row(self, env: Environment, template: str, macro: str, *args: Any) -> Markup:
        values = row_args(args)
        key = (template, macro, self.lang, values)
        try:
            html = self.rows.get(key)
        except TypeError as unhashable:
            raise TypeError(f"row {template}:{macro}: arguments must be values") from unhashable
        if html is None:
            if not is_value(values):
                raise TypeError(f"row {template}:{macro}: arguments must be values: {values!r}")
            html = render_row(env, template, macro, *values)
            self.rows[key] = self.fresh[key] = html
            self.rendered += 1
        return html

    def take_fresh(self) -> dict[Key, Markup]:
        """The rows rendered since the last call (a worker sends them to the preview)."""
        fresh, self.fresh = self.fresh, {}
        return fresh

    def keep(self, rows: dict[Key, Markup]) -> None:
        """Keep the rows a worker rendered (counted in `rendered` when new here)."""
        # (not `rows.keys() - self.rows.keys()`: that walks every row kept, at each page)
        self.rendered += sum(1 for key in rows if key not in self.rows)
        self.rows.update(rows)
