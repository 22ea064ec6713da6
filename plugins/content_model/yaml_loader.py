"""YAML without surprises, with the line of every value.

PyYAML follows YAML 1.1: `NO` becomes False, `0123` becomes 83, `1:20` becomes 80.
Our resolver keeps only `true`/`false` as booleans, only plain decimal numbers as numbers
(a leading zero keeps the text: phone numbers, codes), dates as dates, and everything
else as text. Values are built from a node tree, composed from the parser's events without
recursion or aliases, so that every path keeps its line and no file can crash or stall the build.
"""

from __future__ import annotations

import gc
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import yaml
import yaml.cyaml

from shared.speed import tricks_on

from .limits import MAX_DEPTH, MAX_PY_PARSER_CHARS, MAX_VALUES
from .messages import Message, msg, msg_plural
from .values import CutNumber, GroupedNumber

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


class PyStrictLoader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, StrictResolver):
    def __init__(self, stream: str):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        StrictResolver.__init__(self)


if yaml.__with_libyaml__:
    # libyaml parses about ten times faster; events, marks and our resolver are the same
    class CStrictLoader(yaml.cyaml.CParser, StrictResolver):
        def __init__(self, stream: str):
            yaml.cyaml.CParser.__init__(self, stream)
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
    message: Message


class YamlSyntaxError(Exception):
    """The file cannot be read as data; `problems` lists every (line, message), first first."""

    def __init__(
        self, line: int, message: Message, problems: list[tuple[int, Message]] | None = None
    ):
        self.line = line
        self.message = message
        self.problems = problems or [(line, message)]
        super().__init__(f"line {line}: {message}")


def load_yaml(
    text: str, first_line: int = 1, max_entries: int | None = None
) -> tuple[Any, LineMap, list[YamlProblem]]:
    """Parse one YAML document. `first_line` is the file line where `text` starts.

    Returns the value, the line map and non-fatal problems (duplicate keys, non-text keys).
    Raises YamlSyntaxError with the file line for text that is not YAML, or that uses what
    content files must not: anchors, aliases, merge keys, tags, more than MAX_DEPTH levels,
    more than `max_entries` entries at the top level.
    """
    offset = first_line - 1
    if bad := yaml.reader.Reader.NON_PRINTABLE.search(text):
        line = text.count("\n", 0, bad.start()) + first_line
        code = f"U+{ord(bad.group()):04X}"
        raise YamlSyntaxError(
            line, msg("a control character (%(code)s) in the text: remove it", code=code)
        )
    # The tree of a large file is hundreds of thousands of objects and no cycles: the cyclic
    # garbage collector, triggered again and again while they are made, took 4/5 of the time.
    collecting = gc.isenabled()
    if tricks_on():  # BUILD_FAST=0 leaves it on (shared/speed.py)
        gc.disable()
    try:
        node = _parse(text, offset, max_entries)
        lines = LineMap(default=first_line)
        problems: list[YamlProblem] = []
        if node is None:
            return None, lines, problems
        return _build(node, (), lines, problems, offset), lines, problems
    finally:
        if collecting:
            gc.enable()


def _parse(text: str, offset: int, max_entries: int | None) -> yaml.Node | None:
    loader = StrictLoader(text)
    try:
        return _compose(loader, offset, max_entries)
    except yaml.YAMLError as exc:
        error = exc
    finally:
        loader.dispose()
    if len(text) > MAX_PY_PARSER_CHARS or loader.__class__ is PyStrictLoader:
        raise _syntax_error(error, text, offset)
    # parse again with the pure-Python parser, whose messages and lines we document
    loader = PyStrictLoader(text)
    try:
        return _compose(loader, offset, max_entries)
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, text, offset) from None


_STANDARD_TAG = "tag:yaml.org,2002:"
_VALUE_EVENTS = (yaml.ScalarEvent, yaml.AliasEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)
_Collection = yaml.SequenceNode | yaml.MappingNode


def _compose(loader: Any, offset: int, max_entries: int | None) -> yaml.Node | None:
    """The node tree of the one document, built from parser events without recursion.

    PyYAML's composers recurse once per level (libyaml's crashes the process at ~100 000
    levels) and share the node of an alias, which a tree walk then visits once per path:
    nine levels of nine aliases (a "billion laughs") are a billion visits. Here an alias is
    never followed: anchors, aliases, merge keys and tags are each reported once.
    """
    stack: list[_Collection] = []
    keys: list[yaml.Node | None] = []  # per open collection: the key waiting for its value
    anchors: dict[str, list[int]] = {}  # name -> [line, uses]
    refused: list[tuple[int, Message]] = []
    root: yaml.Node | None = None
    documents = values = 0
    while (event := loader.get_event()) is not None:
        kind = type(event)
        line = event.start_mark.line + 1 + offset
        values += kind in _VALUE_EVENTS
        if values > MAX_VALUES:
            raise YamlSyntaxError(
                line,
                msg(
                    "more than %(limit)s values: the build refuses a file this big; "
                    "is it the right file?",
                    limit=MAX_VALUES,
                ),
            )
        node: yaml.Node
        if kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise YamlSyntaxError(
                    line,
                    msg(
                        "a second document starts here: a file holds one; remove the line "
                        "'---' (or '...') above"
                    ),
                )
            continue
        if kind in (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent):
            continue
        if kind in (yaml.SequenceEndEvent, yaml.MappingEndEvent):
            node = stack.pop()
            keys.pop()
            node.end_mark = event.end_mark
        elif kind is yaml.AliasEvent:
            if event.anchor in anchors:
                anchors[event.anchor][1] += 1
            else:
                refused.append((line, _no_aliases(f"*{event.anchor}")))
            node = yaml.ScalarNode(_STANDARD_TAG + "null", "", event.start_mark, event.end_mark)
        else:
            if event.anchor is not None and event.anchor not in anchors:
                anchors[event.anchor] = [line, 0]
            if event.tag is not None:
                tag = event.tag.replace(_STANDARD_TAG, "!!")
                refused.append((line, msg("the tag %(tag)s is not allowed: remove it", tag=tag)))
            if kind is yaml.ScalarEvent:
                tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
                node = yaml.ScalarNode(
                    tag, event.value, event.start_mark, event.end_mark, event.style
                )
            else:
                if len(stack) >= MAX_DEPTH:
                    raise YamlSyntaxError(
                        line,
                        msg(
                            "more than %(limit)s levels of lists and groups inside each "
                            "other: is a bracket or an indentation wrong?",
                            limit=MAX_DEPTH,
                        ),
                    )
                is_list = kind is yaml.SequenceStartEvent
                new: _Collection = (yaml.SequenceNode if is_list else yaml.MappingNode)(
                    _STANDARD_TAG + ("seq" if is_list else "map"),
                    [],
                    event.start_mark,
                    None,
                    event.flow_style,
                )
                stack.append(new)
                keys.append(None)
                continue
        if not stack:
            root = node
            continue
        parent = stack[-1]
        if isinstance(parent, yaml.MappingNode) and keys[-1] is None:
            keys[-1] = node
            if isinstance(node, yaml.ScalarNode) and node.value == "<<" and not node.style:
                refused.append(
                    (line, msg("merge keys (<<) are not supported: write the fields out"))
                )
        elif isinstance(parent, yaml.MappingNode):
            parent.value.append((keys[-1], node))
            keys[-1] = None
        else:
            parent.value.append(node)
        entries = len(parent.value) + (keys[-1] is not None)
        if max_entries is not None and len(stack) == 1 and entries > max_entries:
            raise YamlSyntaxError(
                line,
                msg(
                    "more than %(limit)s entries: the build refuses a data file this big; "
                    "is it the right file?",
                    limit=max_entries,
                ),
            )
    for name, (line, uses) in anchors.items():
        anchor = (
            msg_plural(
                "&%(name)s (an anchor, used %(n)s time)",
                "&%(name)s (an anchor, used %(n)s times)",
                uses,
                name=name,
            )
            if uses
            else msg("&%(name)s (an anchor)", name=name)
        )
        refused.append((line, _no_aliases(anchor)))
    if refused:
        refused.sort()
        raise YamlSyntaxError(*refused[0], problems=refused)
    return root


def _no_aliases(what: Message | str) -> Message:
    return msg(
        "%(what)s: YAML anchors (&) and aliases (*) are not supported: write the value out in full",
        what=what,
    )


def _syntax_error(exc: yaml.YAMLError, text: str, offset: int) -> YamlSyntaxError:
    if not isinstance(exc, yaml.MarkedYAMLError):
        return YamlSyntaxError(
            offset + 1, msg("not valid YAML: %(detail)s", detail=str(exc).splitlines()[0])
        )
    problem = exc.problem or ""
    # Where the parser noticed is often the end of the file or the next line; the editor
    # needs the line where the value or key started (the context mark).
    if exc.context_mark and ("end of stream" in problem or "document separator" in problem):
        return YamlSyntaxError(
            exc.context_mark.line + 1 + offset,
            msg(
                "the quote that opens this value is never closed: end the value with the same quote"
            ),
        )
    if exc.context_mark and "could not find expected ':'" in problem:
        start = exc.context_mark
        lines = text.split("\n")
        after = lines[start.line][start.column :] if start.line < len(lines) else ""
        if ": " in after[1024:]:  # YAML's limit for a key written without quotes
            return YamlSyntaxError(
                start.line + 1 + offset, msg("a key longer than 1024 characters: shorten it")
            )
        return YamlSyntaxError(
            start.line + 1 + offset,
            msg("no colon and space after the key: write key: value, e.g. author: Ban Đối ngoại"),
        )
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 + offset if mark else offset + 1
    return YamlSyntaxError(line, _syntax_message(exc, text))


# In `{value: 1,250,000,000, currency: VND}` the commas end the value: YAML reads `value: 1`
# and keys `250`, `000`, `000` without values (`1,25 tỷ`: a key `25 tỷ`). The pieces are
# joined into the text the editor typed, which the schema reads as any number written as
# text; left apart, the repeated `000` would be lost and a hint would be 1000 times off.
# 1 / 16 / 1.404.155 (Vietnamese grouping), after words such as trên, khoảng, USD
_HEAD = re.compile(r"^(?:[^\W\d_]+\s+)*\d{1,3}(?:\.\d{3})*$")
_PIECE = re.compile(r"^\d{3}$")
# what ends the number: decimals (`,5`, `155.5`), or a word of magnitude (`25 tỷ`)
_LAST_PIECE = re.compile(r"^\d+(?:\.\d+)?$|^\d+(?:\s+[^\W\d_]+)+$")


def _join_cut_numbers(pairs: list[tuple[yaml.Node, yaml.Node]]) -> list[tuple[Any, Any]]:
    out: list[tuple[Any, Any]] = []
    i = 0
    while i < len(pairs):
        key_node, value_node = pairs[i]
        pieces: list[str] = []
        j = i + 1
        if _plain(value_node) and _HEAD.match(value_node.value):
            while j < len(pairs) and _is_piece(*pairs[j]):
                pieces.append(pairs[j][0].value)
                j += 1
                if not _PIECE.match(pieces[-1]):
                    break  # `25 tỷ` ends the number
        if pieces:
            out.append((key_node, CutNumber(",".join([value_node.value, *pieces]))))
            i = j
        else:
            out.append((key_node, value_node))
            i += 1
    return out


def _plain(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and not node.style


def _is_piece(key_node: yaml.Node, value_node: yaml.Node) -> bool:
    """A key that is a piece of a number: digits, with no value after it."""
    return (
        _plain(key_node)
        and _plain(value_node)
        and value_node.value == ""
        and bool(_PIECE.match(key_node.value) or _LAST_PIECE.match(key_node.value))
    )


# 457.250: Vietnamese thousands grouping that YAML would read as a fraction
_GROUPED = re.compile(r"^\d{1,3}\.\d{3}$")


def _timestamp(text: str) -> date | datetime | str:
    """Dates and ISO datetimes (seconds optional, which PyYAML's own parser requires)."""
    value = text.strip()
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        return datetime.fromisoformat(re.sub(r"\s+", " ", value).replace("Z", "+00:00"))
    except ValueError:
        return text  # an impossible date such as 2022-13-01: the schema says what to write


def _syntax_message(exc: yaml.MarkedYAMLError, text: str) -> Message:
    problem = (exc.problem or "not valid YAML").strip()
    mark = exc.problem_mark
    lines = text.split("\n")
    before = lines[mark.line][: mark.column] if mark and mark.line < len(lines) else ""
    if "mapping values are not allowed" in problem:
        if ": " not in before:  # the colon of a key that continues the line above
            return msg(
                "this line is indented more than the line above: start the keys of one "
                "group in the same column"
            )
        return msg(
            "a colon followed by a space inside a value: put the value in double quotes, "
            'e.g. title: "Hội nghị: kết quả"'
        )
    if problem.startswith("expected <block end>"):
        if before.rstrip().endswith(('"', "'")):
            return msg(
                "text after the closing quote: put the whole value in single quotes, "
                """e.g. title: '"Hội nghị" tổng kết'"""
            )
        if "block mapping start" in problem or "block sequence start" in problem:
            return msg(
                "this line is indented differently from the lines above: start the keys of "
                "one group in the same column"
            )
    if "found character '\\t'" in problem or "found a tab character" in problem:
        return msg("a tab character: indent with spaces")
    if "unknown escape character" in problem:
        return msg("a backslash inside double quotes: write \\\\ for one \\, or use single quotes")
    context = f" ({exc.context.strip()})" if exc.context else ""
    return msg("not valid YAML: %(detail)s", detail=f"{problem}{context}")


def _scalar(node: yaml.ScalarNode) -> Any:
    """The value of a scalar, by the tag our resolver gave it.

    Raises ValueError for a number Python cannot use: more than 4300 digits (int() refuses
    them) or beyond the float range (1e400 is infinite, and so would be every sum with it).
    """
    kind = node.tag.removeprefix(_STANDARD_TAG)
    value = node.value
    if kind == "null":
        return None
    if kind == "bool":
        return value.lower() == "true"
    if kind == "int":
        return int(value)
    if kind == "float":
        number = float(value)
        if not math.isfinite(number):
            raise ValueError(value)
        return number
    if kind == "timestamp":
        return _timestamp(value)
    return value


def _build(
    node: yaml.Node,
    loc: Loc,
    lines: LineMap,
    problems: list[YamlProblem],
    offset: int,
) -> Any:
    """Values from the tree; recursive, but the tree is at most MAX_DEPTH levels deep."""
    lines.lines.setdefault(loc, node.start_mark.line + 1 + offset)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        pairs = _join_cut_numbers(node.value) if node.flow_style else node.value
        for key_node, value_node in pairs:
            if isinstance(value_node, str):  # a number cut at its commas, joined again
                key = _scalar(key_node)
                lines.lines[(*loc, key)] = key_node.start_mark.line + 1 + offset
                result[key] = value_node
                continue
            key_line = key_node.start_mark.line + 1 + offset
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(
                    YamlProblem(
                        key_line, loc, msg("a key must be plain text, not a list or a group")
                    )
                )
                continue
            try:
                key = _scalar(key_node)
            except ValueError:
                key = key_node.value
            if not isinstance(key, int) or isinstance(key, bool):
                key = key_node.value  # `NO:`, `true:`, `2019-01-01:` are text; years stay numbers
            if key in result:
                problems.append(
                    YamlProblem(key_line, (*loc, key), msg("this key is given twice; keep one"))
                )
                continue
            lines.lines[(*loc, key)] = key_line
            result[key] = _build(value_node, (*loc, key), lines, problems, offset)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(item, (*loc, i), lines, problems, offset) for i, item in enumerate(node.value)
        ]
    if node.tag == _STANDARD_TAG + "float" and not node.style and _GROUPED.match(node.value):
        # `457.250`: YAML says 457.25, a Vietnamese editor means 457250 (or not): the
        # schema reads it as a number written as text, with the field's context
        return GroupedNumber(node.value)
    try:
        return _scalar(node)
    except ValueError:
        line = node.start_mark.line + 1 + offset
        problems.append(
            YamlProblem(line, loc, msg("this number is far too large: check the value"))
        )
        return None
