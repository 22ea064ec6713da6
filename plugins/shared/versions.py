"""Versions of installed packages, for cache keys: what an old version made must not be
reused after an upgrade (`make lock`)."""

from __future__ import annotations

from functools import cache
from importlib import metadata


@cache
def package_versions(*names: str) -> str:
    """`name=version` of each package, `-` for one that is not installed."""
    return " ".join(f"{name}={_version(name)}" for name in names)


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"
