"""Events capability (see its core modules; the Pelican adapter is pelican_adapter.py)."""


def register() -> None:
    try:
        from .pelican_adapter import register as _register
    except ModuleNotFoundError as exc:
        if exc.name != f"{__name__}.pelican_adapter":
            raise
        return  # no adapter yet: nothing to wire
    _register()
