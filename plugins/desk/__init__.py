"""The editors' desk: Decap CMS at output/admin/, configured from the content model.

A pure core (config.py: the configuration; admin_files.py: the files of output/admin/) and a
thin adapter (pelican_adapter.py) that writes them with every build.
"""


def register() -> None:
    from .pelican_adapter import register as _register

    _register()
