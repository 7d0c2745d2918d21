"""The paired-vs-Welch interval widths printed in docs/experiments.md ("Why paired").

    python bench/experiments_doc.py [--workers N]

Runs two comparisons at the files' own seed, replications and horizon (seed 11, 20
replications, 30 days):

1. ``scenarios/content.yaml`` vs ``scenarios/content_plain.yaml`` (the bundled pair);
2. ``scenarios/content.yaml`` vs the same file with the Saturday livestream's discount at 30 %
   instead of 20 % (``sops.content_strong.6.discount``), written to a temporary directory.

For each KPI it prints the paired difference B − A and the widths of two 95 % intervals of it:
the **paired** one that ``simgroup compare`` reports (``Comparison.difference``: Student-t on the
per-replication differences), and the **Welch** one (``Comparison.welch``: the two variants'
sample variances, ``se = sqrt(s_A²/n + s_B²/n)``, Welch–Satterthwaite degrees of freedom and the
t quantile of :func:`simgroup.results.stats.t_ppf`) — what the same number of independent,
unpaired runs would give. Shares are in percentage points. The output is the Markdown pasted
into the doc; the workers only change the speed, never a number.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import tempfile
from pathlib import Path

from simgroup.experiment.compare import Comparison, compare
from simgroup.experiment.executors import make_executor
from simgroup.results.stats import Difference

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "scenarios" / "content.yaml"
PLAIN = ROOT / "scenarios" / "content_plain.yaml"

#: The Saturday livestream step of content.yaml (``sops.content_strong.6``) and its discount.
SATURDAY = re.compile(r"(\{every: sat, at: \"20:00\", do: livestream, product: box, discount: )0\.2(, lasts: 90m\})")

BUNDLED_KPIS = ("joined", "members_end", "messages", "retention_d7", "buyers", "profit", "conversion", "muted_share")
DISCOUNT_KPIS = ("buyers", "conversion", "profit", "messages", "members_end")


def discount_variant(directory: Path) -> Path:
    """content.yaml with the Saturday livestream at 30 % off, in ``directory``."""
    text = CONTENT.read_text(encoding="utf-8")
    changed, n = SATURDAY.subn(r"\g<1>0.3\g<2>", text)
    if n != 1:
        sys.exit(f"{CONTENT}: expected one Saturday livestream step at discount 0.2, found {n}")
    path = directory / "content_discount30.yaml"
    path.write_text(changed.replace("name: Content group", "name: Content group at 30 % off Saturdays", 1),
                    encoding="utf-8")
    return path


#: The KPIs above that are shares (0..1), printed in percentage points.
SHARES = frozenset({"retention_d7", "conversion", "muted_share"})


def _is_share(kpi: str) -> bool:
    return kpi in SHARES


def _number(x: float, kpi: str, *, signed: bool = False) -> str:
    if _is_share(kpi):
        x *= 100.0
    a = abs(x)
    if a == 0:
        text = "0"
    elif a >= 100:
        text = f"{a:,.0f}"
    elif a >= 10:
        text = f"{a:.1f}"
    else:
        text = f"{a:.2f}"
    sign = "−" if x < 0 and text != "0" else ("+" if signed and x > 0 else "")
    return sign + text + (" pp" if _is_share(kpi) else "")


def _width(d: Difference) -> float:
    return d.ci[1] - d.ci[0]


def _ratio(welch: float, paired: float) -> str:
    if paired == 0:
        return "∞" if welch > 0 else "–"
    return f"{welch / paired:.2f}×"


def table(cmp: Comparison, kpis: tuple[str, ...]) -> str:
    rows = [
        "| KPI | difference | paired CI width | Welch (unpaired) CI width | Welch / paired |",
        "|---|---|---|---|---|",
    ]
    for kpi in kpis:
        paired, welch = cmp.difference(1, kpi), cmp.welch(1, kpi)
        if not math.isclose(paired.mean, welch.mean, rel_tol=1e-9, abs_tol=1e-9):
            raise AssertionError(f"{kpi}: paired and Welch differences disagree ({paired.mean} vs {welch.mean})")
        rows.append(
            f"| {kpi} | {_number(paired.mean, kpi, signed=True)}{' (sig)' if paired.significant else ''} "
            f"| {_number(_width(paired), kpi)} | {_number(_width(welch), kpi)}{' (sig)' if welch.significant else ''} "
            f"| {_ratio(_width(welch), _width(paired))} |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=None, help="worker processes (default: one per CPU)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp, make_executor(args.workers) as executor:
        bundled = compare([CONTENT, PLAIN], executor=executor)
        discount = compare([CONTENT, discount_variant(Path(tmp))], executor=executor)
    print(f"seed {bundled.seed}, {bundled.replications} replications, {bundled.days} days; 95 % intervals of B − A")
    print("(sig: the interval excludes 0)\n")
    print("content.yaml vs content_plain.yaml:\n")
    print(table(bundled, BUNDLED_KPIS))
    print("\ncontent.yaml vs content.yaml with sops.content_strong.6.discount 0.2 -> 0.3:\n")
    print(table(discount, DISCOUNT_KPIS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
