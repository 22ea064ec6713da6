"""Content errors as editors read them: one line `PATH:LINE: FIELD: MESSAGE`.

MESSAGE is a `Message` (messages.py), shown in the language the editor asked for with
`render(lang)`; PATH and FIELD are never translated (FIELD is the field's own name).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .messages import Message, msg_plural, render


@dataclass(frozen=True)
class ContentError:
    path: str  # relative to the project root, with forward slashes
    line: int
    field: str  # dotted path such as `aid[0].committed.value`, or a word such as `yaml`
    message: Message | str  # a plain string is shown as it is, in every language

    def render(self, lang: str) -> str:
        field = one_line(self.field, 200) or "-"
        return f"{self.path}:{self.line}: {field}: {one_line(render(self.message, lang), 500)}"

    def __str__(self) -> str:  # logs and tests; editors get `render(lang)`
        return self.render("en")

    def _key(self) -> tuple[str, int, str, str]:
        return (self.path, self.line, self.field, str(self.message))

    def __lt__(self, other: ContentError) -> bool:
        return self._key() < other._key()


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

    def lines(self, lang: str = "en") -> list[str]:
        """One line per error in `lang`: the editor's language (`messages_language()`) for
        anything a person reads; English by default, for tests and logs."""
        return [e.render(lang) for e in sorted(set(self.errors))]

    def render(self, lang: str = "en") -> str:
        return "\n".join(self.lines(lang))


def nothing_built(count: int) -> Message:
    """The last line of a refused build (`make site`, `make bulletin`)."""
    return msg_plural("%(n)s error: nothing was built.", "%(n)s errors: nothing was built.", count)


class ContentInvalid(Exception):
    """Raised by the build when the content has errors; carries the whole report (the
    exception's own text is English, for logs: editors get `report.lines(lang)`)."""

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
