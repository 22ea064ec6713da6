"""Turn `make check` output into GitHub annotations (used by .github/workflows/site.yml).

Reads the check's lines on stdin, prints each one unchanged (the job's log keeps them) and,
for every `PATH:LINE: FIELD: MESSAGE`, a workflow command
`::error file=PATH,line=LINE,title=FIELD::MESSAGE` (a warning line, `::warning`): the pull
request then shows the message on that line of that file, where the editor fixes it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator

LINE = re.compile(r"^(?P<path>[^\s:][^:]*):(?P<line>\d+): (?P<field>[^:]+): (?P<message>.+)$")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotations(lines: Iterable[str], level: str = "error") -> Iterator[str]:
    """The workflow command of each located line; other lines give none."""
    for raw in lines:
        m = LINE.match(raw.rstrip("\n"))
        if m is None:
            continue
        yield (
            f"::{level} file={_escape_property(m['path'])},line={m['line']},"
            f"title={_escape_property(m['field'])}::{_escape_data(m['message'])}"
        )


def main() -> int:
    level = sys.argv[1] if len(sys.argv) > 1 else "error"
    for line in sys.stdin:
        sys.stdout.write(line)
        for command in annotations([line], level):
            print(command)
    return 0


if __name__ == "__main__":
    sys.exit(main())
