"""Names of OECD DAC 5-digit purpose codes ("CRS purpose codes") in Vietnamese and English.

The names are in the data file sectors.yaml beside this module: every code the example
content uses and the ones foreign NGO aid in Vietnam most often reports. A code missing there
is shown as the code itself: the build never fails on a valid code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from shared.labels import load_labels

SECTORS_FILE = Path(__file__).with_name("sectors.yaml")  # code -> {vi, en}


@dataclass(frozen=True)
class Sector:
    code: str
    name: str  # the code itself when the list does not know it
    known: bool


def sector(code: str, lang: str) -> Sector:
    names = load_labels(SECTORS_FILE).get(code)
    if names is None:
        return Sector(code, code, False)
    return Sector(code, names[lang], True)


def sector_name(code: str, lang: str) -> str:
    """The name of a DAC code in `lang`, or the code itself when unknown."""
    return sector(code, lang).name
