"""``simgroup report``: a run, a comparison or a sensitivity analysis as a page a person reads
(docs/report.md).

Contract
--------
* Inputs (:mod:`simgroup.report.inputs`): a scenario file (run here), or the ``--json``
  document of ``simgroup run``, ``compare`` or ``sensitivity``; anything else raises
  :class:`~simgroup.report.inputs.ReportInputError` with the file and place.
* Content (:mod:`simgroup.report.content`): the question, a one-sentence verdict, facts,
  charts over days with 95 % bands (or a bar chart of sensitivity indices), KPI tables with
  95 % intervals, notes — in English or Chinese (:mod:`simgroup.report.words`).
* Formats: ``html``, one self-contained page that needs no network to view
  (:mod:`simgroup.report.html`); ``md``, Markdown with its charts as SVG files in a folder
  ``<name>_files`` next to it (:mod:`simgroup.report.markdown`).
* :func:`write_report` renders everything first, then writes atomically
  (:mod:`simgroup._atomic`): the page (or the Markdown file) is either the old one or the complete
  new one, never half-written, on any error or Ctrl-C. The pictures folder is written as one
  atomic directory before the Markdown file that links it; a folder there holding anything but
  ``chart-N.svg`` files is not replaced (:class:`ReportOutputError`).

This layer sits above ``check`` (it judges ``expect:`` bands with its rules) and below the front
ends, and like the rest of the core it never imports Textual or rich.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Literal
from urllib.parse import quote

from simgroup._atomic import atomic_directory, atomic_write_text
from simgroup.errors import SimgroupError
from simgroup.report import html, markdown
from simgroup.report.content import Report, build
from simgroup.report.inputs import ReportInput, ReportInputError, read_json, run_scenario

__all__ = [
    "FORMATS",
    "Format",
    "Report",
    "ReportInput",
    "ReportInputError",
    "ReportOutputError",
    "build",
    "pictures_dir",
    "read_json",
    "run_scenario",
    "write_report",
]

Format = Literal["html", "md"]
FORMATS: tuple[Format, ...] = ("html", "md")
_PICTURE = re.compile(r"^chart-\d+\.svg$")


class ReportOutputError(SimgroupError, ValueError):
    """The output cannot be written without destroying something that is not a report."""


def pictures_dir(output: str | os.PathLike[str]) -> Path:
    """The folder of a Markdown report's pictures: ``report_files`` next to ``report.md``."""
    out = Path(output)
    return out.with_name(f"{out.stem}_files")


def write_report(source: ReportInput, output: str | os.PathLike[str], *, fmt: Format = "html",
                 lang: str = "en") -> list[Path]:
    """Write the report of ``source`` to ``output`` (module docstring); returns the paths written.
    Raises :class:`ReportOutputError`, or :class:`OSError` when the file system refuses."""
    out = Path(output)
    if out.is_dir():
        raise ReportOutputError(f"{out} is a directory; give the report's file name")
    report = build(source, lang)
    if fmt == "html":
        page = html.render(report)
        out.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(out, page)
        return [out]
    folder = pictures_dir(out)
    text, pictures = markdown.render(report, quote(folder.name))
    if folder.exists():
        foreign = [p.name for p in folder.iterdir() if not _PICTURE.match(p.name)] if folder.is_dir() else [folder.name]
        if foreign:
            raise ReportOutputError(
                f"{folder} holds files that are not report pictures ({', '.join(sorted(foreign)[:3])}); "
                "move them or choose another output name"
            )
    out.parent.mkdir(parents=True, exist_ok=True)
    with atomic_directory(folder) as tmp:
        for name, body in pictures.items():
            (tmp / name).write_text(body, encoding="utf-8")
    atomic_write_text(out, text)
    return [out, *(folder / name for name in pictures)]
