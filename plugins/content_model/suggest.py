"""Suggestions for what an editor wrote instead of a known value: "did you mean ...?".

Besides plain typing mistakes (difflib), three kinds of slips get the value meant: a field
named in Vietnamese or in other words (`tiêu đề:` -> `title`); a country by its name in
either language (`Lào`, `Laos` -> `LA`); a partner, province or category by its name,
acronym or part of its name (`Good Neighbors`, `Tổ chức GNI` -> `gni`). Words and names are
compared folded: no case, no tone marks, đ as d. Names of countries come from CLDR
(Babel); the other words editors use are in editor_words.yaml.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import yaml
from babel import Locale

from .messages import Message, msg

WORDS_FILE = Path(__file__).with_name("editor_words.yaml")


def fold(text: str) -> str:
    """`Tiêu  Đề` -> `tieu de`: for comparing what editors type, never for showing."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def did_you_mean(value: str, choices: Iterable[str]) -> Message | str:
    """Closest choices, ignoring case (`GNI` suggests `gni`); "" when none is close."""
    by_folded = {c.casefold(): c for c in choices}
    close = difflib.get_close_matches(value.casefold(), list(by_folded), n=3, cutoff=0.6)
    return _hint([by_folded[c] for c in close])


def _hint(found: list[str]) -> Message | str:
    if not found:
        return ""
    return msg(" (did you mean %(choices)s?)", choices=", ".join(dict.fromkeys(found)))


@cache
def _words() -> dict[str, dict[str, list[str]]]:
    with WORDS_FILE.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def editor_words(section: str) -> list[str]:
    """A list of editor_words.yaml (`slug_fillers`: small words make new may leave out)."""
    return [str(w) for w in _words()[section]]


def split_approx(text: str) -> tuple[str | None, str]:
    """`trên 5,1 triệu USD` -> ("over", "5,1 triệu USD"): the source's qualifier in front of
    an amount (approx_words in editor_words.yaml) and the rest; (None, text) without one."""
    stripped = text.strip()
    lowered = stripped.casefold()
    words = sorted(
        (
            (str(w).casefold(), approx)
            for approx, ws in _words()["approx_words"].items()
            for w in ws
        ),
        key=lambda pair: -len(pair[0]),
    )
    for word, approx in words:
        rest = lowered.removeprefix(word)
        if rest != lowered and (not rest or not rest[0].isalnum() or not word[-1].isalnum()):
            return approx, stripped[len(word) :].strip()
    return None, text


@cache
def _field_aliases() -> dict[str, tuple[str, ...]]:
    """folded word -> the fields it may name."""
    aliases: dict[str, list[str]] = {}
    for field, words in _words()["fields"].items():
        for word in [field, *words]:
            aliases.setdefault(fold(str(word)), []).append(field)
    return {k: tuple(v) for k, v in aliases.items()}


def suggest_field(name: str, allowed: list[str]) -> Message | str:
    """For an unknown field: the field meant by its Vietnamese (or other) name, else the
    closest field names."""
    named = [f for f in _field_aliases().get(fold(name), ()) if f in allowed]
    return _hint(named) if named else did_you_mean(name, allowed)


@cache
def _country_names() -> dict[str, str]:
    """folded country name (vi, en, editors' words) -> ISO 3166-1 alpha-2 code."""
    names: dict[str, str] = {}
    for lang in ("en", "vi"):
        for code, name in Locale(lang).territories.items():
            if len(code) == 2 and code.isalpha():
                names.setdefault(fold(name), code)
    for code, words in _words()["countries"].items():
        for word in words:
            names[fold(str(word))] = code
    return names


def suggest_country(value: str, codes: Iterable[str]) -> Message | str:
    """For a wrong country code: the code of a country named in vi or en, else close codes."""
    codes = sorted(codes)
    folded = fold(value)
    if (code := _country_names().get(folded)) and code in codes:
        return _hint([code])
    close = difflib.get_close_matches(folded, list(_country_names()), n=1, cutoff=0.8)
    if close and _country_names()[close[0]] in codes and len(folded) > 3:
        return _hint([_country_names()[close[0]]])
    return did_you_mean(value.upper(), codes)


def suggest_key(value: str, names: dict[str, list[str]]) -> Message | str:
    """For an unknown key (partner id, province, category): the entry named by its name,
    acronym or a part of its name (whole words), else the closest keys.
    `names`: key -> its names (vi, en) and acronym."""
    folded = fold(value)
    exact = [key for key, given in names.items() if folded in {fold(n) for n in given}]
    if exact:
        return _hint(exact)
    if len(folded) >= 3:
        words = f" {folded} "
        inside = [
            key for key, given in names.items() if any(words in f" {fold(n)} " for n in given)
        ]
        if 0 < len(inside) <= 3:
            return _hint(inside)
    return did_you_mean(value, list(names))
