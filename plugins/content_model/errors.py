"""Content errors as editors read them: one line `PATH:LINE: FIELD: MESSAGE`."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class ContentError:
    path: str  # relative to the project root, with forward slashes
    line: int
    field: str  # dotted path such as `aid[0].committed.value`, or a word such as `yaml`
    message: str

    def __str__(self) -> str:
        field = one_line(self.field, 200) or "-"
        return f"{self.path}:{self.line}: {field}: {one_line(self.message, 500)}"


def one_line(text: str, limit: int) -> str:
    """Keep an error on one readable line whatever the content it quotes: a line break, a
    control character or a 300 000-character title would break the `PATH:LINE:` format."""
    text = "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)
    if len(text) > limit:  # keep the end too: it usually says what to write
        head, tail = limit * 2 // 3, limit // 3
        text = f"{text[:head]} … {text[-tail:]}"
    return text


@dataclass
class ErrorReport:
    """Collects every problem of a build so that all of them are shown at once."""

    errors: list[ContentError] = field(default_factory=list)

    def add(self, path: str, line: int, field_name: str, message: str) -> None:
        self.errors.append(ContentError(path, max(line, 1), field_name, message))

    def extend(self, errors: list[ContentError]) -> None:
        self.errors.extend(errors)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def __len__(self) -> int:
        return len(self.errors)

    def lines(self) -> list[str]:
        return [str(e) for e in sorted(set(self.errors))]

    def render(self) -> str:
        return "\n".join(self.lines())


class ContentInvalid(Exception):
    """Raised by the build when the content has errors; carries the whole report."""

    def __init__(self, report: ErrorReport):
        self.report = report
        count = len(report)
        super().__init__(f"{count} content error{'s' if count != 1 else ''}:\n{report.render()}")


def format_field(loc: tuple[str | int, ...], data: object = None) -> str:
    """('aid', 0, 'committed', 'value') -> 'aid[0].committed.value'.

    With the data the path walks through, an int is a list index only where the data is a
    list: a year key of a mapping stays `USD.2022`.
    """
    out = ""
    for part in loc:
        is_index = isinstance(part, int) and not isinstance(data, dict)
        if is_index:
            out += f"[{part}]"
        else:
            name = str(part)
            if not name or name != name.strip():  # an empty key, or one with spaces around it
                name = repr(name)
            out += ("." if out else "") + name
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            data = None
    return out or "-"
