"""Aid projects capability: the registry of `content/data/aid-projects.yaml` as pages, open data
(`aid-projects.csv`, IATI 2.03 `iati-activities.xml`) and links from partners and stories.

Pure core: `registry` (which project counts where, which stories name it, filters), `export`
(the CSV), `iati` (the IATI XML). `pelican_adapter` wires them to the bilingual site."""


def register() -> None:
    from .pelican_adapter import register as _register

    _register()
