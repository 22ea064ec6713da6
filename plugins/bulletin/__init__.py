"""Bulletin capability: a pure core, wired to Pelican by pelican_adapter.py."""

import importlib.util


def register() -> None:
    if importlib.util.find_spec(f"{__name__}.pelican_adapter") is None:
        return  # being written: no adapter yet
    from .pelican_adapter import register as _register

    _register()
