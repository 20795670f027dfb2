"""Tests for the charts: PNG of the expected pixel size, same bytes for the same data."""
from __future__ import annotations

import struct
from decimal import Decimal
from pathlib import Path

from pipeline.charts import (TARGETS_HEIGHT_PX, WIDTH_PX, cluster_chart, cluster_chart_height,
                             targets_chart)
from pipeline.model import (Aggregation, Cluster, Group, Kind, Period, PeriodEvaluation, Target,
                            TargetResult, Verdict)
from pipeline.rank import Ranked, Ranking
from pipeline.score import UnitScore

D = Decimal
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _size(path: Path) -> tuple[int, int]:
    """Return (width, height) in pixels from the PNG header."""
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE
    return struct.unpack(">II", data[16:24])


def _evaluation() -> PeriodEvaluation:
    verdicts = [Verdict.EXCEEDED, Verdict.MET, Verdict.NOT_MET, Verdict.NO_DATA, Verdict.MET]
    results = []
    for index, (group, verdict) in enumerate(
            (g, v) for g in Group for v in verdicts[:2 + list(Group).index(g)]):
        target = Target(f"T{index:02d}", group, "II", "Chỉ tiêu", "Chỉ tiêu", "%", "%",
                        Kind.MINIMUM, D(10), None, 1, False, Aggregation.SINGLE)
        results.append(TargetResult(target, None, None, None, verdict, None, (), ()))
    return PeriodEvaluation(Period.YEAR, 2024, tuple(results), (), ())


def _ranking() -> Ranking:
    def entry(code, name, total, rank, reported=True):
        score = UnitScore(code, name, "CUM1", (), D(total), D(0), D(0), D(total), 2, 2, 1, 0,
                          False, "", reported)
        return Ranked(score, rank)
    return Ranking(Cluster("CUM1", "Cụm thi đua các huyện biên giới", "Cụm"), (
        entry("H05", "Ủy ban nhân dân huyện Cao Lộc", "96.5", 1),
        entry("H10", "Ủy ban nhân dân huyện Lộc Bình", "92", 2),
        entry("H02", "Ủy ban nhân dân huyện Tràng Định", "92", 2),
        entry("H04", "Ủy ban nhân dân huyện Văn Lãng", "87.25", 4),
        entry("H11", "Ủy ban nhân dân huyện Đình Lập", "0", 5, reported=False)))


def test_targets_chart_is_a_column_wide_png_and_deterministic(tmp_path):
    first, second = tmp_path / "a.png", tmp_path / "b.png"
    targets_chart(_evaluation(), first)
    targets_chart(_evaluation(), second)
    assert _size(first) == (WIDTH_PX, TARGETS_HEIGHT_PX) == (1220, 700)   # 15,5 cm at 200 dpi
    assert first.read_bytes() == second.read_bytes()


def test_cluster_chart_grows_with_the_units_and_is_deterministic(tmp_path):
    first, second = tmp_path / "a.png", tmp_path / "b.png"
    cluster_chart(_ranking(), first)
    cluster_chart(_ranking(), second, names=None)
    assert _size(first) == (WIDTH_PX, cluster_chart_height(5))
    assert first.read_bytes() == second.read_bytes()
    short = tmp_path / "short.png"
    cluster_chart(_ranking(), short, names={"H05": "Cao Lộc"})
    assert _size(short) == _size(first) and short.read_bytes() != first.read_bytes()
