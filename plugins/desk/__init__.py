"""The editors' desk: Decap CMS at output/admin/, configured from the content model.

A pure core (config.py: the configuration; admin_files.py: the files of output/admin/) and a
thin adapter (pelican_adapter.py) that writes them with every build.
"""

from typing import Any


def register() -> None:
    """Nothing to connect to Pelican's signals: the capability extends the site through
    `extend`."""


def extend(hooks: Any) -> None:
    """Register this capability's pages, variables and files with a build's hooks
    (bilingual/hooks.py)."""
    from .pelican_adapter import extend as _extend

    _extend(hooks)
