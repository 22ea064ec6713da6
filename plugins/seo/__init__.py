"""Seo capability: a pure core, wired to Pelican by pelican_adapter.py."""

from typing import Any


def register() -> None:
    """Nothing to connect to Pelican's signals: the capability extends the site through
    `extend`."""


def extend(hooks: Any) -> None:
    """Register this capability's pages, variables and files with a build's hooks
    (bilingual/hooks.py)."""
    from .pelican_adapter import extend as _extend

    _extend(hooks)
