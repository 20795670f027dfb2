"""Draw the report's charts as PNG images: targets by verdict, and a cluster's scores.

Drawn directly with Pillow, in greyscale ("L"): the charts are printed in black and white, so
series differ by hatching and grey level, never by colour alone. Images are 200 dpi and
15,5 cm wide (the text width of a portrait A4 page); text is Liberation Serif (shipped in
``fonts/``, metric-compatible with the documents' Times New Roman, every Vietnamese glyph
precomposed), laid out by Pillow's basic engine so it does not depend on libraqm being there.
The PNG holds the grey pixels through a 256-grey palette (saved unfiltered: twice as fast as
a greyscale PNG); the same data always gives the same bytes (no timestamp, no software tag).
"""
from __future__ import annotations

import math
import unicodedata
from decimal import Decimal
from functools import lru_cache, cache
from itertools import combinations
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .model import Group, PeriodEvaluation, Verdict
from .rank import Ranked, Ranking
from .formatting import points_text
from .write import atomic

DPI = 200                             # sharp on paper for bars and 8-9 pt text
WIDTH_PX = 1220                       # 15,5 cm at 200 dpi: the text width of a portrait page
TARGETS_HEIGHT_PX = 700
ROW_PX, MARGIN_PX = 72, 128           # cluster chart: per unit, and the room above and below
FONT_PATH = Path(__file__).parent / "fonts" / "LiberationSerif-Regular.ttf"
TEXT_PX, VALUE_PX = 25, 22            # 9 pt and 8 pt at 200 dpi
LINE_PX = 2                           # axes and bar edges (0,6 pt is 1,7 px)
TICK_PX = 8
COMPRESS_LEVEL = 1                    # zlib: level 6 takes twice the time for files ~20 % smaller
GREY_PALETTE = bytes(v for v in range(256) for _ in range(3))
LABEL_SHARE = 0.42                    # left part of a cluster chart kept for the unit names
# grey level (0 black .. 1 white) and hatch of each verdict: readable on a black-and-white printout
VERDICT_LOOK = {
    Verdict.EXCEEDED: ("0.25", "///"),
    Verdict.MET: ("0.6", ""),
    Verdict.NOT_MET: ("0.88", "xxx"),
    Verdict.NO_DATA: ("1.0", "..."),
}
REPORTED_LOOK, NOT_REPORTED_LOOK = ("0.55", ""), ("1.0", "///")
NOT_REPORTED = "chưa gửi báo cáo"


# --- the targets chart --------------------------------------------------------------
def targets_chart(evaluation: PeriodEvaluation, path: Path) -> None:
    """Draw the count of targets per verdict in each group (Kinh tế, Xã hội, Môi trường)."""
    groups = list(Group)
    counts = {v: [sum(r.verdict is v for r in evaluation.results if r.target.group is g)
                  for g in groups] for v in VERDICT_LOOK}
    totals = [sum(r.target.group is g for r in evaluation.results) for g in groups]
    image = Image.new("L", (WIDTH_PX, TARGETS_HEIGHT_PX), 255)
    draw = ImageDraw.Draw(image)
    left, right, top, bottom = 100, WIDTH_PX - 16, 92, TARGETS_HEIGHT_PX - 84
    _legend(image, draw, top=18)

    top_count = max((max(c) for c in counts.values()), default=0)
    limit = max(1, top_count) * 1.18                 # room above the tallest bar for its count
    step = _nice_step(limit, 6, whole=True)
    scale = (bottom - top) / limit
    for tick in _ticks(limit, step):
        y = bottom - round(tick * scale)
        draw.line([(left - TICK_PX, y), (left, y)], fill=0, width=LINE_PX)
        _text(image, (left - TICK_PX - 6, y), _tick_text(tick), TEXT_PX, "rm")
    _vertical_text(image, "Số chỉ tiêu", TEXT_PX, x=24, y=(top + bottom) // 2)

    slot = (right - left) / len(groups)
    bar = round(slot * 0.2)
    for g, (group, total) in enumerate(zip(groups, totals)):
        centre = left + slot * (g + 0.5)
        for index, (verdict, (grey, hatch)) in enumerate(VERDICT_LOOK.items()):
            x0 = round(centre + (index - 2) * bar)
            count = counts[verdict][g]
            y0 = bottom - round(count * scale)
            _bar(image, draw, (x0, y0, x0 + bar, bottom), grey, hatch)
            _text(image, (x0 + bar / 2, y0 - 8), str(count), VALUE_PX, "ms")
        for line, words in enumerate((group.value, f"({total} chỉ tiêu)")):
            _text(image, (centre, bottom + 14 + line * _pitch(TEXT_PX)), words, TEXT_PX, "ma")
    draw.line([(left, top - 24), (left, bottom)], fill=0, width=LINE_PX)        # left spine
    draw.line([(left, bottom), (right, bottom)], fill=0, width=LINE_PX)         # bottom spine
    _save(image, path)


def _legend(image: Image.Image, draw: ImageDraw.ImageDraw, top: int) -> None:
    """Draw the four verdicts in one row across the top: swatch with its hatch, then the name."""
    swatch_w, swatch_h, gap, space = 56, 28, 12, 44
    names = [v.value for v in VERDICT_LOOK]
    widths = [swatch_w + gap + round(_width(n, TEXT_PX)) for n in names]
    x = (WIDTH_PX - sum(widths) - space * (len(names) - 1)) // 2
    for name, width, (grey, hatch) in zip(names, widths, VERDICT_LOOK.values()):
        _bar(image, draw, (x, top, x + swatch_w, top + swatch_h), grey, hatch)
        _text(image, (x + swatch_w + gap, top + swatch_h // 2), name, TEXT_PX, "lm")
        x += width + space


# --- the cluster chart --------------------------------------------------------------
def cluster_chart(ranking: Ranking, path: Path,
                  names: dict[str, str] | None = None) -> None:
    """Draw each unit's total score in one cluster/block, best at the top.

    No title: the document's caption names the cluster. ``names`` maps unit codes to short
    names for the labels (default: the registry name). A unit without a year-end report is
    drawn white and hatched, and labelled so.
    """
    entries = ranking.entries
    totals = [float(e.score.total) for e in entries]
    height = cluster_chart_height(len(entries))
    image = Image.new("L", (WIDTH_PX, height), 255)
    draw = ImageDraw.Draw(image)
    axis_x, right = round(WIDTH_PX * LABEL_SHARE), WIDTH_PX - 28
    top = 16
    bottom = top + ROW_PX * max(1, len(entries)) + 4           # the x axis
    limit = max(totals + [100.0]) * 1.15
    scale = (right - axis_x) / limit
    label_left, label_right = 10, axis_x - TICK_PX - 8

    for row, (entry, total) in enumerate(zip(entries, totals)):
        centre = top + ROW_PX * row + ROW_PX // 2
        draw.line([(axis_x - TICK_PX, centre), (axis_x, centre)], fill=0, width=LINE_PX)
        name = (names or {}).get(entry.score.unit, entry.score.name)
        _label(image, f"{entry.rank}. {name}", label_right - label_left, label_right, centre)
        half = round(ROW_PX * 0.62) // 2
        end = axis_x + max(0, round(total * scale))
        look = REPORTED_LOOK if entry.score.reported else NOT_REPORTED_LOOK
        _bar(image, draw, (axis_x, centre - half, end, centre + half), *look)
        _value_label(image, draw, _value(entry), end, centre, half)

    step = _nice_step(limit, 7)
    for tick in _ticks(limit, step):
        x = axis_x + round(tick * scale)
        draw.line([(x, bottom), (x, bottom + TICK_PX)], fill=0, width=LINE_PX)
        _text(image, (x, bottom + TICK_PX + 6), _tick_text(tick), TEXT_PX, "ma")
    _text(image, ((axis_x + right) // 2, bottom + TICK_PX + 6 + _pitch(TEXT_PX) + 10),
          "Tổng điểm", TEXT_PX, "ma")
    draw.line([(axis_x, top - 6), (axis_x, bottom)], fill=0, width=LINE_PX)    # left spine
    draw.line([(axis_x, bottom), (right, bottom)], fill=0, width=LINE_PX)      # bottom spine
    _save(image, path)


def cluster_chart_height(units: int) -> int:
    """Return the cluster chart's height in pixels for a number of units."""
    return MARGIN_PX + ROW_PX * max(1, units)


def _label(image: Image.Image, label: str, width: int, right: int, centre: int) -> None:
    """Write "1. UBND huyện Cao Lộc" right-aligned, wrapped on words to fit ``width``.

    Two lines at 9 pt fit a row; a longer name gets three lines at 8 pt, then 7 pt, and as a
    last resort its third line is cut with "…" (a registry name is never that long).
    """
    for size, most in ((TEXT_PX, 2), (VALUE_PX, 3), (19, 3)):
        lines = _wrap(label, size, width, most)
        if len(lines) <= most:
            break
    else:
        lines = lines[:2] + [_cut(" ".join(lines[2:]), size, width)]
    pitch = _pitch(size)
    for index, line in enumerate(lines):
        y = centre + round((index - (len(lines) - 1) / 2) * pitch)
        _text(image, (right, y), line, size, "rm")


def _value_label(image: Image.Image, draw: ImageDraw.ImageDraw, text: str, end: int,
                 centre: int, half: int) -> None:
    """Write a bar's value right of it, or inside its end on a white patch if it would be cut."""
    width = round(_width(text, VALUE_PX))
    if end + 8 + width <= WIDTH_PX - 6:
        _text(image, (end + 8, centre), text, VALUE_PX, "lm")
        return
    x = max(end - 8 - width, 0)
    draw.rectangle((x - 6, centre - half + LINE_PX, end - LINE_PX, centre + half - LINE_PX),
                   fill=255)
    _text(image, (x, centre), text, VALUE_PX, "lm")


def _value(entry: Ranked) -> str:
    """Return the bar's label: the total with the decimal comma, or why there is none."""
    return points_text(entry.score.total) if entry.score.reported else NOT_REPORTED


def _wrap(text: str, size: int, width: int, most: int) -> list[str]:
    """Split ``text`` into as few lines no wider than ``width`` pixels as breaks between words
    allow; up to ``most`` lines, as even as possible ("2. Ban Quản lý Khu KTCK / Đồng Đăng -
    Lạng Sơn", not "Sơn" alone on the last line)."""
    if _width(text, size) <= width:                     # most names: one line
        return [text]
    words: list[str] = []
    for word in text.split():
        while _width(word, size) > width:               # one word wider than the space
            cut = next(i for i in range(len(word) - 1, 0, -1)
                       if _width(word[:i], size) <= width or i == 1)
            words.append(word[:cut])
            word = word[cut:]
        words.append(word)
    lines: list[str] = []                               # greedy: the fewest lines
    for word in words:
        if lines and _width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > most:
        return lines
    splits = ([" ".join(words[a:b]) for a, b in zip((0, *cuts), (*cuts, len(words)))]
              for cuts in combinations(range(1, len(words)), len(lines) - 1))
    return min((split for split in splits if all(_width(s, size) <= width for s in split)),
               key=lambda split: max(_width(s, size) for s in split))


def _cut(text: str, size: int, width: int) -> str:
    """Shorten ``text`` with "…" until it fits ``width`` pixels."""
    while text and _width(text + "…", size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


# --- text ---------------------------------------------------------------------------
def _text(image: Image.Image, xy: tuple[float, float], text: str, size: int,
          anchor: str) -> None:
    """Write one line of black text at ``size`` pixels, placed like Pillow's ``anchor``
    (horizontal l/m/r, then vertical a = top, m = middle, s = baseline).

    Drawn word by word from rendered words kept in memory: unit names repeat the same
    words ("UBND", "xã", "huyện"), and FreeType's hinted rendering is most of a chart's time.
    """
    words = [_word(word, size) for word in _nfc(text).split(" ")]
    space = _word(" ", size)[3]
    width = sum(w[3] for w in words) + space * (len(words) - 1)
    x = xy[0] - {"l": 0, "m": width / 2, "r": width}[anchor[0]]
    y = round(xy[1]) + _baseline(size, anchor[1])
    for mask, left, top, advance in words:
        if mask is not None:
            image.paste(0, (round(x) + left, y + top), mask)
        x += advance + space


def _width(text: str, size: int) -> float:
    """Return the width of one line of text at ``size`` pixels, as ``_text`` lays it out."""
    words = _nfc(text).split(" ")
    return (sum(_word(word, size)[3] for word in words)
            + _word(" ", size)[3] * (len(words) - 1))


@lru_cache(maxsize=8192)
def _word(word: str, size: int) -> tuple[Image.Image | None, int, int, float]:
    """Return a word rendered as a mask (255 = ink), its offset from the pen position on the
    baseline, and its advance."""
    font = _font(size)
    left, top, right, bottom = font.getbbox(word, anchor="ls")
    if right <= left or bottom <= top:
        return None, 0, 0, font.getlength(word)
    mask = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(mask).text((-left, -top), word, font=font, fill=255, anchor="ls")
    return mask, left, top, font.getlength(word)


@cache
def _baseline(size: int, anchor: str) -> int:
    """Return how far below a vertical anchor (a, m, s) the baseline lies."""
    font = _font(size)
    return font.getbbox("x", anchor="l" + anchor)[1] - font.getbbox("x", anchor="ls")[1]


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    """Return the bundled Liberation Serif at ``size`` pixels (loaded once per size)."""
    return ImageFont.truetype(str(FONT_PATH), size, layout_engine=ImageFont.Layout.BASIC)


def _nfc(text: str) -> str:
    """Compose Vietnamese letters (the font has precomposed glyphs; the basic layout engine
    would not stack a combining mark)."""
    return unicodedata.normalize("NFC", text)


# --- drawing helpers ----------------------------------------------------------------
def _pitch(size: int) -> int:
    """Return the distance between two lines of text at ``size`` pixels."""
    return round(size * 1.15)


def _grey(level: str) -> int:
    """Return the 0–255 value of a grey level written 0 (black) to 1 (white)."""
    return round(float(level) * 255)


def _bar(image: Image.Image, draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int],
         grey: str, hatch: str) -> None:
    """Draw a bar: filled with its grey, hatched in black, with a thin black edge.

    A bar of no length is drawn as its edge only, like a zero on a chart.
    """
    x0, y0, x1, y1 = box
    if x1 - x0 < LINE_PX or y1 - y0 < LINE_PX:
        draw.line([(x0, y1 - 1), (x1, y1 - 1)] if x1 - x0 >= y1 - y0
                  else [(x0, y0), (x0, y1)], fill=0, width=LINE_PX)
        return
    draw.rectangle(box, fill=_grey(grey))
    if hatch:
        inner = (x0 + LINE_PX, y0 + LINE_PX, x1 - LINE_PX + 1, y1 - LINE_PX + 1)
        if inner[2] > inner[0] and inner[3] > inner[1]:
            image.paste(0, inner, _hatch_mask(hatch, inner))
    draw.rectangle(box, outline=0, width=LINE_PX)


def _hatch_mask(hatch: str, box: tuple[int, int, int, int]) -> Image.Image:
    """Return the hatch pattern covering ``box``, its tiles aligned on the whole image so that
    neighbouring bars and the legend's swatches show the same pattern."""
    size = _hatch_tile(hatch).width
    x0, y0, x1, y1 = box
    sheet = _hatch_sheet(hatch, -(-(x1 - x0 + size) // 512) * 512,
                         -(-(y1 - y0 + size) // 512) * 512)
    return sheet.crop((x0 % size, y0 % size, x0 % size + x1 - x0, y0 % size + y1 - y0))


@cache
def _hatch_sheet(hatch: str, width: int, height: int) -> Image.Image:
    """Return a sheet of hatch tiles from (0, 0), to crop bars from (kept: a year's charts need
    a few sizes only)."""
    tile = _hatch_tile(hatch)
    row = Image.new("L", (width, tile.height), 0)
    for x in range(0, width, tile.width):
        row.paste(tile, (x, 0))
    sheet = Image.new("L", (width, height), 0)
    for y in range(0, height, tile.height):
        sheet.paste(row, (0, y))
    return sheet


@cache
def _hatch_tile(hatch: str) -> Image.Image:
    """Return one seamless tile of a hatch as a mask (255 = ink), drawn 4x larger and reduced
    so the diagonals are smooth: "///" diagonals, "xxx" crossed, "..." staggered dots."""
    size, ss = {"///": 18, "xxx": 18, "...": 12}[hatch], 4
    big = size * ss
    tile = Image.new("L", (big, big), 0)
    draw = ImageDraw.Draw(tile)
    width = round(1.5 * ss)
    if hatch in ("///", "xxx"):
        for c in (-big, 0, big, 2 * big):        # x + y = c, repeated one tile apart
            draw.line([(c + big, -big), (c - 2 * big, 2 * big)], fill=255, width=width)
            if hatch == "xxx":                   # x - y = c
                draw.line([(c - 2 * big, -2 * big), (c + 2 * big, 2 * big)], fill=255,
                          width=width)
    else:
        radius = 1.4 * ss
        for cx, cy in ((0.25, 0.25), (0.75, 0.75)):
            x, y = cx * big, cy * big
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=255)
    return tile.reduce(ss)


def _vertical_text(image: Image.Image, text: str, size: int, x: int, y: int) -> None:
    """Write ``text`` turned a quarter left (read bottom to top), centred on (x, y)."""
    width = round(_width(text, size))
    strip = Image.new("L", (width + 4, size * 2), 255)
    _text(strip, (2, size), text, size, "lm")
    strip = strip.transpose(Image.Transpose.ROTATE_90)
    image.paste(strip, (x - strip.width // 2, y - strip.height // 2))


def _nice_step(limit: float, most: int, whole: bool = False) -> float:
    """Return a step of 1, 2, 2,5 or 5 times a power of ten giving at most ``most`` + 1
    ticks from 0 to ``limit`` (whole numbers only if ``whole``)."""
    raw = limit / most
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * power
        if step >= raw and (not whole or step == int(step)):
            return max(step, 1) if whole else step
    return 10 * power


def _ticks(limit: float, step: float) -> list[float]:
    """Return the ticks 0, step, 2 step … up to ``limit``."""
    return [i * step for i in range(int(limit / step + 1e-9) + 1)]


def _tick_text(tick: float) -> str:
    """Write a tick's number with the decimal comma and only the decimals it needs."""
    return points_text(Decimal(repr(round(tick, 6))))


# --- running and saving -------------------------------------------------------------
def _save(image: Image.Image, path: Path) -> None:
    """Write the image as a PNG without a timestamp or software tag (same bytes every time).

    Written atomically (``write.atomic``), so a cached chart is never half a file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    image.putpalette(GREY_PALETTE)       # same pixels; a palette PNG is saved unfiltered: 2x faster
    atomic(path, lambda temp: image.save(temp, format="PNG", compress_level=COMPRESS_LEVEL,
                                         dpi=(DPI, DPI)))
