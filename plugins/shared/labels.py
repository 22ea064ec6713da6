"""Labels people read, kept in YAML data files beside the code that shows them, so that a
translator edits a data file, never Python.

A labels file maps a key (an event kind, a partner type, a DAC code) to a text in every
language, `{vi: ..., en: ...}`, or to several named texts, each such a pair. Keys are read as
strings (quote them anyway: YAML reads `11110` as a number and `no` as false).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

LANGS = ("vi", "en")


class LabelsError(ValueError):
    """A labels file that does not give every text in every language."""


def _check(value: Any, where: str) -> None:
    if isinstance(value, dict) and set(value) == set(LANGS):
        for lang in LANGS:
            if not isinstance(value[lang], str) or not value[lang].strip():
                raise LabelsError(f"{where}.{lang}: a text is needed")
        return
    if isinstance(value, dict) and value and not set(value) & set(LANGS):
        for name, inner in value.items():
            _check(inner, f"{where}.{name}")
        return
    raise LabelsError(f"{where}: give the text in {' and '.join(LANGS)}, as {{vi: ..., en: ...}}")


@lru_cache(maxsize=16)
def load_labels(path: Path) -> dict[str, Any]:
    """key -> {lang: text} (or key -> {name: {lang: text}}), in the file's order; a text
    missing in a language raises LabelsError naming where."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise LabelsError(f"{path.name}: a mapping of keys to labels is needed")
    labels = {str(key): value for key, value in data.items()}
    for key, value in labels.items():
        _check(value, f"{path.name}: {key}")
    return labels
