"""A careful YAML loader for scenario files: plain data plus where every key and value was written.

Contract:

* :func:`read_scenario_file` stats the path *before* reading it and refuses anything that is not a
  regular file or is larger than :data:`MAX_FILE_BYTES` (a 2 GB file is refused without reading a
  byte of it); it reads at most ``MAX_FILE_BYTES + 1`` bytes and decodes them as strict UTF-8,
  naming the line and column of the first byte that is not UTF-8.
* :func:`load_yaml_text` parses one YAML document with a safe loader whose *composer* is PyYAML's
  Python one (so every node has a mark and the limits below apply while composing; libyaml scans
  and parses when available) and returns :class:`LoadedYaml`: the data as plain ``dict`` /
  ``list`` / scalars, with every mapping key converted to the text the author wrote, and a
  position map from key path (a tuple of ``str`` keys and ``int`` list indexes) to :class:`Span`
  (1-based, lines counted as an editor counts them: :mod:`simgroup.scenario._lines`).
* It rejects: duplicate keys (at the second occurrence, naming the first's line), keys that are
  not plain scalars, tags outside the core schema and tags on values not of their type
  (:mod:`simgroup.scenario._yaml_tags`; anything PyYAML raises while constructing a value is a
  diagnostic at that value too), nesting deeper than :data:`MAX_DEPTH`, documents that
  expand (through aliases) to more than :data:`MAX_EXPANDED_NODES` values or refer to themselves,
  syntax errors and tab indentation (at the YAML mark), an empty document, and a top level that is
  not a mapping. Every refusal is a :class:`~simgroup.scenario.diagnostics.ScenarioError`.

Scalars follow the YAML 1.2 core schema rather than PyYAML's YAML 1.1 defaults, because the 1.1
rules break scenario files: ``on:`` (an SOP trigger key) would become ``True``, and an unquoted
``at: 20:00`` would become the base-60 integer 1200. Only ``true``/``false`` are booleans, there
are no base-60 numbers, and ``1e5`` is a float.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from simgroup.scenario._lines import LineIndex
from simgroup.scenario._yaml_tags import (
    CORE_SCALAR_PATTERNS,
    MERGE_TAG,
    NULL_TAG,
    construction_problem,
    tag_problem,
)
from simgroup.scenario.diagnostics import Diagnostic, ScenarioError

if TYPE_CHECKING:
    from yaml.events import Event

#: Scenario files are a few kilobytes; anything this large is a mistake (or an attack).
MAX_FILE_BYTES = 5 * 1024 * 1024
#: The scenario language nests about 6 levels deep; 64 leaves room and stops stack exhaustion.
MAX_DEPTH = 64
#: Values in the document after expanding aliases; stops "billion laughs" before it costs memory.
MAX_EXPANDED_NODES = 100_000
#: Nodes composed from the text itself (each costs memory while parsing).
MAX_COMPOSED_NODES = 100_000

KeyPath = tuple[str | int, ...]



class Span(NamedTuple):
    """Where a key path was written (1-based). For a list item, key and value are the item."""

    line: int
    col: int
    value_line: int
    value_col: int


@dataclass(frozen=True)
class LoadedYaml:
    """Plain data from one YAML document and the position of every key path in it."""

    data: Any
    positions: dict[KeyPath, Span] = field(default_factory=dict)
    file: str = "<string>"

    def locate(self, path: KeyPath, *, at_key: bool = False) -> tuple[int, int]:
        """``(line, col)`` of ``path``'s key (``at_key``) or value; the nearest written ancestor
        when ``path`` itself was not written (a default, a preset); ``(1, 1)`` as a last resort."""
        for n in range(len(path), -1, -1):
            span = self.positions.get(tuple(path[:n]))
            if span is not None:
                if at_key or n < len(path):
                    return span.line, span.col
                return span.value_line, span.value_col
        return 1, 1


# --------------------------------------------------------------------------- scalar resolution


class _Resolver(yaml.resolver.Resolver):
    """YAML 1.2 core-schema scalars (see the module docstring for why)."""


_Resolver.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in CORE_SCALAR_PATTERNS:
    _Resolver.add_implicit_resolver(_tag, re.compile(_regexp, re.VERBOSE), list(_first))


class _Limits(yaml.composer.Composer):
    """Bounds depth and node count while composing, before the recursion or the memory can run
    away. Mixed into both loaders, ahead of PyYAML's ``Composer``."""

    _depth = 0
    _composed = 0

    if TYPE_CHECKING:
        # The parser mixed in beside it (PyYAML's or libyaml's) has it; while composing there
        # is always a next event.
        def peek_event(self) -> Event: ...

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        self._depth += 1
        self._composed += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(self.peek_event().start_mark, _nesting_message())
            if self._composed > MAX_COMPOSED_NODES:
                raise _Refused(
                    self.peek_event().start_mark,
                    f"the document has more than {MAX_COMPOSED_NODES} values; a scenario is far smaller",
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _Loader(
    _Limits,
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    yaml.constructor.SafeConstructor,
    _Resolver,
):
    """Pure-Python safe loader: PyYAML's own wording and marks for every syntax error."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _Resolver.__init__(self)


#: :class:`_LibyamlLoader`, or None when PyYAML was built without libyaml.
_FastLoader: type[_LibyamlLoader] | None = None

try:
    # Where yaml.cyaml takes it from; PyYAML's stubs declare it only there.
    from yaml._yaml import CParser as _CParser
except ImportError:  # PyYAML built without libyaml
    pass
else:

    class _LibyamlLoader(
        _Limits,
        yaml.composer.Composer,
        _CParser,
        yaml.constructor.SafeConstructor,
        _Resolver,
    ):
        """libyaml's scanner and parser (about 5x faster) feeding PyYAML's Python composer, so
        the limits above still apply and every node keeps its mark. libyaml's marks count
        characters, like PyYAML's. On a syntax error the text is parsed again with
        :class:`_Loader` for PyYAML's wording (errors are rare; the re-parse stops where they are)."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            _Resolver.__init__(self)

    _FastLoader = _LibyamlLoader


def _compose(text: str) -> tuple[Node | None, _Loader | _LibyamlLoader]:
    """The document's root node (None for an empty stream) and the loader that composed it.

    Raises ``_Refused`` or PyYAML's errors (with PyYAML's wording and marks).
    """
    if _FastLoader is not None:
        fast = _FastLoader(text)
        try:
            return fast.get_single_node(), fast
        except yaml.YAMLError:
            fast.dispose()  # parse again below for PyYAML's message and position
    loader = _Loader(text)
    return loader.get_single_node(), loader


class _Refused(Exception):
    """A structural limit, reported at a YAML mark."""

    def __init__(self, mark: Any, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


def _nesting_message() -> str:
    return f"the document nests deeper than {MAX_DEPTH} levels; a scenario needs fewer than 10"


# --------------------------------------------------------------------------- reading the file


def read_scenario_file(path: str | os.PathLike[str]) -> str:
    """The text of ``path``, refusing non-regular, oversized and non-UTF-8 files.

    The size is checked with ``stat`` before opening, and at most ``MAX_FILE_BYTES + 1`` bytes
    are ever read (a file may grow between the two calls).
    """
    name = os.fspath(path)
    try:
        st = os.stat(name)
    except FileNotFoundError:
        raise _file_error(name, "no such file") from None
    except OSError as exc:
        raise _file_error(name, f"cannot read the file: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise _file_error(name, "is a directory, not a scenario file")
    if not stat.S_ISREG(st.st_mode):
        # A FIFO or a device could block forever or never end.
        raise _file_error(name, "is not a regular file")
    if st.st_size > MAX_FILE_BYTES:
        raise _file_error(name, _too_big(st.st_size))
    try:
        with open(name, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _file_error(name, f"cannot read the file: {exc.strerror or exc}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise _file_error(name, _too_big(len(raw)))
    return decode_utf8(raw, name)


def _too_big(size: int) -> str:
    return (
        f"the file is {_human_size(size)}; scenario files are limited to "
        f"{_human_size(MAX_FILE_BYTES)}"
    )


def _human_size(size: int) -> str:
    if size >= 1024**3:
        return f"{size / 1024**3:.1f} GB"
    if size >= 1024**2:
        return f"{size / 1024**2:.1f} MB"
    return f"{size} bytes"


def _file_error(name: str, message: str) -> ScenarioError:
    return ScenarioError([Diagnostic(file=name, line=0, col=0, key_path=(), message=message)])


def decode_utf8(raw: bytes, name: str = "<string>") -> str:
    """``raw`` as text (a UTF-8 byte-order mark is dropped); the first undecodable byte is an
    error at its line and column, with its byte offset."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise ScenarioError([Diagnostic(name, 1, 1, (), "the file is UTF-32 text; save it as UTF-8")])
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ScenarioError(
            [Diagnostic(name, 1, 1, (), "the file is UTF-16 text; save it as UTF-8")]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start
        line = raw.count(b"\n", 0, offset) + 1
        line_start = raw.rfind(b"\n", 0, offset) + 1
        col = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
        message = (
            f"the file is not UTF-8 text: byte 0x{raw[offset]:02x} at byte offset {offset} "
            f"is not valid UTF-8 (save the file as UTF-8)"
        )
        raise ScenarioError([Diagnostic(name, line, col, (), message)]) from None
    return text[1:] if text.startswith("\ufeff") else text


# --------------------------------------------------------------------------- parsing


def load_yaml_file(path: str | os.PathLike[str]) -> LoadedYaml:
    """:func:`read_scenario_file` then :func:`load_yaml_text`, naming ``path`` as given."""
    return load_yaml_text(read_scenario_file(path), os.fspath(path))


def load_yaml_text(text: str, file: str = "<string>") -> LoadedYaml:
    """Parse one YAML document whose top level is a mapping; see the module docstring."""
    if len(text) > MAX_FILE_BYTES:
        raise _file_error(file, _too_big(len(text)))
    if not text.strip(" \t\r\n"):  # e.g. a stray tab on an otherwise blank line: still empty
        raise ScenarioError([Diagnostic(file, 1, 1, (), _EMPTY)])
    loader: _Loader | _LibyamlLoader | None = None
    lines = LineIndex(text)
    try:
        try:
            root, loader = _compose(text)
        except _Refused as exc:
            raise ScenarioError([_at_mark(file, lines, exc.mark, exc.message)]) from None
        except yaml.reader.ReaderError as exc:
            raise ScenarioError([_reader_error(file, lines, exc)]) from None
        except yaml.MarkedYAMLError as exc:
            raise ScenarioError([_syntax_error(file, text, lines, exc)]) from None
        except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises marked errors
            raise ScenarioError([Diagnostic(file, 1, 1, (), f"YAML error: {exc}")]) from None
        if root is None or (_is_null(root)):
            raise ScenarioError([Diagnostic(file, 1, 1, (), _EMPTY)])
        try:
            _measure(root)
        except _Refused as exc:
            raise ScenarioError([_at_mark(file, lines, exc.mark, exc.message)]) from None
        builder = _Builder(loader, file, lines)
        root_mark = root.start_mark
        builder.positions[()] = Span(*lines.at_mark(root_mark), *lines.at_mark(root_mark))
        data = builder.build(root, ())
        if builder.problems:
            raise ScenarioError(builder.problems)
        if not isinstance(data, dict):
            kind = _describe_kind(data)
            raise ScenarioError(
                [
                    _at_mark(
                        file,
                        lines,
                        root_mark,
                        f"the top level must be a mapping of keys such as 'simgroup: 1', 'name:', "
                        f"'days:'; this file holds {kind}",
                    )
                ]
            )
        return LoadedYaml(data=data, positions=builder.positions, file=file)
    finally:
        if loader is not None:
            loader.dispose()


_EMPTY = "the file is empty; a scenario starts with 'simgroup: 1'"


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == NULL_TAG


def _describe_kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    return f"the value {value!r}"


def _at_mark(file: str, lines: LineIndex, mark: Any, message: str) -> Diagnostic:
    return Diagnostic(file, *lines.at_mark(mark), (), message)


def _reader_error(file: str, lines: LineIndex, exc: yaml.reader.ReaderError) -> Diagnostic:
    char = exc.character
    code = ord(char) if isinstance(char, str) else int(char)
    line, col = lines.at_index(int(exc.position))
    return Diagnostic(
        file, line, col, (), f"the file contains the control character U+{code:04X}, which YAML does not allow"
    )


# Friendlier wording for PyYAML's most common complaints: (needle, wording, add PyYAML's context).
# Anything else keeps PyYAML's words with its context ("while parsing a block mapping ...").
_SYNTAX_REWRITES: tuple[tuple[str, str, bool], ...] = (
    ("mapping values are not allowed here",
     "a ':' is not allowed here (quote a value that contains ': ', or check the indentation)", False),
    ("could not find expected ':'", "a key is missing its ':' (or a quote or bracket is not closed)", True),
    ("found unexpected end of stream", "the file ends inside a quoted string that was never closed", True),
    ("expected <block end>", "this line's indentation does not match the lines above it", True),
    ("expected ',' or ']'", "a '[' list is not closed with ']' (or its items are not separated by ',')", True),
    ("expected ',' or '}'", "a '{' mapping is not closed with '}' (or its items are not separated by ',')", True),
    ("but found another document",
     "the file holds more than one YAML document ('---'); a scenario is one document", False),
)


#: YAML's limit on the length of an implicit ("simple") key.
MAX_KEY_CHARS = 1024


def _long_key_start(text: str, index: int | None) -> int | None:
    """Where a key starts when the error at ``index`` is a ':' ending a key longer than YAML's
    1024-character limit (PyYAML then reports a missing ':', a misplaced ':' or an unclosed
    '{', depending on the context); None otherwise."""
    if index is None or not 0 <= index < len(text) or text[index] != ":":
        return None
    line_start = text.rfind("\n", 0, index) + 1
    start = max(line_start, *(text.rfind(c, line_start, index) + 1 for c in "{[,"))
    while start < index and text[start] in " -":
        start += 1
    if ": " in text[start:index]:
        return None  # a ':' inside a long value ("name: a: b"), not a long key
    return start if index - start > MAX_KEY_CHARS else None


def _syntax_error(file: str, text: str, lines: LineIndex, exc: yaml.MarkedYAMLError) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    index = getattr(mark, "index", None)
    at_tab = index is not None and 0 <= index < len(text) and text[index] == "\t"
    if at_tab or "'\\t'" in problem:
        line_start = text.rfind("\n", 0, index) + 1 if index is not None else 0
        if index is None or text[line_start:index].strip(" \t") == "":
            return _at_mark(file, lines, mark, "a tab character in the indentation; YAML indents with spaces only")
        return _at_mark(
            file, lines, mark, "a tab character where YAML does not allow one; use spaces (or quote the value)"
        )
    long_key = _long_key_start(text, index)
    if long_key is not None:
        line, col = lines.at_index(long_key)
        return Diagnostic(
            file, line, col, (),
            f"YAML syntax error: this key is longer than {MAX_KEY_CHARS} characters, which YAML does "
            "not allow (a scenario's keys are short names; is a ':' missing its quotes in a long text?)",
        )
    message, with_context = problem, True
    undefined = re.match(r"found undefined alias '([^']*)'", problem)
    if undefined:
        name = undefined.group(1)
        message, with_context = f"alias *{name} is used before any anchor &{name} defines it", False
    else:
        for needle, wording, keep_context in _SYNTAX_REWRITES:
            if needle in problem:
                message, with_context = wording, keep_context
                break
    context_mark = exc.context_mark
    if with_context and exc.context and context_mark is not None and context_mark.line != getattr(mark, "line", None):
        message += f" ({exc.context} that starts on line {lines.at_mark(context_mark)[0]})"
    return _at_mark(file, lines, mark, f"YAML syntax error: {message}")


# --------------------------------------------------------------------------- alias bombs


def _measure(root: Node) -> None:
    """Refuse a node graph whose expansion is too big, too deep, or cyclic.

    Aliases make the graph a DAG whose expansion can be exponential ("billion laughs"): memoise
    each node's expanded size and height, so the check costs one visit per distinct node.
    """
    memo: dict[int, tuple[int, int]] = {}
    on_path: set[int] = set()

    def visit(node: Node, depth: int) -> tuple[int, int]:
        key = id(node)
        if key in on_path:
            raise _Refused(node.start_mark, "an alias refers to the collection that contains it (a recursive structure)")
        cached = memo.get(key)
        if cached is None:
            if depth > MAX_DEPTH:
                raise _Refused(node.start_mark, _nesting_message())
            size, height = 1, 1
            if isinstance(node, (SequenceNode, MappingNode)):
                on_path.add(key)
                children = (
                    node.value
                    if isinstance(node, SequenceNode)
                    else [n for pair in node.value for n in pair]
                )
                for child in children:
                    s, h = visit(child, depth + 1)
                    size += s
                    height = max(height, h + 1)
                    if size > MAX_EXPANDED_NODES:
                        raise _Refused(node.start_mark, _bomb_message())
                on_path.discard(key)
            cached = memo[key] = (size, height)
        if depth + cached[1] - 1 > MAX_DEPTH:
            raise _Refused(node.start_mark, _nesting_message())
        return cached

    size, _ = visit(root, 1)
    if size > MAX_EXPANDED_NODES:  # pragma: no cover - caught inside visit
        raise _Refused(root.start_mark, _bomb_message())


def _bomb_message() -> str:
    return (
        f"aliases expand this document to more than {MAX_EXPANDED_NODES} values "
        "(an alias bomb?); simgroup refuses it"
    )


# --------------------------------------------------------------------------- building data


class _Builder:
    """Turns nodes into plain data, recording positions and collecting key problems."""

    def __init__(self, loader: _Loader | _LibyamlLoader, file: str, lines: LineIndex) -> None:
        self.loader = loader
        self.file = file
        self.lines = lines
        self.positions: dict[KeyPath, Span] = {}
        self.problems: list[Diagnostic] = []

    def build(self, node: Node, path: KeyPath) -> Any:
        problem = tag_problem(node)
        if problem is not None:
            self._problem(node, path, problem)
            return None
        if isinstance(node, ScalarNode):
            try:
                return self.loader.construct_object(node, deep=True)
            except Exception as exc:
                # Whatever PyYAML raises on a value is a problem with that value, never a crash
                # (e.g. 2026-13-45, or an integer of more digits than Python reads).
                self.loader.recursive_objects.pop(node, None)  # so an alias to it fails the same way
                self._problem(node, path, construction_problem(node, exc))
                return None
        if isinstance(node, SequenceNode):
            out: list[Any] = []
            for i, item in enumerate(node.value):
                at = self.lines.at_mark(item.start_mark)
                self.positions[(*path, i)] = Span(*at, *at)
                out.append(self.build(item, (*path, i)))
            return out
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        raise AssertionError(f"unexpected YAML node {node!r}")  # pragma: no cover

    def _mapping(self, node: MappingNode, path: KeyPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        merges: list[Node] = []
        first_seen: dict[str, int] = {}
        explicit: list[tuple[str, Node, Node]] = []
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.tag == MERGE_TAG:
                merges.append(value_node)
                continue
            if not isinstance(key_node, ScalarNode):
                self._problem(key_node, path, "a key must be a plain name, not a list or a mapping")
                continue
            key = str(key_node.value)
            line = self.lines.at_mark(key_node.start_mark)[0]
            if key in first_seen:
                self._problem(
                    key_node,
                    (*path, key),
                    f"duplicate key {key!r} (first defined on line {first_seen[key]})",
                )
                continue
            first_seen[key] = line
            explicit.append((key, key_node, value_node))
        # `<<: *defaults` — merged keys first so that the mapping's own keys win; with a list of
        # merges, earlier mappings win over later ones (YAML merge-key semantics).
        for merge in merges:
            sources = merge.value if isinstance(merge, SequenceNode) else [merge]
            for source in reversed(sources):
                if not isinstance(source, MappingNode):
                    self._problem(merge, path, "'<<' merges a mapping (or a list of mappings) into this one")
                    continue
                problem = tag_problem(source)
                if problem is not None:
                    self._problem(source, path, problem)
                    continue
                merged = self._mapping(source, path)
                out.update(merged)
        for key, key_node, value_node in explicit:
            key_at, value_at = self.lines.at_mark(key_node.start_mark), self.lines.at_mark(value_node.start_mark)
            self.positions[(*path, key)] = Span(*key_at, *value_at)
            out[key] = self.build(value_node, (*path, key))
        return out

    def _problem(self, node: Node, path: KeyPath, message: str) -> None:
        self.problems.append(Diagnostic(self.file, *self.lines.at_mark(node.start_mark), path, message))
