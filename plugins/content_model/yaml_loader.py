"""YAML without surprises, with the line of every value.

PyYAML follows YAML 1.1: `NO` becomes False, `0123` becomes 83, `1:20` becomes 80.
Our resolver keeps only `true`/`false` as booleans, only plain decimal numbers as numbers
(a leading zero keeps the text: phone numbers, codes), dates as dates, and everything
else as text. Values are built from the node tree so that every path keeps its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import yaml
import yaml.cyaml

Loc = tuple[str | int, ...]


class StrictResolver(yaml.resolver.BaseResolver):
    pass


StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
# Decimal integers without a leading zero: `0123` stays text (83 in YAML 1.1).
StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789"),
)
StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:timestamp",
    re.compile(
        r"""^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}
        |[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[Tt]|[ \t]+)[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]*)?)?
        (?:[ \t]*(?:Z|[-+][0-9]{2}(?::?[0-9]{2})?))?)$""",
        re.X,
    ),
    list("0123456789"),
)


class PyStrictLoader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    yaml.constructor.SafeConstructor,
    StrictResolver,
):
    def __init__(self, stream: str):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        StrictResolver.__init__(self)


if yaml.__with_libyaml__:
    # libyaml parses about ten times faster; node tree, marks and our resolver are the same
    class CStrictLoader(yaml.cyaml.CParser, yaml.constructor.SafeConstructor, StrictResolver):
        def __init__(self, stream: str):
            yaml.cyaml.CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            StrictResolver.__init__(self)

    StrictLoader: type = CStrictLoader
else:
    StrictLoader = PyStrictLoader


@dataclass
class LineMap:
    """Line (1-based, in the file) of each value, keyed by its path."""

    lines: dict[Loc, int] = field(default_factory=dict)
    default: int = 1

    def line(self, loc: Loc) -> int:
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), self.default)


@dataclass
class YamlProblem:
    line: int
    field: Loc
    message: str


class YamlSyntaxError(Exception):
    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(f"line {line}: {message}")


def load_yaml(text: str, first_line: int = 1) -> tuple[Any, LineMap, list[YamlProblem]]:
    """Parse one YAML document. `first_line` is the file line where `text` starts.

    Returns the value, the line map and non-fatal problems (duplicate keys, non-text keys).
    Raises YamlSyntaxError with the file line for text that is not YAML.
    """
    offset = first_line - 1
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        # rare: parse again with the pure-Python parser, whose messages and lines we document
        loader = PyStrictLoader(text)
        node = _compose_or_raise(loader, first_line)
    finally:
        loader.dispose()
    lines = LineMap(default=first_line)
    problems: list[YamlProblem] = []
    if node is None:
        return None, lines, problems
    value = _build(loader, node, (), lines, problems, offset)
    return value, lines, problems


def _compose_or_raise(loader: PyStrictLoader, first_line: int) -> yaml.Node | None:
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark else first_line
        raise YamlSyntaxError(line, _syntax_message(exc)) from None
    except yaml.YAMLError as exc:  # e.g. a second document in the same block
        raise YamlSyntaxError(first_line, str(exc).splitlines()[0]) from None


# 457.250 or 16.104.216: Vietnamese thousands grouping that YAML would read as a fraction
_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+$")


def _timestamp(text: str) -> date | datetime | str:
    """Dates and ISO datetimes (seconds optional, which PyYAML's own parser requires)."""
    value = text.strip()
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        return datetime.fromisoformat(re.sub(r"\s+", " ", value).replace("Z", "+00:00"))
    except ValueError:
        return text  # an impossible date such as 2022-13-01: the schema says what to write


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "not valid YAML").strip()
    if "mapping values are not allowed" in problem:
        return (
            "a colon followed by a space inside a value: put the value in double quotes, "
            'e.g. title: "Hội nghị: kết quả"'
        )
    if "found character '\\t'" in problem:
        return "a tab character: indent with spaces"
    context = f" ({exc.context.strip()})" if exc.context else ""
    return f"not valid YAML: {problem}{context}"


def _build(
    loader: StrictLoader,
    node: yaml.Node,
    loc: Loc,
    lines: LineMap,
    problems: list[YamlProblem],
    offset: int,
) -> Any:
    lines.lines.setdefault(loc, node.start_mark.line + 1 + offset)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1 + offset
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(YamlProblem(key_line, loc, "a key must be plain text"))
                continue
            key = loader.construct_object(key_node)
            if isinstance(key, bool | None.__class__):
                key = key_node.value  # a key such as `NO:` or `true:` is text
            if key in result:
                problems.append(
                    YamlProblem(key_line, (*loc, key), "this key is given twice; keep one")
                )
                continue
            lines.lines[(*loc, key)] = key_line
            result[key] = _build(loader, value_node, (*loc, key), lines, problems, offset)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(loader, item, (*loc, i), lines, problems, offset)
            for i, item in enumerate(node.value)
        ]
    if node.tag == "tag:yaml.org,2002:timestamp":
        return _timestamp(node.value)
    if node.tag == "tag:yaml.org,2002:float" and _GROUPED.match(node.value):
        digits = node.value.replace(".", "")
        problems.append(
            YamlProblem(
                node.start_mark.line + 1 + offset,
                loc,
                f"'{node.value}' looks like a number with thousands separators: write "
                f"{digits} (if you mean the fraction, write {float(node.value)})",
            )
        )
    try:
        return loader.construct_object(node, deep=True)
    except ValueError:
        return node.value  # an impossible date such as 2022-13-01: the schema says what to write
    except yaml.constructor.ConstructorError as exc:
        problems.append(
            YamlProblem(
                node.start_mark.line + 1 + offset, loc, f"cannot read this value: {exc.problem}"
            )
        )
        return node.value
