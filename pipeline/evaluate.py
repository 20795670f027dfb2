"""Stage 3, evaluate: combine unit figures into province figures and judge every target.

The rules of each kind of target (see ``config/<year>/chi_tieu.xlsx``, sheet "Hướng dẫn"):

- Tối thiểu, Tăng thêm, Duy trì: above the value Vượt, equal Đạt, below Không đạt.
- Khoảng cần đạt, Xấp xỉ (and Tăng so cùng kỳ, Giảm điểm % with two values): below the
  lower bound Không đạt, within Đạt, above the upper bound Vượt; with one value, as Tối thiểu.
- Cơ cấu: within the band Đạt, outside Không đạt, saying on which side.
- Giảm so cùng kỳ: the achieved reduction (%) against last year, read as a minimum.
- In-year periods, cumulative quantities: judged on progress against the time elapsed
  (quý I 3/12, 6 tháng 6/12, 9 tháng 9/12 of the annual plan); the annual plan already
  reached is Vượt.
- In-year periods, a target measured only at year end ("Chỉ đánh giá cuối năm"): not judged
  (Verdict.NOT_DUE), its figure printed when there is one.

The edge rule: a target is judged on the exact figure (as units reported it, or the exact
change computed from it), never on a rounded one. The document prints the figure with the
target's decimals, unless that rounding would move it onto or across a bound (6,96 printed
7,0 against "7 - 7,5"): then it prints as many more decimals as it takes for the printed
figure to be judged as the exact one (6,96: Không đạt). A verdict never contradicts the
figure printed beside it.
"""
from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from .formatting import rounded
from .model import (Aggregation, Directive, Kind, Period, PeriodEvaluation, Registry,
                    Submission, Target, TargetResult, Verdict)

GROWTH_DECIMALS = 2     # a growth of a quantity against last year ("tăng 8,17%"), as statistics print it
PERCENT_DECIMALS = 1    # % of the annual plan ("bằng 25,6% kế hoạch năm")
MORE_DIGITS = 6         # at most this many more decimals to show which side of a bound
HUNDRED = Decimal(100)


def evaluate_period(period: Period, directive: Directive, registry: Registry,
                    submissions: list[Submission]) -> PeriodEvaluation:
    """Evaluate every target of the directive for one period."""
    subs = [s for s in submissions if s.period is period]
    results = tuple(evaluate_target(t, period, registry, subs) for t in directive.targets)
    reported = {s.unit for s in subs}
    missing = tuple(u.code for u in registry.units if u.code not in reported)
    return PeriodEvaluation(period, directive.year, results, tuple(subs), missing)


def evaluate_target(target: Target, period: Period, registry: Registry,
                    submissions: list[Submission]) -> TargetResult:
    """Combine the assigned units' figures and judge one target."""
    assigned = [u.code for u in registry.reporters(target.code)]
    if target.aggregation is Aggregation.SINGLE:
        assigned = assigned[:1]        # one reporter: another unit's figure never stands in
    assigned_set = set(assigned)
    figures = {s.unit: f for s in submissions if s.unit in assigned_set
               for f in s.figures if f.target == target.code}
    needs_last = target.kind.against_last_year
    used = [u for u in assigned if u in figures and figures[u].value is not None
            and (not needs_last or figures[u].last_year is not None)]
    used_set = set(used)               # a set: a list here made evaluation quadratic
    missing = tuple(u for u in assigned if u not in used_set)
    value = _combine([figures[u].value for u in used])
    lasts = [figures[u].last_year for u in used]
    last = None if None in lasts else _combine(lasts)   # a partial total would mislead
    measure = judged_measure(target, value, last)
    verdict, side = judge(target, measure, period)
    percent = None
    if target.cumulative and value is not None and target.low and not needs_last:
        percent = value / target.low * HUNDRED
    digits = printed_digits(measure, target.decimals if needs_last else target.value_decimals,
                            lambda x: judge(target, x, period), (verdict, side))
    percent_digits = printed_digits(percent, PERCENT_DECIMALS,
                                    lambda p: judge(target, p * target.low / HUNDRED, period),
                                    (verdict, side))
    return TargetResult(target, value, last, measure, verdict, percent, tuple(used), missing,
                        side, digits, percent_digits)


def _combine(values: list[Decimal | None]) -> Decimal | None:
    """Add the figures (one figure for a single reporter), exactly."""
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def judged_measure(target: Target, value: Decimal | None, last: Decimal | None) -> Decimal | None:
    """Return the exact figure a target is judged on; None without data."""
    if value is None:
        return None
    if not target.kind.against_last_year:
        return value
    if last is None:
        return None
    if target.kind is Kind.REDUCTION_POINTS:
        return last - value
    if last == 0:
        return None                    # no base to compare with
    change = (value - last) / last * HUNDRED
    return -change if target.kind is Kind.REDUCTION else change


def judge(target: Target, measure: Decimal | None, period: Period) -> tuple[Verdict, str]:
    """Return the verdict of a target on its exact judged figure, and the side of a missed band."""
    if period.in_year and target.year_end_only:
        return Verdict.NOT_DUE, ""
    if measure is None:
        return Verdict.NO_DATA, ""
    low, high = target.low, target.high
    if target.kind is Kind.BAND:
        if measure < low:
            return Verdict.NOT_MET, "thấp hơn"
        if measure > high:
            return Verdict.NOT_MET, "cao hơn"
        return Verdict.MET, ""
    if period.in_year and target.cumulative and not target.kind.against_last_year:
        return _judge_progress(target, measure, period), ""
    if measure < low:
        return Verdict.NOT_MET, ""
    if measure > (high if high is not None else low):
        return Verdict.EXCEEDED, ""
    return Verdict.MET, ""


def _judge_progress(target: Target, measure: Decimal, period: Period) -> Verdict:
    """Judge a cumulative quantity in-year: beyond the annual plan Vượt, on schedule Đạt."""
    if measure > (target.high if target.high is not None else target.low):
        return Verdict.EXCEEDED
    return Verdict.MET if measure * 12 >= target.low * period.months else Verdict.NOT_MET


def printed_digits(exact: Decimal | None, decimals: int,
                   verdict_of: Callable[[Decimal], tuple[Verdict, str]],
                   verdict: tuple[Verdict, str]) -> int:
    """Return the fewest decimals, from ``decimals``, at which the rounded figure is judged as
    the exact one was (6,96 against "7 - 7,5": 2, not 1, so that it prints 6,96, not 7,0).
    """
    if exact is None or not verdict[0].judged:
        return decimals
    for digits in range(decimals, decimals + MORE_DIGITS + 1):
        if verdict_of(rounded(exact, digits)) == verdict:
            return digits
    return decimals + MORE_DIGITS


def change_against_last_year(target: Target, value: Decimal | None,
                             last: Decimal | None) -> tuple[Decimal, int] | None:
    """Return the change against the same period last year and its printed decimals:
    points for rates (the rate's decimals), % for quantities (GROWTH_DECIMALS).
    """
    if value is None or last is None:
        return None
    if target.reported_unit == "%":
        digits = target.value_decimals
        return rounded(value, digits) - rounded(last, digits), digits
    if last == 0:
        return None
    return (value - last) / last * HUNDRED, GROWTH_DECIMALS
