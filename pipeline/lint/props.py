"""The resolved formatting of a located paragraph (``Para``): sizes, toggles, alignment."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .ooxml import mm, run_text, runs, to_int
from .styles import last, read_first_line, read_ppr, read_size, read_toggle

DEFAULT_SIZE = 10.0          # Word's size when neither the styles nor the defaults set one


def text_runs(para) -> list:
    """Return the runs of ``para`` that print something."""
    return [r for r in runs(para.el) if run_text(r).strip()]


def run_value(ctx, para, r, reader, defaults=True):
    """Resolve one run property of ``r``."""
    return last(ctx.styles.rpr_layers(para.el, r, para.table_style, defaults), reader)


def run_sizes(ctx, para, chosen: list) -> set[float]:
    """Return the font sizes (pt) of the runs ``chosen`` from ``para``."""
    return {run_value(ctx, para, r, read_size) or DEFAULT_SIZE for r in chosen}


def sizes(ctx, para) -> set[float]:
    """Return the font sizes (pt) of the paragraph's printing runs."""
    return run_sizes(ctx, para, text_runs(para))


def all_runs(ctx, para, tag: str) -> bool:
    """Return True when every printing run has toggle ``tag`` (b, i, caps) on."""
    found = [bool(run_value(ctx, para, r, read_toggle(tag))) for r in text_runs(para)]
    return bool(found) and all(found)


def any_runs(ctx, para, tag: str) -> bool:
    """Return True when some printing run has toggle ``tag`` on."""
    return any(run_value(ctx, para, r, read_toggle(tag)) for r in text_runs(para))


def ppr(ctx, para, reader):
    """Resolve one paragraph property."""
    return last(ctx.styles.ppr_layers(para.el, para.table_style), reader)


def align(ctx, para) -> str:
    """Return the paragraph alignment ("left" when unset)."""
    value = ppr(ctx, para, read_ppr("w:jc", "val")) or "left"
    return {"start": "left", "end": "right", "distribute": "both"}.get(value, value)


def in_range(values: set[float], low: float, high: float) -> bool:
    """Return True when there are values and all lie within [low, high]."""
    return bool(values) and all(low <= v <= high for v in values)


def within(value: int, bounds: tuple[int, int]) -> bool:
    """Return True when ``value`` lies within the inclusive ``bounds``."""
    return bounds[0] <= value <= bounds[1]


ALIGN_NAMES = {"left": "trái", "center": "giữa", "right": "phải", "both": "đều hai bên"}


def num(value: float) -> str:
    """Write a number the Vietnamese way: 12,5."""
    return f"{value:g}".replace(".", ",")


def pts(values: set[float]) -> str:
    """Show sizes for a message: "12 pt", "12 và 13 pt"."""
    return " và ".join(num(v) for v in sorted(values)) + " pt"


def size_problem(ctx, para, low: float, high: float, what: str):
    """Return (message, value) when ``para``'s size is outside [low, high], else None."""
    found = sizes(ctx, para)
    if in_range(found, low, high):
        return None
    wanted = f"{num(low)}" if low == high else f"{num(low)}-{num(high)}"
    return f"{what} đang cỡ {pts(found)}; phải cỡ {wanted}.", pts(found)


def indents_mm(ctx, para) -> float:
    """Return left + right paragraph indents in mm."""
    total = 0
    for names in (("left", "start"), ("right", "end")):
        value = next((v for v in (ppr(ctx, para, read_ppr("w:ind", n)) for n in names)
                      if v is not None), 0)
        total += to_int(value, 0)
    return mm(total)


FONT_FILE = Path(__file__).resolve().parent.parent / "fonts" / "LiberationSerif-Regular.ttf"
BOLD_WIDER = 1.06            # bold Times runs about 6 % wider than regular


@lru_cache(maxsize=8)
def _font(size_pt: float):
    """Load Liberation Serif (Times New Roman's metrics) at ``size_pt``, scaled ×10."""
    from PIL import ImageFont
    return ImageFont.truetype(str(FONT_FILE), int(size_pt * 10))


def text_mm(value: str, size_pt: float, bold: bool = False) -> float:
    """Return the printed width of ``value`` in Times New Roman, in mm."""
    points = _font(size_pt).getlength(value) / 10
    return points * (BOLD_WIDER if bold else 1) * 25.4 / 72


def one_line(ctx, para) -> bool:
    """Return True when the paragraph fits on one line of the page, where its alignment
    cannot be seen (a one-line paragraph looks the same left-aligned or justified)."""
    w, _, margins = ctx.page_setup(0)
    room = mm((w or 11906) - margins["left"] - margins["right"]) - indents_mm(ctx, para)
    first = mm(max(ppr(ctx, para, read_first_line) or 0, 0))
    size = max(sizes(ctx, para) or {14})
    return first + text_mm(para.text.strip(), size, any_runs(ctx, para, "b")) <= room * 0.97
