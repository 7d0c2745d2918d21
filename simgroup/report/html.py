"""A :class:`~simgroup.report.content.Report` as one self-contained HTML page.

Contract: :func:`render` returns a complete UTF-8 HTML5 document that needs nothing at view time
— the CSS is inline (``<style>``), every chart an inline ``<svg>`` (:func:`simgroup.report.charts.svg`),
no script, no link, no image file, no web font, no address of any kind — so it opens offline
and can be mailed as one attachment. Every text is escaped. The page reads top-down: title,
question, verdict (coloured by its tone), facts, charts, tables, notes.
"""

from __future__ import annotations

from html import escape

from simgroup.report.charts import svg
from simgroup.report.content import Report, Table, made_by
from simgroup.report.words import t

__all__ = ["render"]

_CSS = """
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --good: #1a7f37; --bad: #cf222e; --mixed: #9a6700; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px 28px 48px; color: var(--fg); background: #fff;
       font: 15px/1.5 -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "PingFang SC",
       "Microsoft YaHei", "DejaVu Sans", sans-serif; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.kicker { color: var(--muted); font-size: 13px; text-transform: uppercase; letter-spacing: .05em; }
.question { font-size: 18px; margin: 6px 0 12px; }
.description { color: var(--muted); margin: 0 0 12px; }
.verdict { border-left: 6px solid var(--muted); background: #f6f8fa; padding: 10px 14px; margin: 8px 0 12px; }
.verdict p { margin: 4px 0; font-size: 16px; }
.verdict.good { border-color: var(--good); } .verdict.bad { border-color: var(--bad); }
.verdict.mixed { border-color: var(--mixed); }
.facts { color: var(--muted); font-size: 13px; margin: 0; padding-left: 18px; }
figure { margin: 12px 0 20px; }
figure svg { width: 100%; height: auto; display: block; }
table { border-collapse: collapse; font-size: 13px; margin: 4px 0 16px; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 3px 8px; vertical-align: top; }
th { text-align: left; background: #f6f8fa; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
code { font: 12px ui-monospace, "DejaVu Sans Mono", monospace; color: var(--muted); }
.notes { color: var(--muted); font-size: 13px; }
footer { color: var(--muted); font-size: 12px; margin-top: 32px; }
"""


def _table(table: Table) -> str:
    head = "".join(
        f"<th>{escape(h)}</th>" if i < table.left or i in table.text else f'<th class="num">{escape(h)}</th>'
        for i, h in enumerate(table.header)
    )
    body = []
    for row in table.rows:
        cells = []
        for i, cell in enumerate(row):
            text = escape(cell)
            if i == table.code:
                cells.append(f"<td><code>{text}</code></td>")
            elif i < table.left or i in table.text:
                cells.append(f"<td>{text}</td>")
            else:
                cells.append(f'<td class="num">{text}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f"<h3>{escape(table.title)}</h3>\n<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n"
        + "\n".join(body) + "\n</tbody>\n</table>"
    )


def render(report: Report) -> str:
    """The HTML page of ``report`` (see the module docstring)."""
    lang = report.lang
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(report.title)} — {escape(t('simgroup report', lang))}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f'<div class="kicker">{escape(t("simgroup report", lang))}</div>',
        f"<h1>{escape(report.title)}</h1>",
        f'<p class="question"><strong>{escape(t("Question", lang))}:</strong> {escape(report.question)}</p>',
        *(f'<p class="description">{escape(d)}</p>' for d in report.description),
        f'<section class="verdict {report.tone}" id="verdict">',
        *(f"<p>{escape(v)}</p>" for v in report.verdict),
        "</section>",
        '<ul class="facts">', *(f"<li>{escape(f)}</li>" for f in report.facts), "</ul>",
    ]
    if report.charts:
        parts.append(f'<h2>{escape(t("Charts", lang))}</h2>')
        parts += [f'<figure class="chart" role="img" aria-label="{escape(c.title)}">\n{svg(c, inline=True)}\n</figure>'
                  for c in report.charts]
    parts.append(f'<h2>{escape(t("KPIs", lang))}</h2>')
    parts += [_table(table) for table in report.tables]
    if report.notes:
        parts += [f'<h2>{escape(t("Notes", lang))}</h2>', '<ul class="notes">',
                  *(f"<li>{escape(n)}</li>" for n in report.notes), "</ul>"]
    parts += [f"<footer>{escape(made_by(lang))}</footer>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"
