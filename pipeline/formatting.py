"""Vietnamese writing of numbers, percentages and dates: the template filters.

Every number a document prints goes through ``rounded()`` (half-up, as the decree's
practice says: 64,65 -> 64,7) and is then written as Babel's "vi" locale writes it (dot
for thousands, comma for decimals; the tests compare the two), by string work rather than
Babel's pattern engine: a report writes thousands of numbers (measured: 75 µs a number
through Babel, 3 µs here). Verdicts are judged on the same ``rounded()`` figure.
"""
from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

LOCALE = "vi"
_STEPS = [Decimal(1).scaleb(-d) for d in range(12)]      # the quantum of 0..11 decimals


def rounded(value: Decimal | int | float, decimals: int) -> Decimal:
    """Round half-up to ``decimals`` digits after the comma."""
    step = _STEPS[decimals] if 0 <= decimals < len(_STEPS) else Decimal(1).scaleb(-decimals)
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    return value.quantize(step, rounding=ROUND_HALF_UP)


def number(value: Decimal | int | float | None, decimals: int = 0) -> str:
    """Write a number the Vietnamese way: ``14.040,807``; None gives ""."""
    if value is None or value == "":
        return ""
    text = f"{rounded(value, decimals):f}"
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return sign + grouped + ("," + fraction if fraction else "")


def plain(value: Decimal) -> str:
    """Write a number with only the decimals it has, as a directive does: 7,5 · 14.040,807 · 9.000."""
    exponent = Decimal(str(value)).normalize().as_tuple().exponent
    return number(value, max(0, -int(exponent)))


def points_text(value: Decimal) -> str:
    """Write points with only the decimals they need, at most two: "92,5", "90", "-5"."""
    return number(value, min(2, max(0, -value.normalize().as_tuple().exponent)))


def percent(value: Decimal | int | float | None, decimals: int = 1) -> str:
    """Write a value already in percent as ``64,6%`` (no space before %); None gives ""."""
    text = number(value, decimals)
    return f"{text}%" if text else ""


def two_digits(value: int) -> str:
    """Write a day or month 1-2 with a leading zero, as Decree 30 asks for dates."""
    return f"{value:02d}"


def official_date(value: dt.date | None) -> str:
    """Write "ngày 05 tháng 01 năm 2025": day < 10 and months 1-2 padded, months 3-12 not."""
    if value is None:
        return "ngày      tháng      năm"
    month = two_digits(value.month) if value.month <= 2 else str(value.month)
    return f"ngày {two_digits(value.day)} tháng {month} năm {value.year}"


def short_date(value: dt.date | None) -> str:
    """Write "05/01/2025" for tables and references."""
    return "" if value is None else f"{value.day:02d}/{value.month:02d}/{value.year}"


def document_number(number_: int | None) -> str:
    """Write a document number with a leading zero below 10; None (a draft) gives spaces."""
    if number_ is None:
        return "     "
    return f"{number_:02d}"


def join_names(names: list[str] | tuple[str, ...]) -> str:
    """Join names as Vietnamese prose: "A, B và C"."""
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " và " + names[-1]


FILTERS = {
    "number": number,
    "percent": percent,
    "official_date": official_date,
    "short_date": short_date,
    "docnum": document_number,
    "join_names": join_names,
}
