"""Draw the report's charts as PNG images: targets by verdict, and a cluster's scores.

The only module that imports matplotlib. Charts are printed in black and white, so series
differ by hatching and grey level, never by colour alone. Images are 300 dpi and 16 cm wide
(a portrait A4 text column), and the same data always gives the same bytes.
"""
from __future__ import annotations

import textwrap
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable

import matplotlib

matplotlib.use("Agg")       # no display on the secretariat's server; must precede pyplot

from matplotlib import rc_context  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from .model import Group, PeriodEvaluation, Verdict  # noqa: E402
from .rank import Ranked, Ranking  # noqa: E402
from .score import points_text  # noqa: E402

DPI = 200                             # sharp on paper for bars and 8-9 pt text, 2.25x cheaper than 300
WIDTH_PX = 1220                       # 15,5 cm at 200 dpi: the text width of a portrait page
TARGETS_HEIGHT_PX = 700
ROW_PX, MARGIN_PX = 72, 160           # cluster chart: per unit, and the axis below the bars
PARALLEL_FROM = 6                     # below this many charts a process pool costs more than it saves
LABEL_SHARE = 0.42                    # left part of a cluster chart kept for the unit names
STYLE = {
    "font.family": "DejaVu Sans",     # ships with matplotlib and has every Vietnamese glyph
    "font.size": 9,
    "hatch.linewidth": 0.6,
    "axes.linewidth": 0.6,
    "svg.hashsalt": "thidua",
    "path.simplify": False,
}
# grey level and hatch of each verdict: readable on a black-and-white printout
VERDICT_LOOK = {
    Verdict.EXCEEDED: ("0.25", "///"),
    Verdict.MET: ("0.6", ""),
    Verdict.NOT_MET: ("0.88", "xxx"),
    Verdict.NO_DATA: ("1.0", "..."),
}


def targets_chart(evaluation: PeriodEvaluation, path: Path) -> None:
    """Draw the count of targets per verdict in each group (Kinh tế, Xã hội, Môi trường)."""
    groups = list(Group)
    counts = {v: [sum(r.verdict is v for r in evaluation.results if r.target.group is g)
                  for g in groups] for v in VERDICT_LOOK}
    with rc_context(STYLE):
        fig = Figure(figsize=(WIDTH_PX / DPI, TARGETS_HEIGHT_PX / DPI), dpi=DPI,
                     layout="constrained")
        ax = fig.subplots()
        width = 0.2
        for index, (verdict, (grey, hatch)) in enumerate(VERDICT_LOOK.items()):
            xs = [g + (index - 1.5) * width for g in range(len(groups))]
            bars = ax.bar(xs, counts[verdict], width, color=grey, hatch=hatch,
                          edgecolor="black", linewidth=0.6, label=verdict.value)
            ax.bar_label(bars, padding=1.5, fontsize=8)
        totals = [sum(r.target.group is g for r in evaluation.results) for g in groups]
        ax.set_xticks(range(len(groups)),
                      [f"{g.value}\n({n} chỉ tiêu)" for g, n in zip(groups, totals)])
        _finish_counts(ax, max((max(c) for c in counts.values()), default=0))
        ax.legend(ncols=4, loc="upper center", bbox_to_anchor=(0.5, 1.13), frameon=False,
                  handlelength=2.2, handleheight=1.2)
        _save(fig, path)


def _finish_counts(ax, top: int) -> None:
    """Label the count axis in whole numbers, leaving room above the tallest bar."""
    ax.set_ylabel("Số chỉ tiêu")
    ax.set_ylim(0, max(1, top) * 1.18)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)


def cluster_chart(ranking: Ranking, path: Path,
                  names: dict[str, str] | None = None) -> None:
    """Draw each unit's total score in one cluster/block, best at the top.

    No title: the document's caption names the cluster. ``names`` maps unit codes to short
    names for the labels (default: the registry name). A unit without a year-end report is
    drawn hatched and labelled so.
    """
    entries = ranking.entries
    labels = [_label(e.rank, (names or {}).get(e.score.unit, e.score.name)) for e in entries]
    totals = [float(e.score.total) for e in entries]
    with rc_context(STYLE):
        height = cluster_chart_height(len(entries))
        fig = Figure(figsize=(WIDTH_PX / DPI, height / DPI), dpi=DPI)
        # fixed margins: an automatic layout costs as much as drawing the chart
        fig.subplots_adjust(left=LABEL_SHARE, right=0.97, top=1 - 20 / height,
                            bottom=MARGIN_PX * 0.8 / height)
        ax = fig.subplots()
        looks = [("0.55", "") if e.score.reported else ("1.0", "///") for e in entries]
        bars = ax.barh(range(len(entries)), totals, 0.62, color=[g for g, _ in looks],
                       edgecolor="black", linewidth=0.6)
        for bar, (_, hatch) in zip(bars, looks):
            bar.set_hatch(hatch)
        ax.bar_label(bars, [_value(e) for e in entries], padding=3, fontsize=8)
        ax.set_yticks(range(len(entries)), labels)
        ax.invert_yaxis()                       # rank 1 on top
        ax.set_xlim(0, max(totals + [100.0]) * 1.15)
        ax.set_xlabel("Tổng điểm")
        ax.spines[["top", "right"]].set_visible(False)
        _save(fig, path)


def cluster_chart_height(units: int) -> int:
    """Return the cluster chart's height in pixels for a number of units."""
    return MARGIN_PX + ROW_PX * max(1, units)


def _label(rank: int, name: str) -> str:
    """Return "1. UBND huyện Cao Lộc", wrapped to fit beside the bars."""
    return textwrap.fill(f"{rank}. {name}", 32)       # fits LABEL_SHARE of the width at 9 pt


def _value(entry: Ranked) -> str:
    """Return the bar's label: the total with the decimal comma, or why there is none."""
    return points_text(entry.score.total) if entry.score.reported else "chưa gửi báo cáo"


def draw(jobs: list[tuple[Callable, tuple]]) -> None:
    """Draw charts: on both cores when there are many."""
    todo = list(jobs)
    if len(todo) < PARALLEL_FROM:
        for function, args in todo:
            function(*args)
        return
    with ProcessPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        for future in [pool.submit(function, *args) for function, args in todo]:
            future.result()


def _save(fig: Figure, path: Path) -> None:
    """Write the figure as a PNG without a timestamp or software tag (same bytes every time).

    Written beside its name and renamed, so a cached chart is never half a file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fig.savefig(temp, format="png", dpi=DPI, metadata={"Software": None},
                pil_kwargs={"compress_level": 1})      # zlib at level 6 took a third of the time
    os.replace(temp, path)
