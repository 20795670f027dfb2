"""Stage 4, year end: score units on the criteria, from self-scores, cluster scores and results.

The criteria, their points and the titles with their quotas and conditions are data:
``config/<year>/cham_diem.xlsx``, read by ``criteria``; the cluster heads' workbooks are read by
``cluster_scores``. This module only scores.

Points of a criterion: the unit's self-score (sheet "Tự chấm điểm" of its year-end workbook),
replaced criterion by criterion by the cluster/block's score where its head gave one (sheet
"Chấm điểm cụm, khối"; an empty cell keeps the self-score). Points outside 0..max (max..0 for
penalties) are clamped. A criterion "computed from results" is also computed from the unit's
own targets: base criteria max × (Đạt + Vượt) / targets with data, bonus criteria max × Vượt /
targets with data, half-up to 1 decimal. A claim more than 0,5 above it is replaced by it. With
no target figures there is nothing to compute from and the claim stands; with no claim the
computed points count, else 0.

A unit's own verdicts: the unit's exact figure judged against its own plan (don_vi.xlsx, sheet
"Kế hoạch giao"), or against the province plan for a rate, a band, a change against last year
or a single reporter's figure. Never the province plan split evenly: a reporter of a summed
quantity without a plan of its own is not scored on it (config warns), and a unit that only
reports a province-wide figure ("Tính điểm" = Không) is not scored on it.

Ranking and proposals: see ``rank``. A unit assigned no targets meets the target conditions
of a title (none missed, one exceeded): its tasks are judged through the criteria, which the
cluster/block checks.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from . import layout
from .cluster_scores import CLUSTER_SHEET, ClusterScores
from .config import own_target
from .criteria import Scoring, Title
from .evaluate import judge, judged_measure
from .findings import finding
from .formatting import points_text, rounded
from .model import (Criterion, Directive, Finding, Location, Period, PeriodEvaluation, Registry,
                    SelfScore, Submission, TargetResult, Unit, Verdict)

__all__ = ("NOT_REPORTED", "Points", "Scoring", "Title", "UnitScore", "points_text",
           "score_units")

SOURCE_SELF, SOURCE_CLUSTER = "tự chấm", "cụm, khối chấm"
SOURCE_RESULTS, SOURCE_NONE = "tính từ kết quả chỉ tiêu", "chưa chấm"
TOLERANCE = Decimal("0.5")      # a claim this close to the computed points is accepted
NOT_REPORTED = "Chưa gửi báo cáo cả năm: xếp cuối cụm, khối, không xét khen thưởng."


@dataclass(frozen=True, slots=True)
class Points:
    """The points counted for one criterion, and where they come from."""

    criterion: str
    points: Decimal
    source: str                   # SOURCE_SELF, SOURCE_CLUSTER, SOURCE_RESULTS or SOURCE_NONE
    claimed: Decimal | None       # what the unit or cluster wrote, before any correction
    computed: Decimal | None      # from the unit's target results; None when not computed
    location: Location | None     # the cell of the claim


@dataclass(frozen=True, slots=True)
class UnitScore:
    """One unit's year-end score and what its titles depend on."""

    unit: str
    name: str
    cluster: str
    points: tuple[Points, ...]    # one per criterion, in the table's order
    base: Decimal
    bonus: Decimal
    penalty: Decimal              # zero or negative
    total: Decimal
    assigned: int                 # own targets
    with_data: int
    exceeded: int
    missed: int
    disqualified: bool
    disqualified_reason: str      # "bị trừ điểm ở tiêu chí …", "" when not disqualified
    reported: bool                # False: no year-end workbook
    note: str = ""


# --- scoring --------------------------------------------------------------------------
@dataclass(frozen=True)
class _Context:
    """What scoring one unit needs besides the unit; findings are appended to."""

    scoring: Scoring
    registry: Registry
    directive: Directive
    results: dict[str, TargetResult]
    findings: list[Finding]


def score_units(scoring: Scoring, registry: Registry, year_evaluation: PeriodEvaluation,
                submissions: list[Submission], cluster_scores: list[ClusterScores],
                directive: Directive) -> tuple[tuple[UnitScore, ...], list[Finding]]:
    """Score every unit of the registry, in its order, from self and cluster scores and results."""
    findings: list[Finding] = []
    year_subs: dict[str, Submission] = {}
    for sub in submissions:
        if sub.period is Period.YEAR and sub.year == directive.year:
            year_subs.setdefault(sub.unit, sub)
    ctx = _Context(scoring, registry, directive,
                   {r.target.code: r for r in year_evaluation.results}, findings)
    claims = _cluster_claims(cluster_scores, ctx)
    scores = tuple(_score_unit(u, year_subs.get(u.code), claims.get(u.code, {}), ctx)
                   for u in registry.units)
    return scores, findings


def _cluster_claims(sheets: list[ClusterScores], ctx: _Context) -> dict[str, dict[str, SelfScore]]:
    """Collect the cluster scores per unit, leaving out sheets and rows that cannot be used."""
    claims: dict[str, dict[str, SelfScore]] = {}
    used: dict[str, str] = {}
    year, codes = ctx.directive.year, {c.code for c in ctx.registry.clusters}
    for sheet in sheets:
        where = Location(sheet.file, CLUSTER_SHEET)
        if sheet.year is not None and sheet.year != year:
            ctx.findings.append(finding("year-mismatch", where, value=sheet.year, year=year))
            continue
        problem = ""
        if sheet.cluster not in codes:
            problem = f"mã cụm, khối {sheet.cluster} không có trong don_vi.xlsx"
        elif sheet.cluster in used:
            problem = f"cụm, khối {sheet.cluster} đã có bảng chấm “{used[sheet.cluster]}”"
        if problem:
            ctx.findings.append(finding("cluster-scores-invalid", where, detail=problem))
            continue
        used[sheet.cluster] = sheet.file
        for unit, score in sheet.scores:
            owner = ctx.registry.unit(unit)
            if owner is None or owner.cluster != sheet.cluster:
                ctx.findings.append(finding("cluster-scores-invalid", score.location, unit,
                                            detail=f"đơn vị {unit} không thuộc {sheet.cluster}"))
                continue
            _add_claim(claims.setdefault(unit, {}), score, unit, ctx)
    return claims


def _add_claim(into: dict[str, SelfScore], score: SelfScore, unit: str, ctx: _Context) -> None:
    """Keep a score under its criterion; an unknown or repeated criterion is a finding."""
    code = "score-unknown-criterion" if ctx.scoring.criterion(score.criterion) is None else (
        "score-duplicate" if score.criterion in into else "")
    if code:
        ctx.findings.append(finding(code, score.location, unit, value=score.criterion))
    else:
        into[score.criterion] = score


def _score_unit(unit: Unit, sub: Submission | None, cluster: dict[str, SelfScore],
                ctx: _Context) -> UnitScore:
    """Score one unit: points per criterion, totals, target counts, disqualification."""
    verdicts = _own_verdicts(unit, sub, ctx)
    own: dict[str, SelfScore] = {}
    for score in sub.scores if sub else ():
        _add_claim(own, score, unit.code, ctx)
    points = tuple(_points(c, own.get(c.code), cluster.get(c.code), verdicts, sub, unit.code, ctx)
                   for c in ctx.scoring.criteria)
    sums = {kind: sum((p.points for p in points if ctx.scoring.kinds[p.criterion] == kind),
                      Decimal(0)) for kind in ("base", "bonus", "penalty")}
    reason = "; ".join(f"bị trừ điểm ở tiêu chí {p.criterion} "
                       f"({ctx.scoring.criterion(p.criterion).name})" for p in points
                       if p.criterion in ctx.scoring.disqualifying and p.points < 0)
    with_data = [v for v in verdicts if v is not Verdict.NO_DATA]
    return UnitScore(
        unit=unit.code, name=unit.name, cluster=unit.cluster, points=points, base=sums["base"],
        bonus=sums["bonus"], penalty=sums["penalty"], total=sum(sums.values(), Decimal(0)),
        assigned=len(verdicts), with_data=len(with_data),
        exceeded=verdicts.count(Verdict.EXCEEDED), missed=verdicts.count(Verdict.NOT_MET),
        disqualified=bool(reason), disqualified_reason=reason, reported=sub is not None,
        note="" if sub else NOT_REPORTED)


def _own_verdicts(unit: Unit, sub: Submission | None, ctx: _Context) -> tuple[Verdict, ...]:
    """Judge the targets the unit is scored on, on its own figures against its own plans."""
    figures = {f.target: f for f in sub.figures} if sub else {}
    verdicts = []
    for code in unit.targets:
        target = own_target(ctx.registry, unit.code, ctx.directive.target(code))
        if target is None:
            continue
        figure = figures.get(code)
        measure = None if figure is None else judged_measure(target, figure.value,
                                                             figure.last_year)
        verdicts.append(judge(target, measure, Period.YEAR)[0])
    return tuple(verdicts)


def _computed(criterion: Criterion, verdicts: tuple[Verdict, ...],
              scoring: Scoring) -> Decimal | None:
    """Return the points the results give a computed criterion; None when not computable."""
    if criterion.code not in scoring.computed:        # most criteria: nothing to count
        return None
    judged = [v for v in verdicts if v is not Verdict.NO_DATA]
    if not judged:
        return None
    if scoring.kinds[criterion.code] == "bonus":
        hits = sum(v is Verdict.EXCEEDED for v in judged)
    else:
        hits = sum(v.achieved for v in judged)
    return rounded(criterion.max_points * hits / len(judged), 1)


def _points(criterion: Criterion, own: SelfScore | None, cluster: SelfScore | None,
            verdicts: tuple[Verdict, ...], sub: Submission | None, unit: str,
            ctx: _Context) -> Points:
    """Return the points counted for one criterion, with findings on what was corrected."""
    claim, source = (own, SOURCE_SELF) if cluster is None else (cluster, SOURCE_CLUSTER)
    computed = _computed(criterion, verdicts, ctx.scoring)
    if claim is None:
        if (computed is None and sub is not None and ctx.scoring.kinds[criterion.code] == "base"
                and criterion.code not in sub.uncomputed):   # that cell has its value-formula
            cell = dict(sub.score_cells).get(criterion.code,
                                             Location(sub.file, layout.SHEET_SCORES))
            ctx.findings.append(finding("score-missing", cell, unit, value=criterion.code))
        return Points(criterion.code, Decimal(0) if computed is None else computed,
                      SOURCE_NONE if computed is None else SOURCE_RESULTS, None, computed, None)
    used = _clamped(criterion, claim, unit, ctx.findings)
    if computed is not None and used - computed > TOLERANCE:
        basis = _basis(criterion, verdicts, ctx.scoring)
        ctx.findings.append(finding(
            "score-over-results", claim.location, unit, criterion=criterion.code, source=source,
            claimed=points_text(used), computed=points_text(computed), basis=basis))
        used, source = computed, SOURCE_RESULTS
    return Points(criterion.code, used, source, claim.points, computed, claim.location)


def _basis(criterion: Criterion, verdicts: tuple[Verdict, ...], scoring: Scoring) -> str:
    """Say what the computed points count: "3/5 chỉ tiêu có số liệu đạt và vượt"."""
    judged = sum(v is not Verdict.NO_DATA for v in verdicts)
    if scoring.kinds[criterion.code] == "bonus":
        return f"{verdicts.count(Verdict.EXCEEDED)}/{judged} chỉ tiêu có số liệu vượt kế hoạch"
    return f"{sum(v.achieved for v in verdicts)}/{judged} chỉ tiêu có số liệu đạt và vượt"


def _clamped(criterion: Criterion, claim: SelfScore, unit: str,
             findings: list[Finding]) -> Decimal:
    """Return the claimed points within 0..max (max..0 for a penalty), with a finding if not."""
    low, high = min(Decimal(0), criterion.max_points), max(Decimal(0), criterion.max_points)
    used = min(max(claim.points, low), high)
    if used != claim.points:
        findings.append(finding("score-out-of-range", claim.location, unit,
                                value=points_text(claim.points), criterion=criterion.code,
                                low=points_text(low), high=points_text(high),
                                used=points_text(used)))
    return used
