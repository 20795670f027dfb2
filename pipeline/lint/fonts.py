"""Rules of the typeface, judged on the text as Word displays it: the font of the slot
each character uses (ascii for plain letters, hAnsi for Vietnamese letters, eastAsia or cs
when the run asks for them), resolved through the run, its styles and the document
defaults; theme fonts ("+Body") read from the theme. Unused slots and defaults are not
judged: a Word document whose text is all Times New Roman passes.
"""
from __future__ import annotations

from .document import Context, all_paras
from .ooxml import find, qn, run_text, val
from .props import text_runs
from .styles import last, read_slot
from .violation import V, Violation

FONT = "Times New Roman"
# Word's theme slots: which font of the theme's major/minor scheme each one names.
THEME = {"minorHAnsi": ("minorFont", "latin"), "majorHAnsi": ("majorFont", "latin"),
         "minorAscii": ("minorFont", "latin"), "majorAscii": ("majorFont", "latin"),
         "minorEastAsia": ("minorFont", "ea"), "majorEastAsia": ("majorFont", "ea"),
         "minorBidi": ("minorFont", "cs"), "majorBidi": ("majorFont", "cs")}
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
BLACK = (None, "auto", "000000")
SLOT_READERS = {slot: read_slot(slot) for slot in ("ascii", "hAnsi", "eastAsia", "cs")}


def check_fonts(ctx: Context) -> list[Violation]:
    """Check the displayed font, its colour and the proofing language of every text run."""
    theme = _theme_fonts(ctx)
    out = []
    for para in all_paras(ctx):
        out += _para_fonts(ctx, para, theme)
    return out


def _para_fonts(ctx: Context, para, theme: dict) -> list[Violation]:
    """Report the first run of a paragraph in another font, colour or language."""
    fonts, colours, langs = set(), set(), set()
    for r in text_runs(para):
        layers = ctx.styles.rpr_layers(para.el, r, para.table_style)
        for slot in _slots(ctx, para, r):
            fonts.add(_font_name(last(layers, SLOT_READERS[slot]), theme))
        colour = last(layers, _read_colour)
        if colour not in BLACK:
            colours.add(colour)
        lang = last(layers, _read_lang)
        if lang and not lang.lower().startswith("vi"):
            langs.add(lang)
    out = []
    fonts.discard(FONT)
    if fonts:
        shown = ", ".join(sorted(fonts))
        out.append(V("font", f"Chữ đang dùng phông {shown}; phải là {FONT} (Trang đầu ›"
                     " Phông).", para, value=shown))
    if colours:
        shown = ", ".join(sorted(colours))
        out.append(V("font-color", f"Chữ đang màu #{shown}; phải màu đen (Trang đầu › Màu"
                     " Phông › Tự động).", para, value=shown))
    if langs:
        shown = ", ".join(sorted(langs))
        out.append(V("font-lang", f"Ngôn ngữ soát lỗi đang là {shown}; nên đặt Tiếng Việt"
                     " (Xem lại › Ngôn ngữ › Đặt Ngôn ngữ Soát lỗi).", para, value=shown))
    return out


def _font_name(name: str | None, theme: dict) -> str:
    """Name the font a slot resolves to; nothing set anywhere is Word's Times New Roman."""
    if not name:
        return FONT
    if name.startswith("theme:"):
        return theme.get(name, "phông của chủ đề (Theme)")
    return name


def _slots(ctx: Context, para, r) -> set[str]:
    """Return the font slots the characters of run ``r`` are displayed with."""
    rpr = r.find(qn("w:rPr"))
    if rpr is not None and (rpr.find(qn("w:rtl")) is not None or rpr.find(qn("w:cs")) is not None):
        return {"cs"}
    hint = val(find(rpr, "w:rFonts"), "hint") if rpr is not None else None
    value, slots = run_text(r), set()
    if any(ord(c) < 0x80 and not c.isspace() for c in value):
        slots.add("ascii")
    if any(ord(c) >= 0x80 for c in value):
        slots.add("eastAsia" if hint == "eastAsia" else "hAnsi")
    return slots


def _read_colour(rpr):
    """Return the colour of ``rpr`` (None for automatic or a theme's text colour)."""
    colour = rpr.find(qn("w:color"))
    if colour is None:
        return None
    if val(colour, "themeColor") in ("text1", "dark1"):
        return "000000"
    return (val(colour) or "auto").upper().replace("AUTO", "auto")


def _read_lang(rpr):
    """Return the language of Latin text set by ``rpr``."""
    return val(rpr.find(qn("w:lang")))


def _theme_fonts(ctx: Context) -> dict[str, str]:
    """Map "theme:minorHAnsi" etc. to the theme's font names (empty when no theme)."""
    part = next((rel.target_part for rel in ctx.document.part.rels.values()
                 if rel.reltype.endswith("/theme")), None)
    if part is None:
        return {}
    from lxml import etree
    root = etree.fromstring(part.blob)
    out = {}
    for slot, (scheme, kind) in THEME.items():
        el = root.find(f".//{A}{scheme}/{A}{kind}")
        if el is not None and el.get("typeface"):
            out[f"theme:{slot}"] = el.get("typeface")
    return out
