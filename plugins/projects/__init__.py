"""Aid projects capability: the registry of `content/data/aid-projects.yaml` as pages, open data
(`aid-projects.csv`, IATI 2.03 `iati-activities.xml`) and links from partners and stories.

Pure core: `registry` (which project counts where, which stories name it, filters), `export`
(the CSV), `iati` (the IATI XML). `pelican_adapter` wires them to the bilingual site."""

from typing import Any


def register() -> None:
    """Nothing to connect to Pelican's signals: the capability extends the site through
    `extend`."""


def extend(hooks: Any) -> None:
    """Register this capability's pages, variables and files with a build's hooks
    (bilingual/hooks.py)."""
    from .pelican_adapter import extend as _extend

    _extend(hooks)
