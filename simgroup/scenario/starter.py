"""Starter scenarios for ``simgroup init``: one commented template per group type and language.

Contract:

* :func:`starter_text` returns the template ``simgroup/templates/<kind>.<lang>.yaml`` (package
  data) for a ``kind`` of :data:`KINDS` and a ``lang`` of :data:`LANGS`: a scenario that
  validates and runs, each block explained by a comment in that language, and a first line
  ``# yaml-language-server: $schema=./scenario.schema.json`` so that an editor finds the schema
  written next to it (:data:`SCHEMA_FILE`), wherever the file is.
* Each template is the bundled example of its kind (``simgroup/examples/<kind>.yaml``) with its
  own name, description and step texts, and without ``better_than:`` expectations (they name a
  file the new directory does not have); tests/scenario/test_starter.py keeps the two equal.
"""

from __future__ import annotations

from importlib.resources import files

__all__ = ["KINDS", "LANGS", "SCHEMA_FILE", "starter_text"]

#: Group types with a starter, as ``simgroup init --type`` names them.
KINDS: tuple[str, ...] = ("traffic", "flash_sale", "content", "checkin")
#: Languages of the comments (and of the name and description).
LANGS: tuple[str, ...] = ("en", "zh")
#: The schema's file name next to a starter, as its modeline names it.
SCHEMA_FILE = "scenario.schema.json"


def starter_text(kind: str, lang: str) -> str:
    """The starter scenario of ``kind`` commented in ``lang`` (``ValueError`` for others)."""
    if kind not in KINDS:
        raise ValueError(f"unknown scenario type {kind!r} (known: {', '.join(KINDS)})")
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r} (known: {', '.join(LANGS)})")
    return (files("simgroup") / "templates" / f"{kind}.{lang}.yaml").read_text(encoding="utf-8")
