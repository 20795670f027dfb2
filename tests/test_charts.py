"""Tests for the charts: PNG of the expected pixel size, same bytes for the same data, bars in
rank order and to scale, hatching that survives black-and-white print, labels that fit."""
from __future__ import annotations

import struct
import subprocess
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path

from PIL import Image

from pipeline import charts
from pipeline.charts import (DPI, FONT_PATH, TARGETS_HEIGHT_PX, WIDTH_PX, cluster_chart,
                             cluster_chart_height, targets_chart)
from pipeline.model import (Aggregation, Cluster, Group, Kind, Period, PeriodEvaluation, Target,
                            TargetResult, Verdict)
from pipeline.rank import Ranked, Ranking
from pipeline.score import UnitScore

D = Decimal
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
AXIS_X = round(WIDTH_PX * charts.LABEL_SHARE)        # the cluster chart's left spine
DARK = 100                                           # a pixel darker than this is ink
VIETNAMESE = ("ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
              "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ")


def _size(path: Path) -> tuple[int, int]:
    """Return (width, height) in pixels from the PNG header."""
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE
    return struct.unpack(">II", data[16:24])


def _pixels(path: Path) -> Image.Image:
    """Return the chart as greyscale pixels (0 black .. 255 white)."""
    with Image.open(path) as image:
        return image.convert("L")


def _evaluation() -> PeriodEvaluation:
    verdicts = [Verdict.EXCEEDED, Verdict.MET, Verdict.NOT_MET, Verdict.NO_DATA, Verdict.MET]
    results = []
    for index, (group, verdict) in enumerate(
            (g, v) for g in Group for v in verdicts[:2 + list(Group).index(g)]):
        target = Target(f"T{index:02d}", group, "II", "Chỉ tiêu", "Chỉ tiêu", "%", "%",
                        Kind.MINIMUM, D(10), None, 1, False, Aggregation.SINGLE)
        results.append(TargetResult(target, None, None, None, verdict, None, (), ()))
    return PeriodEvaluation(Period.YEAR, 2024, tuple(results), (), ())


def _entry(code: str, name: str, total: str, rank: int, reported: bool = True) -> Ranked:
    score = UnitScore(code, name, "CUM1", (), D(total), D(0), D(0), D(total), 2, 2, 1, 0,
                      False, "", reported)
    return Ranked(score, rank)


def _ranking(not_reported_total: str = "0") -> Ranking:
    return Ranking(Cluster("CUM1", "Cụm thi đua các huyện biên giới", "Cụm"), (
        _entry("H05", "Ủy ban nhân dân huyện Cao Lộc", "96.5", 1),
        _entry("H10", "Ủy ban nhân dân huyện Lộc Bình", "92", 2),
        _entry("H02", "Ủy ban nhân dân huyện Tràng Định", "92", 2),
        _entry("H04", "Ủy ban nhân dân huyện Văn Lãng", "87.25", 4),
        _entry("H11", "Ủy ban nhân dân huyện Đình Lập", not_reported_total, 5, reported=False)))


def _bars(image: Image.Image) -> list[tuple[int, int, int]]:
    """Find the cluster chart's bars as (top edge, bottom edge, right end), top to bottom.

    A bar's top and bottom edges are the only long black runs just right of the axis (the
    hatching is diagonal); its right end is the last column black from edge to edge.
    """
    width, height = image.size
    px = image.load()
    edges = [y for y in range(height)
             if all(px[x, y] < DARK for x in range(AXIS_X + 4, AXIS_X + 24))]
    runs: list[list[int]] = []
    for y in edges:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    runs = runs[:-1]                                     # the last one is the x axis
    assert len(runs) % 2 == 0
    bars = []
    for top_run, bottom_run in zip(runs[::2], runs[1::2]):
        top, bottom = top_run[-1] + 1, bottom_run[0] - 1
        end = max(x for x in range(AXIS_X, width)
                  if all(px[x, y] < DARK for y in range(top, bottom + 1)))
        bars.append((top, bottom, end))
    return bars


def _interior(image: Image.Image, bar: tuple[int, int, int]) -> list[int]:
    """Return the pixel values inside a bar, its edges left out."""
    top, bottom, end = bar
    return list(image.crop((AXIS_X + 4, top + 2, end - 3, bottom - 1)).tobytes())


def test_targets_chart_is_a_column_wide_png_and_deterministic(tmp_path):
    first, second = tmp_path / "a.png", tmp_path / "b.png"
    targets_chart(_evaluation(), first)
    targets_chart(_evaluation(), second)
    assert _size(first) == (WIDTH_PX, TARGETS_HEIGHT_PX) == (1220, 700)   # 15,5 cm at 200 dpi
    assert first.read_bytes() == second.read_bytes()
    with Image.open(first) as image:
        assert tuple(round(d) for d in image.info["dpi"]) == (DPI, DPI)
        assert set(image.info) <= {"dpi"}                 # no timestamp or software tag


def test_targets_chart_shows_each_verdict_in_its_own_grey(tmp_path):
    path = tmp_path / "a.png"
    targets_chart(_evaluation(), path)
    histogram = _pixels(path).histogram()
    looks = charts.VERDICT_LOOK.values()
    assert len({grey for grey, _ in looks}) == len({hatch for _, hatch in looks}) == 4
    for verdict, (grey, _hatch) in charts.VERDICT_LOOK.items():
        level = round(float(grey) * 255)
        assert histogram[level] > 1000, verdict           # bars and legend swatch
    assert histogram[0] > 10000                            # edges, hatching, text


def test_cluster_chart_grows_with_the_units_and_is_deterministic(tmp_path):
    first, second = tmp_path / "a.png", tmp_path / "b.png"
    cluster_chart(_ranking(), first)
    cluster_chart(_ranking(), second, names=None)
    assert _size(first) == (WIDTH_PX, cluster_chart_height(5))
    assert first.read_bytes() == second.read_bytes()
    short = tmp_path / "short.png"
    cluster_chart(_ranking(), short, names={"H05": "Cao Lộc"})
    assert _size(short) == _size(first) and short.read_bytes() != first.read_bytes()
    assert cluster_chart_height(15) > cluster_chart_height(5) > cluster_chart_height(0) > 0


def test_cluster_bars_are_in_rank_order_and_to_scale(tmp_path):
    path = tmp_path / "a.png"
    cluster_chart(_ranking(not_reported_total="40"), path)
    bars = _bars(_pixels(path))
    assert len(bars) == 5
    assert [b[0] for b in bars] == sorted(b[0] for b in bars)
    lengths = [end - AXIS_X for _, _, end in bars]
    assert lengths[0] > lengths[1] == lengths[2] > lengths[3] > lengths[4]     # 96,5 92 92 87,25
    for length, total in zip(lengths, (96.5, 92, 92, 87.25, 40)):
        assert abs(length / lengths[0] - total / 96.5) < 0.01


def test_unit_without_report_is_white_and_hatched(tmp_path):
    path = tmp_path / "a.png"
    cluster_chart(_ranking(not_reported_total="40"), path)
    image = _pixels(path)
    bars = _bars(image)
    reported, missing = _interior(image, bars[0]), _interior(image, bars[4])
    assert set(reported) == {round(0.55 * 255)}            # plain grey
    assert missing.count(255) > 0.6 * len(missing)          # white ...
    assert sum(v < DARK for v in missing) > 0.08 * len(missing)   # ... with /// hatching


def test_long_names_wrap_inside_the_label_area(tmp_path):
    long = "Ủy ban nhân dân thị trấn Thử nghiệm 0029 thuộc huyện Văn Lãng tỉnh Lạng Sơn"
    ranking = Ranking(Cluster("C", "Cụm", "Cụm"), tuple(
        _entry(f"U{i}", long if i == 1 else f"UBND xã Thử nghiệm {i:04d}", str(90 - i), i + 1)
        for i in range(3)))
    path = tmp_path / "a.png"
    cluster_chart(ranking, path)
    image = _pixels(path)
    bars = _bars(image)
    labels = image.crop((0, 0, AXIS_X - charts.TICK_PX - 2, image.height))
    ink = [(x, y) for (x, y), v in zip(((x, y) for y in range(labels.height)
                                       for x in range(labels.width)), labels.tobytes())
           if v < DARK]
    assert min(x for x, _ in ink) > 4                      # nothing cut at the left edge
    centres = [(top + bottom) / 2 for top, bottom, _ in bars]
    pitch = centres[1] - centres[0]
    rows = [[y for _, y in ink if abs(y - c) < pitch / 2] for c in centres]
    assert sum(len(r) for r in rows) == len(ink)           # every label stays in its row
    heights = [max(r) - min(r) for r in rows]
    assert heights[1] > 1.6 * heights[0]                   # the long name is on two lines


def test_wrapped_lines_fit_keep_every_word_and_are_even():
    label = "2. Ban Quản lý Khu KTCK Đồng Đăng - Lạng Sơn"
    size, width = charts.TEXT_PX, round(charts._width(label, charts.TEXT_PX) * 0.9)
    lines = charts._wrap(label, size, width, 2)
    assert len(lines) == 2 and " ".join(lines) == label
    widths = [charts._width(line, size) for line in lines]
    assert max(widths) <= width
    assert abs(widths[0] - widths[1]) < charts._width("KTCK Đồng", size)   # not "Sơn" alone


def test_vietnamese_text_renders_whatever_its_normal_form(tmp_path):
    font = charts._font(charts.TEXT_PX)
    assert FONT_PATH.is_file() and (FONT_PATH.parent / "LICENSE-LiberationSerif.txt").is_file()
    assert all(font.getmask(letter).getbbox() is not None for letter in VIETNAMESE)
    composed, decomposed = tmp_path / "nfc.png", tmp_path / "nfd.png"
    name = "Ủy ban nhân dân huyện Lộc Bình"
    cluster_chart(_ranking(), composed, names={"H05": name})
    cluster_chart(_ranking(), decomposed, names={"H05": unicodedata.normalize("NFD", name)})
    assert composed.read_bytes() == decomposed.read_bytes()


def test_charts_are_written_beside_then_renamed(tmp_path):
    paths = [tmp_path / f"{i}.png" for i in range(3)]
    cluster_chart(_ranking(), paths[0])
    cluster_chart(_ranking("40"), paths[1])
    targets_chart(_evaluation(), paths[2])
    assert all(p.stat().st_size for p in paths)
    assert sorted(tmp_path.iterdir()) == sorted(paths)        # no temporary file left


def test_charts_do_not_need_matplotlib():
    code = "import sys, pipeline.charts; assert 'matplotlib' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[1])
