"""The finding of the checker: one breach of a Decree 30 rule, and breaches grouped."""
from __future__ import annotations

from dataclasses import dataclass, field

from .ooxml import short
from .rules import ERROR, rule


@dataclass(frozen=True)
class Violation:
    """One breach of a rule: stable code, Vietnamese message, where, the element's text and
    the current value of the property that fails ("12 pt", "Calibri")."""

    code: str        # kebab-case rule code, e.g. "date-zero"
    message: str     # what is wrong and what the decree wants, in Vietnamese
    where: str       # "đoạn 12", "bảng 1, ô (2,1)", "phần 2", "đầu trang phần 1"
    text: str = ""   # the element's text, shortened
    value: str = ""  # the current value of the failing property, when it has one
    page: int | None = None     # page number, when the file records where pages break

    @property
    def level(self) -> str:
        return rule(self.code).level

    @property
    def is_error(self) -> bool:
        return self.level == ERROR

    @property
    def ref(self) -> str:
        return rule(self.code).ref

    @property
    def place(self) -> str:
        """Return where, with the page when it is known: "trang 2, đoạn 12"."""
        return f"trang {self.page}, {self.where}" if self.page else self.where

    def __str__(self) -> str:
        shown = f" “{self.text}”" if self.text else ""
        return f"{self.place}{shown}: {self.message} [{self.code}]"


@dataclass(frozen=True)
class Group:
    """The same breach (same rule, same message) found at several places."""

    first: Violation
    places: tuple[str, ...] = field(default=())

    @property
    def count(self) -> int:
        return len(self.places)


def group(violations: list[Violation]) -> list[Group]:
    """Merge violations of the same rule with the same message, keeping the first's order."""
    found: dict[tuple[str, str], list[Violation]] = {}
    for v in violations:
        found.setdefault((v.code, v.message), []).append(v)
    return [Group(vs[0], tuple(v.place for v in vs)) for vs in found.values()]


def V(code: str, message: str, para=None, where: str = "", value: str = "") -> Violation:
    """Build a violation located at ``para`` (a ``Para``), or at ``where`` when it is None."""
    if para is not None:
        return Violation(code, message, para.where, short(para.text), value, para.page)
    return Violation(code, message, where, "", value)
