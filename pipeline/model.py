"""The data model: frozen dataclasses shared by every stage.

Everything a clerk reads is Vietnamese; identifiers stay English. Values that come
from spreadsheets are kept as ``Decimal`` so that rounding is exact and half-up.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from decimal import Decimal
from enum import Enum
from operator import attrgetter


COUNT_UNITS = frozenset({"xã", "trường", "vụ", "người"})


class Period(Enum):
    """A reporting period; the value is how forms and documents name it."""

    Q1 = "Quý I"
    H1 = "6 tháng"
    M9 = "9 tháng"
    YEAR = "Cả năm"

    @property
    def months(self) -> int:
        """Return how many months of the year the period covers."""
        return {"Q1": 3, "H1": 6, "M9": 9, "YEAR": 12}[self.name]

    @property
    def slug(self) -> str:
        """Return the ASCII name used in file names and on the command line."""
        return {"Q1": "quy1", "H1": "6thang", "M9": "9thang", "YEAR": "canam"}[self.name]

    @property
    def phrase(self) -> str:
        """Return the period as it reads in a document title ("6 tháng đầu năm")."""
        return {"Q1": "quý I", "H1": "6 tháng đầu năm", "M9": "9 tháng đầu năm",
                "YEAR": "năm"}[self.name]

    @property
    def in_year(self) -> bool:
        """Return True for the periods reported before the year ends."""
        return self is not Period.YEAR


class Group(Enum):
    """The directive's three groups of targets (section II.1-3)."""

    ECONOMIC = "Kinh tế"
    SOCIAL = "Xã hội"
    ENVIRONMENT = "Môi trường"


class Kind(Enum):
    """The kinds of target a directive sets; the value is the label in the targets file."""

    MINIMUM = "Tối thiểu"                # "đạt 4.060 nghìn lượt"
    RANGE = "Khoảng cần đạt"             # "7 - 7,5%"
    APPROXIMATE = "Xấp xỉ"               # "khoảng 38 - 39 nghìn tỷ"
    BAND = "Cơ cấu"                      # a share that must stay in a band
    COUNT_ADDED = "Tăng thêm"            # "thêm 10 xã"
    KEEP = "Duy trì"                     # "100% xã duy trì"
    GROWTH = "Tăng so cùng kỳ"           # "tăng 8 - 9%" against last year
    REDUCTION = "Giảm so cùng kỳ"        # "giảm từ 5% trở lên" against last year
    REDUCTION_POINTS = "Giảm điểm %"     # "giảm tỷ lệ hộ nghèo 2 - 3 điểm %"

    @property
    def against_last_year(self) -> bool:
        """Return True when the judged figure is a change against the same period last year."""
        return self in (Kind.GROWTH, Kind.REDUCTION, Kind.REDUCTION_POINTS)


class Aggregation(Enum):
    """How unit figures combine into the province figure."""

    SUM = "Cộng các đơn vị"
    SINGLE = "Một đơn vị"


class Verdict(Enum):
    """The verdict on one target."""

    EXCEEDED = "Vượt"
    MET = "Đạt"
    NOT_MET = "Không đạt"
    NO_DATA = "Chưa có số liệu"
    NOT_DUE = "Đánh giá cuối năm"      # in-year report of a target measured only at year end

    @property
    def achieved(self) -> bool:
        """Return True for the verdicts counted in "x/y chỉ tiêu đạt và vượt"."""
        return self in (Verdict.EXCEEDED, Verdict.MET)

    @property
    def judged(self) -> bool:
        """Return True for the verdicts that judge a figure (not "no data", not "not due")."""
        return self not in (Verdict.NO_DATA, Verdict.NOT_DUE)


def _quick_pickle(cls):
    """Give a slotted dataclass a state that pickles as a plain tuple of its fields.

    The dataclass's own ``__getstate__``/``__setstate__`` call ``dataclasses.fields`` for
    every object: taking 3,000 units' results from the read cache spent 0.6 s in them.
    """
    names = tuple(f.name for f in fields(cls))
    values = attrgetter(*names)                 # a tuple, from two fields on

    def __getstate__(self):
        return values(self) if len(names) > 1 else (values(self),)

    def __setstate__(self, state):
        for name, value in zip(names, state):
            object.__setattr__(self, name, value)

    cls.__getstate__, cls.__setstate__ = __getstate__, __setstate__
    return cls


class Severity(Enum):
    """How much a finding matters."""

    ERROR = "Lỗi"          # the value, file or unit is left out
    WARNING = "Cảnh báo"   # kept, but a person should look


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding is: file, then optionally sheet and cell (e.g. "E7")."""

    file: str
    sheet: str = ""
    cell: str = ""

    def __str__(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(f"trang tính “{self.sheet}”")
        if self.cell:
            parts.append(f"ô {self.cell}")
        return ", ".join(parts)


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in an input, as data: a stable code, where, and how to fix it."""

    code: str              # stable kebab-case code, e.g. "value-not-number"
    severity: Severity
    message: str           # what is wrong, in Vietnamese
    fix: str               # how to fix it, in Vietnamese
    location: Location
    unit: str = ""         # unit code when known


@dataclass(frozen=True)
class Target:
    """One measurable target of the directive."""

    code: str                    # "KT01"
    group: Group
    section: str                 # where the directive sets it: "II.1", "III.2.1"
    wording: str                 # the directive's words
    name: str                    # short name for tables
    unit_of_measure: str         # "%", "nghìn lượt", "tỷ đồng"
    reported_unit: str           # unit of the figure units report ("vụ" for "giảm 5%")
    kind: Kind
    low: Decimal                 # the value, or the lower bound of a range/band
    high: Decimal | None         # the upper bound of a range/band, else None
    decimals: int                # digits printed for the judged figure (the value, or the change)
    cumulative: bool             # a quantity that accumulates over the year (% of plan in-year)
    aggregation: Aggregation
    plausible_max: Decimal | None = None   # above this a reported figure is implausible
    year_end_only: bool = False  # measured only at year end: in-year reports do not judge it
    reported_decimals: int | None = None   # digits of the reported figure when not ``decimals``

    @property
    def counted(self) -> bool:
        """Return True when units report a count (whole numbers: xã, trường, vụ, người)."""
        return self.reported_unit in COUNT_UNITS

    @property
    def value_decimals(self) -> int:
        """Return the digits printed for a reported figure (0 for counts)."""
        if self.counted:
            return 0
        return self.decimals if self.reported_decimals is None else self.reported_decimals

    @property
    def plan_text(self) -> str:
        """Return the plan as plain numbers ("7 - 7,5"), Vietnamese decimal comma."""
        from .formatting import plain  # formatting owns number writing
        low = plain(self.low)
        return low if self.high is None else f"{low} - {plain(self.high)}"


@dataclass(frozen=True)
class Cluster:
    """An emulation cluster (cụm) or block (khối) with its head and deputy for the year."""

    code: str
    name: str
    kind: str            # "Cụm" or "Khối"
    head: str = ""       # unit code of the head (trưởng cụm/khối)
    deputy: str = ""     # unit code of the deputy


@dataclass(frozen=True)
class Unit:
    """A reporting unit (đơn vị) from the registry."""

    code: str
    name: str
    kind: str                       # "Sở, ngành", "Huyện, thành phố", "Đoàn thể", ...
    cluster: str                    # cluster/block code
    targets: tuple[str, ...]        # codes of the targets it reports


@dataclass(frozen=True)
class Assignment:
    """What the province assigned one unit on one target it reports (don_vi.xlsx, "Kế hoạch giao")."""

    unit: str
    target: str
    low: Decimal | None          # the unit's own plan; None: the province plan applies
    high: Decimal | None         # upper bound of the unit's own range, else None
    scored: bool                 # False: the unit only reports a province-wide figure
    location: Location | None = None    # the row's cell of the plan, for findings


@dataclass(frozen=True)
class Registry:
    """The units and clusters of one year, and what the province assigned each unit."""

    units: tuple[Unit, ...]
    clusters: tuple[Cluster, ...]
    assignments: tuple[Assignment, ...] = ()
    _by_code: dict = field(init=False, repr=False, compare=False)
    _by_target: dict = field(init=False, repr=False, compare=False)
    _assigned: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # lookups by code: thousands of units are looked up per file and per target
        by_code, by_target = {}, {}
        for unit in self.units:
            by_code.setdefault(unit.code, unit)
            for code in unit.targets:
                by_target.setdefault(code, []).append(unit)
        object.__setattr__(self, "_by_code", by_code)
        object.__setattr__(self, "_by_target", {k: tuple(v) for k, v in by_target.items()})
        object.__setattr__(self, "_assigned", {(a.unit, a.target): a for a in self.assignments})

    def assignment(self, unit: str, target: str) -> Assignment | None:
        """Return the unit's own plan and scoring on a target, or None when none is set."""
        return self._assigned.get((unit, target))

    def unit(self, code: str) -> Unit | None:
        """Return the unit with this code, or None."""
        return self._by_code.get(code)

    def reporters(self, target_code: str) -> tuple[Unit, ...]:
        """Return the units assigned to report a target, in registry order."""
        return self._by_target.get(target_code, ())


@dataclass(frozen=True)
class Directive:
    """The year's directive: its identity and its targets."""

    year: int
    title: str                    # "Chỉ thị ... phát động thi đua ... năm 2024"
    reference: str                # "Chỉ thị số 01/CT-UBND ngày ..." or "" when unknown
    targets: tuple[Target, ...]
    _by_code: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # every figure of every file looks its target up
        by_code: dict[str, Target] = {}
        for target in self.targets:
            by_code.setdefault(target.code, target)
        object.__setattr__(self, "_by_code", by_code)

    def target(self, code: str) -> Target | None:
        """Return the target with this code (the first, if two share it), or None."""
        return self._by_code.get(code)


@_quick_pickle
@dataclass(frozen=True, slots=True)
class TargetFigure:
    """What a unit reported for one target in one period."""

    target: str                   # target code
    value: Decimal | None         # cumulative result of the period
    last_year: Decimal | None     # same period last year
    note: str
    location: Location            # where the value cell is


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Narrative:
    """A unit's short texts; each is a tuple of lines."""

    highlights: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    shortcomings: tuple[str, ...] = ()
    proposals: tuple[str, ...] = ()


@dataclass(frozen=True)
class Criterion:
    """One criterion of the year-end self-scoring table."""

    code: str
    group: str
    name: str
    max_points: Decimal        # negative for a penalty criterion


@_quick_pickle
@dataclass(frozen=True, slots=True)
class SelfScore:
    """A score given on one criterion, by the unit itself or by its cluster."""

    criterion: str
    points: Decimal
    location: Location


@_quick_pickle
@dataclass(frozen=True, slots=True)
class Submission:
    """One unit workbook as read: who, which period, and what it says."""

    unit: str
    period: Period
    year: int
    prepared_by: str
    prepared_on: dt.date | None
    file: str                          # path relative to the input folder
    figures: tuple[TargetFigure, ...]
    narrative: Narrative = Narrative()
    scores: tuple[SelfScore, ...] = ()
    form_version: str = ""
    sample: bool = False               # a SAMPLE workbook ("DỮ LIỆU MẪU"), not real results
    # where each criterion listed on the self-scoring sheet is scored, and those whose cell is
    # a formula with no stored result (already a value-formula finding at that cell)
    score_cells: tuple[tuple[str, Location], ...] = ()
    uncomputed: frozenset[str] = frozenset()


@dataclass(frozen=True)
class TargetResult:
    """A target evaluated for the province in one period."""

    target: Target
    value: Decimal | None           # province figure, exact (as reported, or their sum)
    last_year: Decimal | None       # same period last year, exact
    measure: Decimal | None         # the judged figure, exact (value, or change against last year)
    verdict: Verdict
    percent_of_plan: Decimal | None  # cumulative quantities: value / plan * 100, exact
    reporters: tuple[str, ...]      # unit codes whose figures were used
    missing: tuple[str, ...]        # unit codes assigned but without a figure
    side: str = ""                  # band targets outside the band: "thấp hơn" / "cao hơn"
    digits: int = 1                 # digits to print the measure so it reads as judged
    percent_digits: int = 1         # the same for percent_of_plan


@dataclass(frozen=True)
class PeriodEvaluation:
    """All targets of one period, evaluated."""

    period: Period
    year: int
    results: tuple[TargetResult, ...]
    submissions: tuple[Submission, ...]
    missing_units: tuple[str, ...]      # unit codes with no accepted workbook

    @property
    def achieved(self) -> int:
        """Return how many targets are Đạt or Vượt."""
        return sum(r.verdict.achieved for r in self.results)

    @property
    def with_data(self) -> int:
        """Return how many targets were judged: with a figure, and due in this period."""
        return sum(r.verdict.judged for r in self.results)

    @property
    def not_due(self) -> int:
        """Return how many targets are measured only at year end (in-year periods)."""
        return sum(r.verdict is Verdict.NOT_DUE for r in self.results)


@dataclass(frozen=True)
class Run:
    """Everything one run read and found, before documents are rendered."""

    directive: Directive
    registry: Registry
    evaluations: tuple[PeriodEvaluation, ...]
    findings: tuple[Finding, ...]
    files_read: int
    rejected_files: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class DocumentInfo:
    """The details printed on one document, as the clerk keeps them in van_ban.xlsx."""

    document: str                 # "Báo cáo kỳ", "Báo cáo tổng kết", "Tờ trình", ...
    period: Period | None
    parent_agency: str
    agency: str                   # upper case, as printed in the header
    agency_name: str              # sentence case, for "(Kèm theo … của Sở Nội vụ)"
    number: int | None            # None: a draft, printed blank
    symbol: str                   # "BC-SNV"
    place: str
    date: dt.date | None
    addressees: tuple[str, ...]
    recipients: tuple[str, ...]
    signer_lines: tuple[str, ...]
    signer_name: str
    cells: tuple[tuple[str, Location], ...] = ()   # (column, cell) of the row, for findings

    def cell(self, column: str) -> Location | None:
        """Return where this document's value of ``column`` is kept, or None."""
        return next((where for name, where in self.cells if name == column), None)


@dataclass(frozen=True)
class Signer:
    """A person who signs the year's documents, with the one position they sign in."""

    name: str
    position: str                 # "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "PHÓ CHỦ TỊCH"
    example: bool                 # an example name left in the data file, not a real signer
    location: Location

    @property
    def lines(self) -> tuple[str, ...]:
        """Return the signature lines: a deputy signs "KT. GIÁM ĐỐC" over "PHÓ GIÁM ĐỐC"."""
        if self.position.startswith("PHÓ "):
            return (f"KT. {self.position[4:]}", self.position)
        return (self.position,)


@dataclass(frozen=True)
class Settings:
    """Everything the clerk configures for a year, besides the targets and units."""

    documents: tuple[DocumentInfo, ...]
    texts: tuple[tuple[Period, str, str], ...]     # (period, section, paragraph)
    bases: tuple[tuple[str, str], ...] = ()        # (document, legal basis "Căn cứ …;")
    forms: tuple[tuple[Period, dt.date | None, str], ...] = ()   # (period, deadline, send to)
    text_cells: tuple[tuple[Period, str, Location], ...] = ()    # (period, section, its text cell)
    basis_cells: tuple[tuple[str, str, Location], ...] = ()      # (document, basis, its cell)
    signers: tuple[Signer, ...] = ()                             # the one signer table

    def form_terms(self, period: Period) -> tuple[dt.date | None, str]:
        """Return the deadline and the address printed on a period's forms."""
        return next(((d, to) for p, d, to in self.forms if p is period), (None, ""))

    def document(self, name: str, period: Period | None) -> DocumentInfo | None:
        """Return the details of a document for a period (or the one without a period)."""
        for info in self.documents:
            if info.document == name and info.period in (period, None):
                return info
        return None

    def legal_bases(self, document: str) -> list[str]:
        """Return the legal bases printed at the head of a document, in file order."""
        return [text for name, text in self.bases if name == document]

    def signer(self, name: str) -> Signer | None:
        """Return the signer of this name from the signer table, or None."""
        return next((s for s in self.signers if s.name == name), None)

    def paragraphs(self, period: Period, section: str) -> list[str]:
        """Return the secretariat's paragraphs for a period and section, in file order."""
        return [text for p, s, text in self.texts if p is period and s == section]
