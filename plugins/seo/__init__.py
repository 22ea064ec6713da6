"""Seo capability: a pure core, wired to Pelican by pelican_adapter.py."""


def register() -> None:
    from .pelican_adapter import register as _register

    _register()
