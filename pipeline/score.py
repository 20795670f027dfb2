"""Stage 4, year end: score units on the criteria, from self-scores, cluster scores and results.

The criteria, their points and the titles with their quotas and conditions are data:
``config/<year>/cham_diem.xlsx`` (sheet "Hướng dẫn" explains it to the secretariat).

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

from dataclasses import dataclass, replace
from decimal import Decimal
from enum import Enum
from pathlib import Path

from . import layout
from .config import TableRows, config_sheet, needs_own_plan
from .errors import PipelineError
from .evaluate import judge, judged_measure
from .findings import finding
from .formatting import number, rounded
from .model import (Criterion, Directive, Finding, Location, Period,
                    PeriodEvaluation, Registry, SelfScore, Submission, Target, TargetResult,
                    Unit, Verdict)
from .read import Cell, Sheet, open_workbook
from .values import ValueParseError, clean_text, normalize_label, parse_number, parse_year

SCORING_FILE = "cham_diem.xlsx"
CRITERIA_SHEET, TITLES_SHEET = "Tiêu chí", "Danh hiệu"
CRITERIA_COLUMNS = ("Mã tiêu chí", "Nhóm", "Tiêu chí", "Điểm tối đa", "Loại",
                    "Tính từ kết quả chỉ tiêu", "Loại trừ danh hiệu Cờ")
TITLE_FLAGS = ("Không có chỉ tiêu không đạt", "Có chỉ tiêu vượt", "Không bị trừ điểm loại trừ",
               "Phải đứng đầu cụm, khối")
TITLE_COLUMNS = ("Danh hiệu", "Số lượng mỗi cụm, khối", "Điểm tối thiểu") + TITLE_FLAGS
CLUSTER_SHEET, CLUSTER_LABEL = layout.CLUSTER_SHEET, layout.CLUSTER_LABEL
YEAR_LABEL, CLUSTER_COLUMNS = layout.CLUSTER_YEAR_LABEL, layout.CLUSTER_COLUMNS
SOURCE_SELF, SOURCE_CLUSTER = "tự chấm", "cụm, khối chấm"
SOURCE_RESULTS, SOURCE_NONE = "tính từ kết quả chỉ tiêu", "chưa chấm"
TOLERANCE = Decimal("0.5")      # a claim this close to the computed points is accepted
NOT_REPORTED = "Chưa gửi báo cáo cả năm: xếp cuối cụm, khối, không xét khen thưởng."


class CriterionKind(Enum):
    """The kinds of criterion; the value is the label in the "Loại" column."""

    BASE = "Cơ bản"
    BONUS = "Thưởng"
    PENALTY = "Trừ"


@dataclass(frozen=True)
class Title:
    """A title proposed per cluster/block, with its quota and conditions."""

    name: str                 # "Cờ thi đua của UBND tỉnh"
    quota: int                # units per cluster/block
    min_score: Decimal        # lowest total points
    no_missed: bool           # no own target Không đạt
    needs_exceeded: bool      # at least one own target Vượt (units with targets)
    no_disqualifying: bool    # no points deducted on a disqualifying criterion
    must_lead: bool           # only for the unit ranked first


@dataclass(frozen=True)
class Scoring:
    """The criteria table and the titles of one year."""

    criteria: tuple[Criterion, ...]
    computed: frozenset[str]          # codes computed from target results as well
    disqualifying: frozenset[str]     # penalty codes that bar a title when points are deducted
    kinds: dict[str, str]             # code -> "base" | "bonus" | "penalty"
    titles: tuple[Title, ...]         # highest first

    def criterion(self, code: str) -> Criterion | None:
        """Return the criterion with this code, or None."""
        return next((c for c in self.criteria if c.code == code), None)


@dataclass(frozen=True)
class ClusterScores:
    """A cluster/block head's scoring sheet: the points it gives its members."""

    cluster: str
    year: int | None
    file: str
    scores: tuple[tuple[str, SelfScore], ...]     # (unit code, score)


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


def points_text(value: Decimal) -> str:
    """Write points with only the decimals they need: "92,5", "90", "-5"."""
    return number(value, min(2, max(0, -value.normalize().as_tuple().exponent)))


# --- the criteria file --------------------------------------------------------------
def load_criteria(config_dir: Path, year: int, findings: list[Finding]) -> Scoring:
    """Read ``config_dir/<year>/cham_diem.xlsx``; bad cells become ``config-invalid`` findings.

    Raise PipelineError when the file or a sheet is missing, or no criterion is usable.
    """
    folder = config_dir / str(year)
    if not (folder / SCORING_FILE).is_file():
        raise PipelineError(
            f"Không tìm thấy tệp tiêu chí chấm điểm {folder / SCORING_FILE}. Chạy lệnh "
            f".venv/bin/python tools/seed_scoring.py để tạo tệp mặc định (hoặc chép tệp của năm "
            f"trước vào {folder}/), rồi sửa theo quy định chấm điểm thi đua của tỉnh.")
    rows = TableRows(config_sheet(folder, SCORING_FILE, CRITERIA_SHEET), CRITERIA_COLUMNS, findings, year)
    criteria, kinds, computed, disqualifying = [], {}, set(), set()
    for i in rows:
        item = _criterion(rows, i, kinds)
        if item is not None:
            criteria.append(item[0])
            kinds[item[0].code] = item[1].name.lower()
            computed.update([item[0].code] if item[2] else [])
            disqualifying.update([item[0].code] if item[3] else [])
    if not criteria:
        raise PipelineError(f"Tệp {folder / SCORING_FILE} không có tiêu chí chấm điểm nào dùng "
                            f"được: sửa trang “{CRITERIA_SHEET}” theo trang “Hướng dẫn”.")
    rows = TableRows(config_sheet(folder, SCORING_FILE, TITLES_SHEET), TITLE_COLUMNS, findings, year)
    titles = tuple(t for t in (_title(rows, i) for i in rows) if t is not None)
    return Scoring(tuple(criteria), frozenset(computed), frozenset(disqualifying), kinds, titles)


def _flag(rows: TableRows, i: int, column: str) -> bool | None:
    """Read a Có/Không cell (empty is Không); None with a finding when it is neither."""
    text = normalize_label(rows.text(i, column))
    if text in ("", "khong", "no", "0"):
        return False
    if text in ("co", "x", "yes", "1"):
        return True
    rows.bad(i, column, f"cột “{column}” ghi Có hoặc Không")
    return None


def _criterion(rows: TableRows, i: int,
               seen: dict) -> tuple[Criterion, CriterionKind, bool, bool] | None:
    """Build one criterion with its kind and flags, or None (with findings) when wrong."""
    c_code, c_group, c_name, c_max, c_kind, c_computed, c_disq = CRITERIA_COLUMNS
    code = rows.text(i, c_code).upper()
    kind, points = rows.choice(i, c_kind, CriterionKind), rows.number(i, c_max)
    computed, disqualifying = _flag(rows, i, c_computed), _flag(rows, i, c_disq)
    if kind is None or points is None or computed is None or disqualifying is None:
        return None
    penalty = kind is CriterionKind.PENALTY
    if code in seen:
        rows.bad(i, c_code, f"mã tiêu chí {code} bị trùng")
        return None
    if points == 0 or (points < 0 and not penalty):
        rows.bad(i, c_max, "điểm tối đa phải lớn hơn 0 (tiêu chí điểm trừ ghi số âm)")
        return None
    if computed and penalty:
        rows.bad(i, c_computed, "tiêu chí điểm trừ không tính từ kết quả chỉ tiêu")
    if disqualifying and not penalty:
        rows.bad(i, c_disq, "chỉ tiêu chí loại Trừ mới loại trừ danh hiệu Cờ")
    # A penalty written as 5 or -5 means the same deduction; keep it negative as the form does.
    criterion = Criterion(code, rows.text(i, c_group), rows.text(i, c_name),
                          -abs(points) if penalty else points)
    return criterion, kind, computed and not penalty, disqualifying and penalty


def _title(rows: TableRows, i: int) -> Title | None:
    """Build one title from its row, or None (with findings) when a cell is wrong."""
    quota, minimum = rows.number(i, TITLE_COLUMNS[1]), rows.number(i, TITLE_COLUMNS[2])
    flags = [_flag(rows, i, column) for column in TITLE_FLAGS]
    if quota is None or minimum is None or None in flags:
        return None
    if quota < 0 or quota != quota.to_integral_value():
        rows.bad(i, TITLE_COLUMNS[1], "số lượng là số nguyên không âm")
        return None
    return Title(rows.text(i, TITLE_COLUMNS[0]), int(quota), minimum, *flags)


# --- the cluster head's scoring workbook -------------------------------------------------
def read_cluster_scores(path: Path, display: str) -> tuple[ClusterScores | None, list[Finding]]:
    """Read the sheet "Chấm điểm cụm, khối" of a workbook; (None, []) when it has none.

    Raise PipelineError when the file cannot be parsed.
    """
    sheet = open_workbook(path, display, (CLUSTER_SHEET,)).sheet(CLUSTER_SHEET)
    if sheet is None:
        return None, []
    code = _labelled(sheet, CLUSTER_LABEL)
    if code is None or not _text(code):
        where = code.location if code else Location(display, sheet.name)
        return None, [finding("cluster-scores-invalid", where,
                              detail=f"chưa ghi mã cụm, khối ở cột B, dòng “{CLUSTER_LABEL}”")]
    found = sheet.header(CLUSTER_COLUMNS, CLUSTER_COLUMNS)
    if found is None:
        detail = "không thấy dòng tiêu đề “" + " | ".join(CLUSTER_COLUMNS) + "”"
        return None, [finding("cluster-scores-invalid", Location(display, sheet.name),
                              detail=detail)]
    findings: list[Finding] = []
    year = _labelled(sheet, YEAR_LABEL)
    scores = _cluster_rows(sheet, found[0], found[1], findings)
    return ClusterScores(_text(code).upper(), year and parse_year(year.value), display,
                         scores), findings


def _labelled(sheet: Sheet, label: str) -> Cell | None:
    row = sheet.find(label)
    return None if row is None else sheet.cell(row, 1)


def _text(cell: Cell) -> str:
    return clean_text(cell.value)[0]


def _cluster_rows(sheet: Sheet, head: int, cols: dict[str, int],
                  findings: list[Finding]) -> tuple[tuple[str, SelfScore], ...]:
    """Return (unit, score) pairs; an empty points cell keeps the unit's self-score."""
    scores = []
    for index in range(head + 1, len(sheet.rows)):
        unit, code, points = (sheet.cell(index, cols[c]) for c in CLUSTER_COLUMNS)
        if unit.empty and code.empty:
            continue
        try:
            value = parse_number(points.value)
        except ValueParseError as error:
            findings.append(finding("value-not-number", points.location, value=error.value))
            continue
        if value is None:
            continue
        if unit.empty or code.empty:
            where = (unit if unit.empty else code).location
            findings.append(finding("cluster-scores-invalid", where,
                                    detail="dòng có điểm nhưng thiếu mã đơn vị hoặc mã tiêu chí"))
            continue
        scores.append((_text(unit).upper(), SelfScore(_text(code).upper(), value,
                                                      points.location)))
    return tuple(scores)


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


def own_target(registry: Registry, unit: str, target: Target | None) -> Target | None:
    """Return the target as assigned to one unit: its own plan where the province set one,
    the province plan for a rate, a change or a single reporter; None when the unit is not
    scored on it (it only reports a province-wide figure, or has no plan of its own for a
    quantity the units add up to: never the province plan split evenly).
    """
    if target is None:
        return None
    assigned = registry.assignment(unit, target.code)
    if assigned is not None and not assigned.scored:
        return None
    if assigned is not None and assigned.low is not None:
        return replace(target, low=assigned.low, high=assigned.high)
    return None if needs_own_plan(target) else target


def _computed(criterion: Criterion, verdicts: tuple[Verdict, ...],
              scoring: Scoring) -> Decimal | None:
    """Return the points the results give a computed criterion; None when not computable."""
    judged = [v for v in verdicts if v is not Verdict.NO_DATA]
    if criterion.code not in scoring.computed or not judged:
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
        if computed is None and sub is not None and ctx.scoring.kinds[criterion.code] == "base":
            ctx.findings.append(finding("score-missing", Location(sub.file, layout.SHEET_SCORES),
                                        unit, value=criterion.code))
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
