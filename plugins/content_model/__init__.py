"""Content model and validation: the contract of shared/content-model.md.

The core (schema, YAML loading, project checks) has no Pelican import; `register` wires the
reader and the pre-build check into Pelican through `pelican_adapter`.
"""


def register() -> None:
    from .pelican_adapter import register as _register

    _register()
