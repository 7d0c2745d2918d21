"""The language people read: ``en`` or ``zh``, chosen once per process.

Contract
--------
* :func:`detect_language` picks the default: ``SIMGROUP_LANG`` when set (``zh``/``en``, or a
  locale such as ``zh_CN.UTF-8``), else the locale (``LC_ALL``, then ``LC_MESSAGES``, then
  ``LANG``): a value starting with ``zh`` means Chinese; anything else English.
* :func:`set_language` is called by the command line (``--lang``) and the TUI before any text is
  made; :func:`get_language` is read where text is made (diagnostics, tables, the TUI).
* Machine-readable outputs (``--json``, JUnit, CSV headers) stay English whatever the language.

This module imports nothing: every layer may read it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

__all__ = ["LANGUAGES", "detect_language", "get_language", "set_language"]

LANGUAGES: tuple[str, ...] = ("en", "zh")

#: The process-wide language (a one-item list: module state without a ``global`` statement).
_LANGUAGE = ["en"]


def _of(value: str) -> str:
    return "zh" if value.strip().lower().startswith("zh") else "en"


def detect_language(environ: Mapping[str, str] | None = None) -> str:
    """``zh`` when ``SIMGROUP_LANG`` or else the locale says Chinese, otherwise ``en``."""
    env = os.environ if environ is None else environ
    for name in ("SIMGROUP_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return _of(value)
    return "en"


def set_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    _LANGUAGE[0] = lang


def get_language() -> str:
    return _LANGUAGE[0]
