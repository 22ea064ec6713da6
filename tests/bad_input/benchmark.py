"""How long `load_project` takes on the large bad inputs (timings stay out of the tests).

Run: .venv/bin/python tests/bad_input/benchmark.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(TESTS.parent / "plugins"), str(TESTS)]

from test_bad_input import EXPECTED, GENERATED, put_case, write_case  # noqa: E402

from conftest import Site, make_site  # noqa: E402
from content_model.project import load_project  # noqa: E402


def timed(setup: Callable[[Site], object]) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as folder:
        site = make_site(Path(folder) / "site")
        setup(site)
        started = time.perf_counter()
        _, report = load_project(site.root)
        return time.perf_counter() - started, len(report)


def main() -> None:
    for name in GENERATED:
        seconds, errors = timed(lambda site, name=name: write_case(site, name))
        print(f"{seconds:7.2f} s  {errors:3} errors  {name}")
    total = sum(timed(lambda site, case=case: put_case(site, case))[0] for case in EXPECTED)
    print(f"{total:7.2f} s  the {len(EXPECTED)} corpus cases, one project each")


if __name__ == "__main__":
    main()
