"""Resolve formatting the way Word does: direct formatting over run style, paragraph style,
table style and document defaults. Readers pull one property out of a pPr/rPr layer;
``last`` picks the value of the highest layer that sets it.
"""
from __future__ import annotations

from .ooxml import find, on, on_attr, qn, to_int, val


class Styles:
    """Resolve formatting through docDefaults, table style, paragraph and run style chains."""

    def __init__(self, document):
        root = document.styles.element
        self.by_id = {s.get(qn("w:styleId")): s for s in root.findall(qn("w:style"))}
        defaults = root.find(qn("w:docDefaults"))
        self.default_rpr = find(defaults, "w:rPrDefault", "w:rPr")
        self.default_ppr = find(defaults, "w:pPrDefault", "w:pPr")
        self.default_para = self.default_of("paragraph")
        self.default_table = self.default_of("table")
        self._layers: dict = {}     # (kind, table style, para style, run style) -> layers
        self._para_styles: dict = {}    # w:p -> its style id ("" for none)

    def default_of(self, kind: str) -> str | None:
        """Return the id of the default style of ``kind`` ("paragraph", "table"), if any."""
        return next((i for i, s in self.by_id.items()
                     if s.get(qn("w:type")) == kind and on_attr(s.get(qn("w:default")))), None)

    def chain(self, style_id: str | None) -> list:
        """Return the style and its bases, base first."""
        out, seen = [], set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            out.insert(0, style)
            style_id = val(style.find(qn("w:basedOn")))
        return out

    def para_style(self, p) -> str | None:
        """Return the paragraph's style id (the default paragraph style when none)."""
        found = self._para_styles.get(p)
        if found is None:
            found = self._para_styles[p] = (val(find(p, "w:pPr", "w:pStyle"))
                                            or self.default_para or "")
        return found or None

    def table_style(self, tbl) -> str | None:
        """Return the table's style id (the default table style when none)."""
        return val(find(tbl, "w:tblPr", "w:tblStyle")) or self.default_table

    def _style_layers(self, tag: str, *style_ids) -> list:
        """Return the ``tag`` (w:pPr, w:rPr) elements of the style chains, cached."""
        key = (tag, *style_ids)
        if key not in self._layers:
            self._layers[key] = [x for style_id in style_ids for s in self.chain(style_id)
                                 if (x := s.find(qn(tag))) is not None]
        return self._layers[key]

    def ppr_layers(self, p, table_style=None) -> list:
        """Return the pPr elements that apply to ``p``, lowest priority first."""
        layers = [self.default_ppr] if self.default_ppr is not None else []
        layers += self._style_layers("w:pPr", table_style, self.para_style(p))
        own = p.find(qn("w:pPr"))
        return layers + [own] if own is not None else layers

    def rpr_layers(self, p, r, table_style=None, defaults=True) -> list:
        """Return the rPr elements that apply to run ``r`` of ``p``, lowest first."""
        layers = [self.default_rpr] if defaults and self.default_rpr is not None else []
        layers += self._style_layers("w:rPr", table_style, self.para_style(p), run_style(r))
        own = r.find(qn("w:rPr"))
        return layers + [own] if own is not None else layers


def run_style(r) -> str | None:
    """Return the character style id of run ``r``."""
    return val(find(r, "w:rPr", "w:rStyle"))


def last(layers, read):
    """Return the value of the highest layer that sets it."""
    value = None
    for layer in layers:
        got = read(layer)
        if got is not None:
            value = got
    return value


# --------------------------------------------------------------------------- readers
def read_size(rpr):
    """Return the font size in points set by ``rpr``, or None."""
    half = to_int(val(rpr.find(qn("w:sz"))))
    return None if half is None else half / 2


def read_slot(slot: str):
    """Return a reader of one font slot; a theme font reads as "theme:…"."""
    theme = {"ascii": "asciiTheme", "hAnsi": "hAnsiTheme", "eastAsia": "eastAsiaTheme",
             "cs": "cstheme"}[slot]

    def read(rpr):
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            return None
        if fonts.get(qn(f"w:{theme}")):
            return "theme:" + fonts.get(qn(f"w:{theme}"))
        return fonts.get(qn(f"w:{slot}"))
    return read


def read_toggle(tag: str):
    """Return a reader of an on/off run property (b, i, caps)."""
    return lambda rpr: on(rpr.find(qn(f"w:{tag}")))


def read_ppr(tag: str, attr: str):
    """Return a reader of one attribute of a paragraph property, e.g. ("w:spacing", "after")."""
    def read(ppr):
        el = ppr.find(qn(tag))
        return None if el is None else el.get(qn(f"w:{attr}"))
    return read


def read_first_line(ppr):
    """Return the first-line indent in twips (negative for a hanging indent), or None."""
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        return None
    if ind.get(qn("w:hanging")) is not None:
        return -to_int(ind.get(qn("w:hanging")), 0)
    return to_int(ind.get(qn("w:firstLine")))


def read_border(ppr):
    """Return True when the paragraph has a visible bottom border."""
    bottom = find(ppr, "w:pBdr", "w:bottom")
    if bottom is None:
        return None
    return val(bottom) not in ("nil", "none")
