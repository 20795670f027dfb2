"""Read WordprocessingML elements: attributes, on/off properties, runs and visible text.

With ``document`` the only modules of the checker that import python-docx; the rules spell
tag names through the ``qn`` this module re-exports.
"""
from __future__ import annotations

import re
from contextvars import ContextVar
from functools import lru_cache

from docx.oxml.ns import qn as _qn

# Clark names are asked for hundreds of thousands of times per document: cache them.
qn = lru_cache(maxsize=None)(_qn)

TAG = re.compile(r"{%.*?%}|{#.*?#}", re.S)      # Jinja statements and comments
# Whether a Jinja tag stands for a value still to come (a template: rules do not judge
# what it stands for) or is a defect (a finished document: rules judge the text as it is).
SKIP_TAGS: ContextVar[bool] = ContextVar("skip_tags", default=True)


def val(el, name: str = "val"):
    """Return attribute ``w:name`` of ``el`` (None when ``el`` or the attribute is absent)."""
    return None if el is None else el.get(qn(f"w:{name}"))


def on(el) -> bool | None:
    """Read an OOXML on/off property: absent None, ``<w:b/>`` True, ``w:val="0"`` False."""
    if el is None:
        return None
    return val(el) not in ("0", "false", "off")


def on_attr(value) -> bool:
    """Read an on/off attribute such as ``w:default="1"``."""
    return value in ("1", "true", "on")


def to_int(value, default=None):
    """Parse a twips/half-point number, tolerating junk."""
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return default


def find(el, *path):
    """Follow child tags, returning None as soon as one is missing."""
    for tag in path:
        if el is None:
            return None
        el = el.find(qn(tag))
    return el


def visible(el) -> bool:
    """Return True when a borders element (tblBorders, tcBorders) draws any edge."""
    return el is not None and any(val(e) not in (None, "nil", "none") for e in el)


def owner_p(el):
    """Return the nearest ``w:p`` above ``el``."""
    el = el.getparent()
    while el is not None and el.tag != qn("w:p"):
        el = el.getparent()
    return el


def runs(p) -> list:
    """Return the runs of paragraph ``p`` itself (not of text boxes anchored in it)."""
    return [r for r in p.iter(qn("w:r")) if owner_p(r) is p]


def run_text(r) -> str:
    """Return a run's visible text (tabs as "\\t", breaks as "\\n")."""
    out = []
    for child in r:
        if child.tag == qn("w:t"):
            out.append(child.text or "")
        elif child.tag == qn("w:tab"):
            out.append("\t")
        elif child.tag in (qn("w:br"), qn("w:cr")):
            out.append("\n")
    return "".join(out)


def text(p) -> str:
    """Return a paragraph's visible text with non-breaking spaces made plain."""
    return "".join(run_text(r) for r in runs(p)).replace("\u00a0", " ")


def has_drawing(p) -> bool:
    """Return True when the paragraph anchors a drawing or VML shape (a drawn line)."""
    return any(True for tag in ("w:drawing", "w:pict") for _ in p.iter(qn(tag)))


def is_tag_only(p) -> bool:
    """Return True for a docxtpl control paragraph ("{%p if … %}") that renders to nothing."""
    raw = text(p)
    return "{%" in raw and not TAG.sub("", raw).strip()


def has_tags(value: str) -> bool:
    """Return True when the text still holds a Jinja tag that rules should not judge
    (always False when checking a finished document, where a tag is itself the defect)."""
    return SKIP_TAGS.get() and ("{{" in value or "{%" in value)


def is_upper(value: str) -> bool:
    """Return True for text in capitals, or text still holding Jinja (not judged)."""
    return has_tags(value) or value == value.upper()


def short(value: str, limit: int = 60) -> str:
    """Shorten text for a message."""
    value = " ".join(value.split())
    return value if len(value) <= limit else value[:limit - 1] + "…"


def mm(twips) -> float:
    """Convert twips to millimetres (None counts as 0)."""
    return (twips or 0) * 25.4 / 1440
