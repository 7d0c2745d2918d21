"""A :class:`~simgroup.report.content.Report` as Markdown with its charts as SVG files.

Contract: :func:`render` returns the Markdown text and the pictures it links, as
``{file name: SVG text}``; the links point into ``pictures_dir`` (a folder name relative to the
Markdown file, e.g. ``report_files``), one ``chart-N.svg`` per chart in report order. Table cells
escape ``|``; numbers are those of the HTML page (same :mod:`simgroup.report.content`).
"""

from __future__ import annotations

from simgroup.report.charts import svg
from simgroup.report.content import Report, Table
from simgroup.report.words import t

__all__ = ["render"]


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _table(table: Table) -> list[str]:
    align = ["---" if i < table.left or i in table.text else "---:" for i in range(len(table.header))]
    lines = [f"### {table.title}", "", "| " + " | ".join(_cell(h) for h in table.header) + " |",
             "|" + "|".join(align) + "|"]
    for row in table.rows:
        cells = [f"`{_cell(c)}`" if i == table.code and c else _cell(c) for i, c in enumerate(row)]
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def render(report: Report, pictures_dir: str) -> tuple[str, dict[str, str]]:
    """The Markdown of ``report`` and its pictures (see the module docstring)."""
    lang = report.lang
    pictures = {f"chart-{i}.svg": svg(c) for i, c in enumerate(report.charts, 1)}
    lines = [f"# {report.title}", "", f"**{t('Question', lang)}:** {report.question}", ""]
    lines += [line for d in report.description for line in (f"_{d.strip()}_", "")]
    lines += [f"## {t('Verdict', lang)}", ""]
    quoted = [line for v in report.verdict for line in (f"> {v}", ">")]
    lines += [*quoted[:-1], ""]
    lines += [*(f"- {f}" for f in report.facts), ""]
    if report.charts:
        lines += [f"## {t('Charts', lang)}", ""]
        for (name, _), chart in zip(pictures.items(), report.charts):
            lines += [f"![{_cell(chart.title)}]({pictures_dir}/{name})", ""]
    lines += [f"## {t('KPIs', lang)}", ""]
    for table in report.tables:
        lines += _table(table)
    if report.notes:
        lines += [f"## {t('Notes', lang)}", "", *(f"- {n}" for n in report.notes), ""]
    return "\n".join(lines).rstrip() + "\n", pictures
