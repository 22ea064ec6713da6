"""The theme's Jinja environment, one for the site's pages and the bulletin's editions: its
options, the filters every template may use, and the store of compiled templates.

Pelican makes the site's environment (from `JINJA_ENVIRONMENT`, which is `OPTIONS`) and the
adapters `configure` it; the bulletin, built with or without Pelican, makes its own with
`environment`. Both get the same filters: the core ones here, and the tables a capability
passes (`aid.money.FILTERS`), so that a partial included by both renders the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any

from jinja2 import BaseLoader, Environment, pass_environment
from jinja2.bccache import Bucket, BytecodeCache

from shared.text import localized

from . import formatting
from .fragments import render_row

# The options of every environment that renders the theme (pelicanconf: JINJA_ENVIRONMENT).
OPTIONS: Mapping[str, Any] = MappingProxyType(
    {
        "extensions": ("jinja2.ext.i18n",),
        "trim_blocks": True,
        "lstrip_blocks": True,
        "autoescape": True,
    }
)

Filters = Mapping[str, Callable[..., Any]]


def pick(keys: Iterable[Any], mapping: Mapping[Any, Any]) -> tuple[Any, ...]:
    """`mapping`'s values for `keys`, in their order (a row's links from its stories)."""
    return tuple(mapping[key] for key in keys)


# The filters of every template, site and bulletin alike.
FILTERS: Filters = MappingProxyType(
    {
        "format_day": formatting.format_day,
        "format_number": formatting.format_number,
        "localized": localized,
        "pick": pick,
    }
)


@pass_environment
def list_row(env: Environment, template: str, macro: str, *args: Any) -> Any:
    """A row of a long list, `macro` of `template` called with `args` (see fragments.py);
    the preview's renderer replaces it with one that keeps rows between builds."""
    return render_row(env, template, macro, *args)


def pelican_options() -> dict[str, Any]:
    """`OPTIONS` as a plain setting (Pelican pickles settings and merges them as dicts)."""
    return {key: list(v) if isinstance(v, tuple) else v for key, v in OPTIONS.items()}


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept for the life of the process: Pelican makes new environments
    on every build, and the preview builds many times (keyed by the template's source)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = MemoryBytecodeCache()


def configure(
    env: Environment, filters: Filters = FILTERS, globals: Mapping[str, Any] | None = None
) -> Environment:
    """Give `env` the theme's filters (the core ones and `filters`), `globals` and the
    compiled-template store."""
    env.filters.update(FILTERS)
    env.filters.update(filters)
    env.globals["list_row"] = list_row
    env.globals.update(globals or {})
    env.bytecode_cache = COMPILED_TEMPLATES
    return env


def environment(
    loader: BaseLoader, filters: Filters = FILTERS, globals: Mapping[str, Any] | None = None
) -> Environment:
    """A new environment with the theme's options, filters and `globals`, reading `loader`."""
    return configure(Environment(loader=loader, **pelican_options()), filters, globals)
