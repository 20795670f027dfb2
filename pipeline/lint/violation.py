"""The finding of the checker: one breach of a Decree 30 rule."""
from __future__ import annotations

from dataclasses import dataclass

from .ooxml import short


@dataclass(frozen=True)
class Violation:
    """One breach of a Decree 30 rule: stable code, Vietnamese message, where, and text."""

    code: str        # kebab-case rule code, e.g. "date-zero"
    message: str     # what is wrong and what the decree wants, in Vietnamese
    where: str       # "đoạn 12", "bảng 1, ô (2,1)", "mục 2", "đầu trang mục 1"
    text: str = ""   # the element's text, shortened

    def __str__(self) -> str:
        shown = f" “{self.text}”" if self.text else ""
        return f"{self.where}{shown}: {self.message} [{self.code}]"


def V(code: str, message: str, para=None, where: str = "") -> Violation:
    """Build a violation located at ``para`` (a ``Para``), or at ``where`` when it is None."""
    if para is not None:
        return Violation(code, message, para.where, short(para.text))
    return Violation(code, message, where)
