"""Verdicts by the rule of each kind of target, edges included, and the province figures."""
from decimal import Decimal as D

import pytest

from pipeline.evaluate import evaluate_period, evaluate_target, judge, judged_measure
from pipeline.formatting import number, percent, rounded
from pipeline.model import (Aggregation, Directive, Group, Kind, Location, Period, Registry,
                            Submission, Target, TargetFigure, Unit, Verdict)

V, M, N, X = Verdict.EXCEEDED, Verdict.MET, Verdict.NOT_MET, Verdict.NO_DATA


def target(kind, low, high=None, decimals=1, cumulative=False, uom="%", reported="%",
           aggregation=Aggregation.SINGLE, code="T1", year_end_only=False):
    return Target(code=code, group=Group.ECONOMIC, section="II.1", wording="w", name="n",
                  unit_of_measure=uom, reported_unit=reported, kind=kind, low=D(low),
                  high=None if high is None else D(high), decimals=decimals,
                  cumulative=cumulative, aggregation=aggregation, year_end_only=year_end_only)


def _registry(*targets, units=("U",)):
    return Registry(units=tuple(Unit(u, u, "Sở", "K", tuple(t.code for t in targets))
                                for u in units), clusters=())


@pytest.mark.parametrize("kind", [Kind.MINIMUM, Kind.COUNT_ADDED, Kind.KEEP])
@pytest.mark.parametrize("value,verdict", [("4059", N), ("4060", M), ("4061", V)])
def test_minimum_kinds(kind, value, verdict):
    t = target(kind, "4060", decimals=0, uom="nghìn lượt", reported="nghìn lượt")
    assert judge(t, judged_measure(t, D(value), None), Period.YEAR)[0] is verdict


@pytest.mark.parametrize("kind", [Kind.RANGE, Kind.APPROXIMATE])
@pytest.mark.parametrize("value,verdict", [("6.9", N), ("7", M), ("7.3", M), ("7.5", M),
                                           ("7.6", V)])
def test_range_kinds(kind, value, verdict):
    t = target(kind, "7", "7.5")
    assert judge(t, judged_measure(t, D(value), None), Period.YEAR)[0] is verdict


@pytest.mark.parametrize("value,verdict,side", [("22.9", N, "thấp hơn"), ("23", M, ""),
                                                ("24", M, ""), ("24.1", N, "cao hơn")])
def test_band_says_which_side(value, verdict, side):
    t = target(Kind.BAND, "23", "24")
    assert judge(t, judged_measure(t, D(value), None), Period.YEAR) == (verdict, side)


# The edge rule: judged on the exact figure; printed with the target's decimals unless that
# rounding would put the printed figure on the other side of a bound, then with more.
@pytest.mark.parametrize("value,verdict,printed", [
    ("6.94", N, "6,9"), ("6.95", N, "6,95"), ("6.96", N, "6,96"), ("6.999", N, "6,999"),
    ("7", M, "7,0"), ("7.04", M, "7,0"), ("7.45", M, "7,5"), ("7.5", M, "7,5"),
    ("7.504", V, "7,504"), ("7.55", V, "7,6"), ("7.6", V, "7,6")])
def test_range_edges_judged_exactly_and_printed_on_their_side(value, verdict, printed):
    t = target(Kind.RANGE, "7", "7.5", code="KT01")
    result = evaluate_target(t, Period.YEAR, _registry(t), [_submission("U", Period.YEAR,
                                                                        ("KT01", value, None))])
    assert result.verdict is verdict
    assert number(result.value, result.digits) == printed
    # whatever is printed, read back and judged again, gives the same verdict
    assert judge(t, D(printed.replace(",", ".")), Period.YEAR)[0] is verdict


@pytest.mark.parametrize("value,verdict,printed", [
    ("4059.4", N, "4.059"), ("4059.6", N, "4.059,6"), ("4060", M, "4.060"),
    ("4060.4", V, "4.060,4"), ("4060.6", V, "4.061")])
def test_minimum_edges_judged_exactly_and_printed_on_their_side(value, verdict, printed):
    t = target(Kind.MINIMUM, "4060", decimals=0, uom="nghìn lượt", reported="nghìn lượt",
               code="KT07")
    result = evaluate_target(t, Period.YEAR, _registry(t), [_submission("U", Period.YEAR,
                                                                        ("KT07", value, None))])
    assert (result.verdict, number(result.value, result.digits)) == (verdict, printed)


@pytest.mark.parametrize("value,verdict,side,printed", [
    ("22.96", N, "thấp hơn", "22,96"), ("23.04", M, "", "23,0"), ("24.04", N, "cao hơn", "24,04"),
    ("24.06", N, "cao hơn", "24,1")])
def test_band_edges_judged_exactly_and_printed_on_their_side(value, verdict, side, printed):
    t = target(Kind.BAND, "23", "24", code="KT02")
    result = evaluate_target(t, Period.YEAR, _registry(t), [_submission("U", Period.YEAR,
                                                                        ("KT02", value, None))])
    assert (result.verdict, result.side, number(result.value, result.digits)) == \
        (verdict, side, printed)


def test_progress_edge_prints_the_share_of_plan_on_its_side():
    # quý I: 1.014,6 of 4.060 is 24,99% of the plan, due 25%: Không đạt, never "25,0%"
    t = target(Kind.MINIMUM, "4060", decimals=0, cumulative=True, uom="nghìn lượt",
               reported="nghìn lượt", code="KT07")
    result = evaluate_target(t, Period.Q1, _registry(t), [_submission("U", Period.Q1,
                                                                      ("KT07", "1014.6", None))])
    assert result.verdict is N
    assert number(result.value, result.digits) == "1.014,6"
    assert percent(result.percent_of_plan, result.percent_digits) == "24,99%"


def test_growth_edge_prints_the_change_on_its_side():
    # 154,2 -> 166,5: growth 7,98%; with one decimal it would print 8,0% against "tăng 8 - 9%"
    t = target(Kind.GROWTH, "8", "9", decimals=1, reported="triệu USD", code="KT09")
    result = evaluate_target(t, Period.YEAR, _registry(t), [_submission(
        "U", Period.YEAR, ("KT09", "166.5", "154.2"))])
    assert result.verdict is N and number(result.measure, result.digits) == "7,98"


@pytest.mark.parametrize("value,last,verdict", [("95", "100", M), ("96", "100", N),
                                                ("90", "100", V), ("100", "100", N),
                                                ("110", "100", N)])
def test_reduction_against_last_year(value, last, verdict):
    t = target(Kind.REDUCTION, "5", reported="vụ", cumulative=True)
    assert judge(t, judged_measure(t, D(value), D(last)), Period.YEAR)[0] is verdict


def test_reduction_measure_is_the_achieved_reduction():
    t = target(Kind.REDUCTION, "5", reported="vụ")
    assert rounded(judged_measure(t, D("112"), D("121")), 2) == D("7.44")


@pytest.mark.parametrize("value,last,verdict", [("8.6", "10.5", N), ("8.5", "10.5", M),
                                                ("7.5", "10.5", M), ("7.4", "10.5", V)])
def test_reduction_in_points(value, last, verdict):
    t = target(Kind.REDUCTION_POINTS, "2", "3", uom="điểm %")
    assert judge(t, judged_measure(t, D(value), D(last)), Period.YEAR)[0] is verdict


@pytest.mark.parametrize("value,last,verdict", [("107", "100", N), ("108", "100", M),
                                                ("109", "100", M), ("109.1", "100", V)])
def test_growth_against_last_year(value, last, verdict):
    t = target(Kind.GROWTH, "8", "9", reported="triệu USD")
    assert judge(t, judged_measure(t, D(value), D(last)), Period.YEAR)[0] is verdict


def test_change_needs_last_year_and_a_base():
    t = target(Kind.GROWTH, "8", "9", reported="triệu USD")
    assert judged_measure(t, D("100"), None) is None
    assert judged_measure(t, D("100"), D("0")) is None
    assert judge(t, None, Period.YEAR) == (X, "")


@pytest.mark.parametrize("period,value,verdict", [
    (Period.Q1, "1015", M), (Period.Q1, "1014", N), (Period.H1, "2030", M),
    (Period.M9, "3044", N), (Period.M9, "4061", V)])
def test_in_year_cumulative_judged_on_progress(period, value, verdict):
    t = target(Kind.MINIMUM, "4060", decimals=0, cumulative=True, uom="nghìn lượt",
               reported="nghìn lượt")
    assert judge(t, D(value), period)[0] is verdict


def test_in_year_rates_are_judged_as_at_year_end():
    t = target(Kind.MINIMUM, "97.2")
    assert judge(t, D("97.2"), Period.Q1)[0] is M


def _submission(unit, period, *figures):
    return Submission(unit=unit, period=period, year=2024, prepared_by="", prepared_on=None,
                      file=f"{unit}.xlsx",
                      figures=tuple(TargetFigure(code, None if v is None else D(v),
                                                 None if last is None else D(last), "",
                                                 Location(f"{unit}.xlsx"))
                                    for code, v, last in figures))


def test_province_figure_sums_units_and_names_the_missing():
    sum_target = target(Kind.COUNT_ADDED, "10", decimals=0, cumulative=True, uom="xã",
                        reported="xã", aggregation=Aggregation.SUM, code="XH01")
    directive = Directive(2024, "CT", "", (sum_target,))
    registry = Registry(units=tuple(Unit(c, c, "Huyện", "CUM1", ("XH01",)) for c in "ABC"),
                        clusters=())
    subs = [_submission("A", Period.YEAR, ("XH01", "4", "3")),
            _submission("B", Period.YEAR, ("XH01", "7", "5"))]
    evaluation = evaluate_period(Period.YEAR, directive, registry, subs)
    result = evaluation.results[0]
    assert (result.value, result.last_year, result.verdict) == (D("11"), D("8"), V)
    assert result.reporters == ("A", "B") and result.missing == ("C",)
    assert result.percent_of_plan == D("110.0")
    assert evaluation.missing_units == ("C",)
    assert (evaluation.achieved, evaluation.with_data) == (1, 1)


def test_no_figure_is_never_counted():
    t = target(Kind.MINIMUM, "64", code="XH10")
    directive = Directive(2024, "CT", "", (t,))
    registry = Registry(units=(Unit("S12", "Sở", "Sở", "KHOI2", ("XH10",)),), clusters=())
    evaluation = evaluate_period(Period.YEAR, directive, registry,
                                 [_submission("S12", Period.YEAR, ("XH10", None, None))])
    assert evaluation.results[0].verdict is X
    assert (evaluation.achieved, evaluation.with_data) == (0, 0)


@pytest.mark.parametrize("period", [Period.Q1, Period.H1, Period.M9])
def test_year_end_only_targets_are_not_judged_in_year(period):
    t = target(Kind.COUNT_ADDED, "10", decimals=0, cumulative=True, uom="xã", reported="xã",
               code="XH01", year_end_only=True)
    directive = Directive(2024, "CT", "", (t,))
    evaluation = evaluate_period(period, directive, _registry(t),
                                 [_submission("U", period, ("XH01", "0", "0"))])
    result = evaluation.results[0]
    assert result.verdict is Verdict.NOT_DUE and result.value == D("0")
    assert (evaluation.achieved, evaluation.with_data, evaluation.not_due) == (0, 0, 1)
    # no figure yet is no gap either: the target is not due
    assert judge(t, None, period)[0] is Verdict.NOT_DUE


def test_year_end_only_targets_are_judged_at_year_end():
    t = target(Kind.COUNT_ADDED, "10", decimals=0, cumulative=True, uom="xã", reported="xã",
               code="XH01", year_end_only=True)
    assert judge(t, D("9"), Period.YEAR)[0] is N and judge(t, D("10"), Period.YEAR)[0] is M


def test_a_single_reporter_target_never_takes_a_second_units_figure():
    t = target(Kind.MINIMUM, "64", code="XH10")
    registry = _registry(t, units=("A", "B"))
    result = evaluate_target(t, Period.YEAR, registry, [_submission("B", Period.YEAR,
                                                                    ("XH10", "70", None))])
    assert result.verdict is X and result.reporters == () and result.missing == ("A",)
