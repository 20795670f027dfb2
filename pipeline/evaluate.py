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

Every judged figure is first rounded half-up to what the document prints.
"""
from __future__ import annotations

from decimal import Decimal

from .formatting import rounded
from .model import (Aggregation, Directive, Kind, Period, PeriodEvaluation, Registry,
                    Submission, Target, TargetResult, Verdict)

CHANGE_DECIMALS = 1     # growth and reduction against last year are printed with one decimal
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
    assigned_set = set(assigned)
    figures = {s.unit: f for s in submissions if s.unit in assigned_set
               for f in s.figures if f.target == target.code}
    needs_last = target.kind.against_last_year
    used = [u for u in assigned if u in figures and figures[u].value is not None
            and (not needs_last or figures[u].last_year is not None)]
    if target.aggregation is Aggregation.SINGLE:
        used = used[:1]
    used_set = set(used)               # a set: a list here made evaluation quadratic
    missing = tuple(u for u in assigned if u not in used_set)
    if target.aggregation is Aggregation.SINGLE and used:
        missing = ()
    value = _combine([figures[u].value for u in used], target)
    lasts = [figures[u].last_year for u in used]
    last = None if None in lasts else _combine(lasts, target)   # a partial total would mislead
    measure = judged_measure(target, value, last)
    verdict, side = judge(target, measure, period)
    percent = None
    if target.cumulative and value is not None and target.low and not needs_last:
        percent = rounded(value / target.low * HUNDRED, 1)
    return TargetResult(target, value, last, measure, verdict, percent, tuple(used), missing, side)


def _combine(values: list[Decimal | None], target: Target) -> Decimal | None:
    """Add the figures (one figure for a single reporter), rounded as printed."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    return rounded(sum(present, Decimal(0)), target.value_decimals)


def judged_measure(target: Target, value: Decimal | None, last: Decimal | None) -> Decimal | None:
    """Return the figure a target is judged on, rounded as printed; None without data."""
    if value is None:
        return None
    if not target.kind.against_last_year:
        return rounded(value, target.decimals)
    if last is None:
        return None
    if target.kind is Kind.REDUCTION_POINTS:
        return rounded(last - value, target.decimals)
    if last == 0:
        return None                    # no base to compare with
    change = (value - last) / last * HUNDRED
    if target.kind is Kind.REDUCTION:
        change = -change
    return rounded(change, CHANGE_DECIMALS)


def judge(target: Target, measure: Decimal | None, period: Period) -> tuple[Verdict, str]:
    """Return the verdict of a target on its judged figure, and the side of a missed band."""
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
    due = rounded(target.low * period.months / 12, target.decimals)
    return Verdict.MET if measure >= due else Verdict.NOT_MET


def change_against_last_year(target: Target, value: Decimal | None,
                             last: Decimal | None) -> Decimal | None:
    """Return the change against the same period last year: % for quantities, points for rates."""
    if value is None or last is None:
        return None
    if target.reported_unit == "%":
        return rounded(value - last, CHANGE_DECIMALS if target.decimals < 2 else target.decimals)
    if last == 0:
        return None
    return rounded((value - last) / last * HUNDRED, CHANGE_DECIMALS)
