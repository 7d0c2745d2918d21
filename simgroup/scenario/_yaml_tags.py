"""YAML tags in scenario files: which ones a value may carry, and the text each one accepts.

Contract:

* :data:`CORE_SCALAR_PATTERNS` are the YAML 1.2 core-schema patterns an untagged plain scalar is
  resolved with (``_yaml._Resolver`` is built from them).
* :func:`tag_problem` says, in one sentence with a suggestion, why a node's tag cannot be read in
  a scenario (``None`` when it can): a tag outside the core schema (``!!binary``, ``!!set``,
  ``!!omap``, ``!foo``, ...), a scalar tag on a list or mapping (``!!int [1]``), a collection tag
  on a scalar (``!!map 3``), or a scalar whose text is not of its tag's type
  (``!!bool 20``, ``!!int ''``, ``!!timestamp notadate``).
* :func:`construction_problem` words an exception PyYAML raised while constructing a value that
  passed :func:`tag_problem` (``2026-13-45`` is a well-formed timestamp but not a date).

Why check the text before PyYAML constructs it: PyYAML's constructors assume the text matches
the tag (an implicit tag guarantees it) and fail with ``KeyError``, ``IndexError`` or
``AttributeError`` on an explicit tag whose text does not, or silently read ``!!null x`` as
nothing and ``!!bool yes`` as true (YAML 1.1).
"""

from __future__ import annotations

import re

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

CORE_PREFIX = "tag:yaml.org,2002:"

STR_TAG = CORE_PREFIX + "str"
MAP_TAG = CORE_PREFIX + "map"
SEQ_TAG = CORE_PREFIX + "seq"
MERGE_TAG = CORE_PREFIX + "merge"
NULL_TAG = CORE_PREFIX + "null"
TIMESTAMP_TAG = CORE_PREFIX + "timestamp"

_BOOL = r"^(?:true|True|TRUE|false|False|FALSE)$"
_INT = r"""^(?:[-+]?0b[0-1_]+
    |[-+]?0o?[0-7_]+
    |[-+]?(?:0|[1-9][0-9_]*)
    |[-+]?0x[0-9a-fA-F_]+)$"""
_FLOAT = r"""^(?:[-+]?(?:[0-9][0-9_]*)?\.[0-9_]+(?:[eE][-+]?[0-9]+)?
    |[-+]?[0-9][0-9_]*\.(?:[eE][-+]?[0-9]+)?
    |[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$"""
_NULL = r"^(?:~|null|Null|NULL|)$"
_TIMESTAMP = r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
     (?:[Tt]|[ \t]+)[0-9][0-9]?
     :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
     (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$"""

#: ``(tag, pattern, first characters)`` for the implicit resolver, in resolution order.
CORE_SCALAR_PATTERNS: tuple[tuple[str, str, str | list[str]], ...] = (
    (CORE_PREFIX + "bool", _BOOL, "tTfF"),
    (CORE_PREFIX + "float", _FLOAT, "-+0123456789."),
    (CORE_PREFIX + "int", _INT, "-+0123456789"),
    (MERGE_TAG, r"^(?:<<)$", "<"),
    (NULL_TAG, _NULL, ["~", "n", "N", ""]),
    (TIMESTAMP_TAG, _TIMESTAMP, "0123456789"),
)


def _compiled(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.VERBOSE) for p in patterns)


# What each scalar tag reads, in words, and the texts it accepts. An explicit tag accepts what
# the same text untagged would be read as (the core schema), plus: ``!!float 1`` (an integer is
# a number), and for ``!!timestamp`` whatever PyYAML's own constructor pattern matches.
_SCALAR_TAGS: dict[str, tuple[str, str, tuple[re.Pattern[str], ...]]] = {
    CORE_PREFIX + "bool": ("true or false", "write true or false", _compiled(_BOOL)),
    CORE_PREFIX + "int": ("a whole number", "write a whole number such as 20", _compiled(_INT)),
    CORE_PREFIX + "float": ("a number", "write a number such as 0.5", _compiled(_FLOAT, _INT)),
    NULL_TAG: ("nothing (null, ~ or no value)", "write null", _compiled(_NULL)),
    TIMESTAMP_TAG: (
        "a date (YYYY-MM-DD) or a date-time (YYYY-MM-DD HH:MM:SS)",
        "write a date such as 2026-01-05",
        (yaml.constructor.SafeConstructor.timestamp_regexp,),
    ),
}
_COLLECTION_TAGS = {MAP_TAG: "a mapping", SEQ_TAG: "a list"}
#: Beyond this length a number that cannot be read is said to be too long.
_LONG_NUMBER = 1000


def short_tag(tag: str) -> str:
    """``!!bool`` for ``tag:yaml.org,2002:bool``; any other tag as it is (``!foo``)."""
    return "!!" + tag[len(CORE_PREFIX):] if tag.startswith(CORE_PREFIX) else tag


def _node_kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return "a value"


def _shown(text: str) -> str:
    # repr() escapes control characters, and 40 characters are enough to recognise a value.
    return repr(text if len(text) <= 40 else text[:37] + "...")


def tag_problem(node: Node) -> str | None:
    """Why ``node``'s tag cannot be read in a scenario, or ``None`` (see the module docstring)."""
    tag = node.tag
    shown = short_tag(tag)
    remove = f"remove the tag {shown}"
    if isinstance(node, ScalarNode):
        if tag == STR_TAG:
            return None
        scalar = _SCALAR_TAGS.get(tag)
        if scalar is not None:
            expected, write, patterns = scalar
            if any(p.match(node.value) for p in patterns):
                return None
            return f"the tag {shown} needs {expected}, got {_shown(node.value)} ({remove}, or {write})"
        if tag in _COLLECTION_TAGS:
            return (
                f"the tag {shown} needs {_COLLECTION_TAGS[tag]}, got {_shown(node.value)} "
                f"({remove}, or write {_COLLECTION_TAGS[tag]})"
            )
        return _unsupported(tag, remove)
    if tag in _COLLECTION_TAGS:
        if _COLLECTION_TAGS[tag] == _node_kind(node):
            return None
        return (
            f"the tag {shown} needs {_COLLECTION_TAGS[tag]}, got {_node_kind(node)} "
            f"({remove}, or write {_COLLECTION_TAGS[tag]})"
        )
    if tag in _SCALAR_TAGS or tag == STR_TAG:
        expected = _SCALAR_TAGS[tag][0] if tag in _SCALAR_TAGS else "text"
        return f"the tag {shown} needs {expected}, got {_node_kind(node)} ({remove}, or write {expected})"
    return _unsupported(tag, remove)


def _unsupported(tag: str, remove: str) -> str:
    # The tag in full (tag:yaml.org,2002:python/...), as the corpus of bad files has always read;
    # the remedy names it as written (!!python/...).
    return (
        f"the tag {tag} is not supported in a scenario ({remove}: a scenario holds only text, "
        "numbers, true/false, dates, lists and mappings)"
    )


def construction_problem(node: ScalarNode, exc: BaseException) -> str:
    """The message for ``exc``, raised by PyYAML while constructing the scalar ``node`` after
    :func:`tag_problem` accepted it."""
    tag = node.tag
    if "could not determine a constructor" in str(getattr(exc, "problem", "")):
        return _unsupported(tag, f"remove the tag {short_tag(tag)}")
    expected = _SCALAR_TAGS[tag][0] if tag in _SCALAR_TAGS else "a value"
    text = f"cannot read the value {_shown(node.value)} as {expected}"
    if tag == TIMESTAMP_TAG and isinstance(exc, ValueError):
        # datetime's own words say which part is wrong ("month must be in 1..12").
        text += f": {exc}"
    elif len(node.value) > _LONG_NUMBER:
        # Python refuses to read integers of more than 4300 digits (a guard against slow parsing).
        text += f": it is {len(node.value)} characters long"
    return text
