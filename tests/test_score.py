"""Tests for year-end scoring, ranking within clusters and blocks, and proposals."""
from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from pipeline.errors import PipelineError
from pipeline.evaluate import evaluate_period
from pipeline.forms import Criterion
from pipeline.model import (Aggregation, Assignment, Cluster, Directive, Group, Kind, Location, Period,
                            Registry, SelfScore, Submission, Target, TargetFigure, Unit)
from pipeline.rank import propose, rank
from pipeline.cluster_scores import CLUSTER_SHEET, read_cluster_scores
from pipeline.criteria import Scoring, Title, load_criteria
from pipeline.score import NOT_REPORTED, SOURCE_CLUSTER, SOURCE_RESULTS, SOURCE_SELF, score_units

D = Decimal
ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "config"
FLAG, MERIT = "Cờ thi đua của UBND tỉnh", "Bằng khen của Chủ tịch UBND tỉnh"


def _target(code, kind, low, high=None, aggregation=Aggregation.SUM, uom="xã", decimals=0):
    return Target(code=code, group=Group.SOCIAL, section="II", wording=code, name=code,
                  unit_of_measure=uom, reported_unit=uom, kind=kind, low=D(low),
                  high=None if high is None else D(high), decimals=decimals, cumulative=True,
                  aggregation=aggregation)


# Four reporters share XH01 (plan 8, assigned 2 each) and MT01 (plan 400 ha, assigned 100 each).
DIRECTIVE = Directive(2024, "Chỉ thị thi đua năm 2024", "", (
    _target("XH01", Kind.COUNT_ADDED, "8"),
    _target("MT01", Kind.MINIMUM, "400", uom="ha"),
    _target("KT01", Kind.RANGE, "7", "7.5", Aggregation.SINGLE, "%", 1),
))
REGISTRY = Registry(
    units=tuple(Unit(f"U{i}", f"Đơn vị {i}", "Huyện, thành phố", "C1", ("XH01", "MT01"))
                for i in range(1, 5))
    + (Unit("U5", "Cục Thống kê", "Sở, ban, ngành", "K1", ("KT01",)),
       Unit("U6", "Sở Nội vụ", "Sở, ban, ngành", "K1", ())),
    clusters=(Cluster("C1", "Cụm thi đua thử", "Cụm", "U1"),
              Cluster("K1", "Khối thi đua thử", "Khối", "U6")),
    assignments=tuple(Assignment(f"U{i}", code, D(plan), None, True)
                      for i in range(1, 5) for code, plan in (("XH01", 2), ("MT01", 100))))
SCORING = Scoring(
    criteria=(Criterion("I.1", "I", "Kết quả thực hiện chỉ tiêu", D(20)),
              Criterion("I.2", "I", "Nhiệm vụ khác", D(80)),
              Criterion("T.1", "Điểm thưởng", "Vượt mức chỉ tiêu", D(5)),
              Criterion("TR.1", "Điểm trừ", "Báo cáo chậm", D(-5)),
              Criterion("TR.2", "Điểm trừ", "Vi phạm kỷ luật", D(-10))),
    computed=frozenset({"I.1", "T.1"}), disqualifying=frozenset({"TR.2"}),
    kinds={"I.1": "base", "I.2": "base", "T.1": "bonus", "TR.1": "penalty", "TR.2": "penalty"},
    titles=(Title(FLAG, 1, D(90), True, True, True, True),
            Title(MERIT, 2, D(85), False, False, True, False)))
# (XH01, MT01) figures: both Vượt, both Đạt, XH01 Không đạt and MT01 Vượt
EXCEED, MEET, ONE_MISSED = (D(3), D(120)), (D(2), D(100)), (D(1), D(120))


def _submission(unit, figures=(), **points):
    """Return a unit's year-end workbook: figures by target order, points by criterion."""
    file = f"{unit}_canam_2024.xlsx"
    codes = [t for u in REGISTRY.units if u.code == unit for t in u.targets]
    values = [TargetFigure(c, v, None, "", Location(file, "Chỉ tiêu", f"E{row}"))
              for row, (c, v) in enumerate(zip(codes, figures), 5)]
    scores = [SelfScore(code.replace("_", "."), D(str(p)), Location(file, "Tự chấm điểm", f"D{row}"))
              for row, (code, p) in enumerate(points.items(), 5)]
    return Submission(unit, Period.YEAR, 2024, "Người lập", None, file, tuple(values),
                      scores=tuple(scores))


def _claims(figures, i2, t1=None, i1=20, **more):
    """Return the points a unit claims: I.1, I.2, T.1 (all the results allow by default)."""
    if t1 is None:
        t1 = 5 if figures == EXCEED else 0
    return dict(I_1=i1, I_2=i2, T_1=t1, **more)


def _run(subs, cluster_sheets=()):
    """Evaluate the year, score, rank and propose; return (scores by unit, rankings, proposals,
    findings)."""
    evaluation = evaluate_period(Period.YEAR, DIRECTIVE, REGISTRY, list(subs))
    scores, findings = score_units(SCORING, REGISTRY, evaluation, list(subs),
                                   list(cluster_sheets), DIRECTIVE)
    rankings = rank(scores, REGISTRY)
    return {s.unit: s for s in scores}, rankings, propose(rankings, SCORING), findings


def _places(ranking):
    return [(e.score.unit, e.rank) for e in ranking.entries]


def _proposals(proposals, cluster="C1"):
    return [(p.unit, p.title, p.granted) for p in proposals if p.cluster.code == cluster]


def _reason(proposals, unit, title):
    return next(p.reason for p in proposals if p.unit == unit and p.title == title)


def _cluster_scores(tmp_path, rows, cluster="C1", year=2024):
    """Write a cluster head's scoring workbook, as the guide describes it, and read it back."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = CLUSTER_SHEET
    for row in [["Mã cụm, khối", cluster], ["Năm", year], [],
                ["Mã đơn vị", "Mã tiêu chí", "Điểm"], *rows]:
        ws.append(row)
    path = tmp_path / f"cham_diem_{cluster}.xlsx"
    wb.save(path)
    return read_cluster_scores(path, path.name)


def test_ties_share_a_rank_and_more_exceeded_targets_break_a_tie():
    scores, rankings, proposals, _ = _run([
        _submission("U1", EXCEED, **_claims(EXCEED, 70)),     # 20 + 70 + 5 = 95, 2 Vượt
        _submission("U2", EXCEED, **_claims(EXCEED, 70)),     # 95, 2 Vượt: tied with U1
        _submission("U3", MEET, **_claims(MEET, 75)),         # 95, no Vượt: below them
        _submission("U4", MEET, **_claims(MEET, 60))])        # 80
    assert [s.total for s in (scores["U1"], scores["U2"], scores["U3"])] == [D(95)] * 3
    assert _places(rankings[0]) == [("U1", 1), ("U2", 1), ("U3", 3), ("U4", 4)]
    # Two leaders tied on both keys: no flag; both fit in the certificate quota.
    assert _proposals(proposals) == [("U1", FLAG, False), ("U2", FLAG, False),
                                     ("U1", MERIT, True), ("U2", MERIT, True)]
    assert _reason(proposals, "U1", FLAG).startswith("đồng hạng 1 với Đơn vị 2")


@pytest.mark.parametrize("leader, reason", [
    (_submission("U1", ONE_MISSED, **_claims(ONE_MISSED, 80, t1=2.5, i1=10)),   # 92,5
     "không đủ điều kiện: có 1 chỉ tiêu không đạt"),
    (_submission("U1", EXCEED, **_claims(EXCEED, 80, TR_2=-5)),                 # 100
     "không đủ điều kiện: bị trừ điểm ở tiêu chí TR.2 (Vi phạm kỷ luật)"),
    (_submission("U1", EXCEED, **_claims(EXCEED, 63)),                          # 88
     "không đủ điều kiện: tổng điểm 88 thấp hơn điểm tối thiểu 90"),
])
def test_a_leader_that_does_not_qualify_is_named_and_the_flag_is_not_passed_on(leader, reason):
    _, rankings, proposals, _ = _run([
        leader,
        _submission("U2", EXCEED, **_claims(EXCEED, 62)),     # 87: would qualify, is not leader
        _submission("U3", MEET, **_claims(MEET, 60)),         # 80
        _submission("U4", MEET, **_claims(MEET, 55))])        # 75
    assert _places(rankings[0])[0] == ("U1", 1)
    assert _reason(proposals, "U1", FLAG) == reason
    assert [(p.unit, p.granted) for p in proposals if p.title == FLAG] == [("U1", False)]
    merit = [(p.unit, p.granted) for p in proposals if p.title == MERIT]
    disqualified = "TR.2" in reason
    assert merit == ([("U1", False), ("U2", True)] if disqualified else
                     [("U1", True), ("U2", True)])


def test_quotas_are_respected():
    _, _, proposals, _ = _run([
        _submission("U1", EXCEED, **_claims(EXCEED, 75)),     # 100: the flag
        _submission("U2", EXCEED, **_claims(EXCEED, 70)),     # 95
        _submission("U3", EXCEED, **_claims(EXCEED, 68)),     # 93
        _submission("U4", EXCEED, **_claims(EXCEED, 65))])    # 90: qualifies, no room left
    assert _proposals(proposals) == [("U1", FLAG, True), ("U2", MERIT, True),
                                     ("U3", MERIT, True)]


def test_a_tie_that_does_not_fit_the_places_left_gets_none_and_stops_the_list():
    _, _, proposals, _ = _run([
        _submission("U1", EXCEED, **_claims(EXCEED, 75)),     # 100: the flag
        _submission("U2", EXCEED, **_claims(EXCEED, 70)),     # 95: a certificate
        _submission("U3", EXCEED, **_claims(EXCEED, 68)),     # 93, tied with U4
        _submission("U4", EXCEED, **_claims(EXCEED, 68))])    # one place left for two
    assert _proposals(proposals) == [("U1", FLAG, True), ("U2", MERIT, True),
                                     ("U3", MERIT, False), ("U4", MERIT, False)]
    assert _reason(proposals, "U4", MERIT).startswith(
        "đồng hạng 3 với Đơn vị 3 mà danh hiệu chỉ còn 1 suất")


def test_cluster_scores_for_another_cluster_or_year_are_left_out(tmp_path):
    sheet, _ = _cluster_scores(tmp_path, [["U5", "I.2", 10], ["U1", "I.2", 10]])
    stale, _ = _cluster_scores(tmp_path, [["U2", "I.2", 10]], cluster="C1", year=2023)
    scores, _, _, findings = _run([_submission("U1", EXCEED, **_claims(EXCEED, 70))],
                                  [sheet, stale])
    assert [(f.code, f.location.cell) for f in findings] == [
        ("cluster-scores-invalid", "C5"), ("year-mismatch", "")]
    assert scores["U1"].total == D(35)


def test_a_cluster_score_overrides_the_self_score(tmp_path):
    sheet, read_findings = _cluster_scores(tmp_path, [["U1", "I.2", 70], ["u1", "t.1", None],
                                                      ["U2", "I.2", "bảy mươi"]])
    assert [(f.code, f.location.cell) for f in read_findings] == [("value-not-number", "C7")]
    scores, _, _, findings = _run([_submission("U1", EXCEED, **_claims(EXCEED, 80)),
                                   _submission("U2", MEET, **_claims(MEET, 60))], [sheet])
    points = {p.criterion: p for p in scores["U1"].points}
    assert (points["I.2"].points, points["I.2"].source) == (D(70), SOURCE_CLUSTER)
    assert points["I.2"].location == Location(sheet.file, CLUSTER_SHEET, "C5")
    assert (points["T.1"].points, points["T.1"].source) == (D(5), SOURCE_SELF)  # empty: kept
    assert scores["U1"].total == D(95) and findings == []


def test_a_self_score_the_results_contradict_is_replaced_by_the_computed_points():
    scores, _, _, findings = _run([_submission("U1", ONE_MISSED, **_claims(ONE_MISSED, 80))])
    points = {p.criterion: p for p in scores["U1"].points}
    assert (points["I.1"].points, points["I.1"].claimed, points["I.1"].source) == (
        D(10), D(20), SOURCE_RESULTS)
    assert (scores["U1"].exceeded, scores["U1"].missed, scores["U1"].with_data) == (1, 1, 2)
    over = [f for f in findings if f.code == "score-over-results"]
    assert [(f.unit, f.location.cell) for f in over] == [("U1", "D5")]
    assert "I.1" in over[0].message and "20" in over[0].message and "10" in over[0].message


def test_points_out_of_range_are_clamped_and_unknown_criteria_left_out():
    scores, _, _, findings = _run([_submission("U1", EXCEED, **_claims(EXCEED, 85, TR_1=3,
                                                                       X_9=4))])
    points = {p.criterion: p.points for p in scores["U1"].points}
    assert (points["I.2"], points["TR.1"]) == (D(80), D(0))
    assert [(f.code, f.location.cell) for f in findings] == [
        ("score-unknown-criterion", "D9"), ("score-out-of-range", "D6"),
        ("score-out-of-range", "D8")]


def test_a_unit_without_a_year_end_workbook_is_ranked_last_and_never_proposed(tmp_path):
    sheet, _ = _cluster_scores(tmp_path, [["U4", code, p] for code, p in
                                          (("I.1", 20), ("I.2", 80), ("T.1", 5))])
    scores, rankings, proposals, _ = _run([
        _submission("U1", EXCEED, **_claims(EXCEED, 60)),     # 85
        _submission("U2", MEET, **_claims(MEET, 60)),         # 80
        _submission("U3", MEET, **_claims(MEET, 50))], [sheet])
    assert not scores["U4"].reported and scores["U4"].note == NOT_REPORTED
    assert _places(rankings[0]) == [("U1", 1), ("U2", 2), ("U3", 3), ("U4", 4)]
    assert all(p.unit != "U4" for p in proposals)


def test_single_targets_take_the_province_verdict_and_units_without_targets_keep_claims():
    scores, rankings, proposals, findings = _run([
        _submission("U5", (D("7.8"),), **_claims(EXCEED, 70)),  # 7,8% > 7,5%: Vượt
        _submission("U6", (), **_claims(EXCEED, 75))])          # no targets: claims stand
    assert (scores["U5"].exceeded, scores["U5"].total) == (1, D(95))
    assert (scores["U6"].assigned, scores["U6"].total) == (0, D(100))
    assert _places(rankings[1]) == [("U6", 1), ("U5", 2)]
    # Without targets, the target conditions of the flag do not apply.
    assert _proposals(proposals, "K1") == [("U6", FLAG, True), ("U5", MERIT, True)]
    assert findings == []


def test_the_seeded_criteria_file_has_three_groups_of_100_base_points():
    findings = []
    scoring = load_criteria(CONFIG, 2024, findings)
    base = [c for c in scoring.criteria if scoring.kinds[c.code] == "base"]
    assert findings == []
    assert sum(c.max_points for c in base) == D(100)
    assert [g.split(".")[0] for g in dict.fromkeys(c.group for c in base)] == ["I", "II", "III"]
    assert all(c.max_points < 0 for c in scoring.criteria if scoring.kinds[c.code] == "penalty")
    assert "I.1" in scoring.computed and scoring.disqualifying
    assert [(t.name, t.quota, t.must_lead) for t in scoring.titles] == [
        (FLAG, 1, True), (MERIT, 2, False)]


def test_a_broken_criteria_cell_is_a_config_invalid_finding_with_its_cell(tmp_path):
    folder = tmp_path / "2024"
    folder.mkdir()
    shutil.copy(CONFIG / "2024" / "cham_diem.xlsx", folder)
    wb = openpyxl.load_workbook(folder / "cham_diem.xlsx")
    wb["Tiêu chí"]["D3"] = "hai mươi"
    wb["Tiêu chí"]["E4"] = "Khác"
    wb.save(folder / "cham_diem.xlsx")
    findings = []
    scoring = load_criteria(tmp_path, 2024, findings)
    assert [(f.code, f.location.sheet, f.location.cell) for f in findings] == [
        ("config-invalid", "Tiêu chí", "D3"), ("config-invalid", "Tiêu chí", "E4")]
    assert scoring.criterion("I.2") is None and scoring.criterion("I.1") is not None


def test_a_missing_criteria_file_stops_the_run_saying_what_to_do(tmp_path):
    with pytest.raises(PipelineError, match="tools/seed_scoring.py"):
        load_criteria(tmp_path, 2024, [])


def _score_with(assignments, subs):
    """Score the test registry with other assignments; return scores by unit."""
    registry = Registry(REGISTRY.units, REGISTRY.clusters, assignments)
    evaluation = evaluate_period(Period.YEAR, DIRECTIVE, registry, list(subs))
    scores, _ = score_units(SCORING, registry, evaluation, list(subs), [], DIRECTIVE)
    return {s.unit: s for s in scores}


def test_each_unit_is_scored_on_the_plan_the_province_assigned_it():
    # XH01 plan 8: the province assigned 3 to U1 and 1 to U2 (never 8 / 4 = 2 each)
    plans = (Assignment("U1", "XH01", D(3), None, True), Assignment("U2", "XH01", D(1), None, True),
             Assignment("U1", "MT01", D(100), None, True), Assignment("U2", "MT01", D(100), None, True))
    scores = _score_with(plans, [_submission("U1", MEET, **_claims(MEET, 60)),
                                 _submission("U2", MEET, **_claims(MEET, 60))])
    # both report 2 communes and 100 ha: U1 misses its 3, U2 exceeds its 1
    assert (scores["U1"].missed, scores["U1"].exceeded) == (1, 0)
    assert (scores["U2"].missed, scores["U2"].exceeded) == (0, 1)


def test_a_unit_without_its_own_plan_for_a_summed_quantity_is_not_scored_on_it():
    plans = (Assignment("U1", "MT01", D(100), None, True),)
    scores = _score_with(plans, [_submission("U1", ONE_MISSED, **_claims(ONE_MISSED, 60))])
    # XH01 has no plan of U1's own: only MT01 (120 of 100 ha, Vượt) is judged
    assert (scores["U1"].assigned, scores["U1"].missed, scores["U1"].exceeded) == (1, 0, 1)


def test_a_unit_reporting_a_province_wide_figure_is_not_scored_on_it():
    # U5 (the statistics office) reports GRDP 6,5% against "7 - 7,5": the province misses it
    plans = REGISTRY.assignments + (Assignment("U5", "KT01", None, None, False),)
    sub = _submission("U5", (D("6.5"),), **_claims((), 75, i1=20))
    scores = _score_with(plans, [sub])
    assert (scores["U5"].assigned, scores["U5"].missed) == (0, 0)
    assert [p.points for p in scores["U5"].points if p.criterion == "I.1"] == [D(20)]
    # the same unit, scored on it, misses it
    assert _score_with(REGISTRY.assignments, [sub])["U5"].missed == 1
