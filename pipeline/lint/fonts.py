"""Rules of the typeface: Times New Roman in all four font slots, Vietnamese language."""
from __future__ import annotations

from .document import Context, all_paras
from .ooxml import find, qn, runs, val
from .props import run_value, text_runs
from .styles import read_slot, run_style
from .violation import V, Violation

FONT = "Times New Roman"
SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")


def check_fonts(ctx: Context) -> list[Violation]:
    """Check Times New Roman in the four font slots and Vietnamese language."""
    return _default_fonts(ctx) + _style_fonts(ctx) + _run_fonts(ctx)


def _default_fonts(ctx: Context) -> list[Violation]:
    """Check the document defaults: all four slots Times New Roman, language vi-VN."""
    rpr, where = ctx.styles.default_rpr, "kiểu mặc định (docDefaults)"
    out = []
    bad = [s for s in SLOTS if rpr is None or read_slot(s)(rpr) != FONT]
    if bad:
        out.append(V("font-slots", "Phông mặc định phải là Times New Roman ở cả bốn vị trí"
                     f" ascii, hAnsi, eastAsia, cs; sai ở: {', '.join(bad)}.", where=where))
    if val(find(rpr, "w:lang")) != "vi-VN":
        out.append(V("font-lang", "Ngôn ngữ mặc định phải là tiếng Việt (vi-VN).", where=where))
    return out


def _used_styles(ctx: Context) -> list:
    """Return the styles used by any paragraph or run, with their bases."""
    ids = set()
    for para in all_paras(ctx):
        ids.update(s.get(qn("w:styleId")) for s in ctx.styles.chain(ctx.styles.para_style(para.el)))
        for r in runs(para.el):
            ids.update(s.get(qn("w:styleId")) for s in ctx.styles.chain(run_style(r)))
    return [ctx.styles.by_id[i] for i in sorted(ids)]


def _style_fonts(ctx: Context) -> list[Violation]:
    """Flag used styles that set another font or another language."""
    out = []
    for style in _used_styles(ctx):
        rpr, name = style.find(qn("w:rPr")), val(style.find(qn("w:name"))) or ""
        if rpr is None:
            continue
        where = f"kiểu “{name}”"
        bad = [s for s in SLOTS if read_slot(s)(rpr) not in (None, FONT)]
        if bad:
            out.append(V("font-slots", f"Kiểu dùng phông khác Times New Roman ở: {', '.join(bad)}.",
                         where=where))
        lang = val(rpr.find(qn("w:lang")))
        if lang not in (None, "vi-VN"):
            out.append(V("font-lang", f"Kiểu đặt ngôn ngữ {lang}, phải là vi-VN.", where=where))
    return out


def _run_fonts(ctx: Context) -> list[Violation]:
    """Flag the first run of each paragraph whose font (above the defaults) is another."""
    out = []
    for para in all_paras(ctx):
        for r in text_runs(para):
            bad = {run_value(ctx, para, r, read_slot(s), defaults=False) for s in SLOTS}
            bad -= {None, FONT}
            if bad:
                out.append(V("font-slots", "Chữ phải dùng phông Times New Roman; đang dùng "
                             f"{', '.join(sorted(bad))}.", para))
                break
    return out
