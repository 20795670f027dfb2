"""Read the year's data files in ``config/<year>/``: targets, units, document details.

These are Excel files the secretariat edits. A bad row becomes a ``config-invalid``
finding with its cell and is left out; a missing file or sheet stops the run
(PipelineError), because no document can be right without it.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from .errors import PipelineError
from .findings import finding
from .model import (Aggregation, Assignment, Cluster, Directive, DocumentInfo, Finding, Group,
                    Kind, Location, Period, Registry, Settings, Severity, Signer, Target, Unit)
from .read import Cell, Sheet, Workbook, blank, open_workbook
from .readcache import kept_config
from .values import (ValueParseError, clean_text, normalize_label, parse_date, parse_number,
                     parse_period, parse_year)

TARGETS_FILE = "chi_tieu.xlsx"
UNITS_FILE = "don_vi.xlsx"
DOCUMENTS_FILE = "van_ban.xlsx"

TARGET_COLUMNS = ("Mã", "Nhóm", "Mục", "Nội dung theo Chỉ thị", "Tên ngắn", "Đơn vị tính",
                  "Đơn vị tính số liệu báo cáo", "Loại chỉ tiêu", "Giá trị (từ)", "Đến",
                  "Số chữ số thập phân", "Lũy kế trong năm", "Cách tổng hợp",
                  "Giới hạn hợp lý (mỗi đơn vị)", "Chỉ đánh giá cuối năm",
                  "Số chữ số thập phân số liệu báo cáo")
UNIT_COLUMNS = ("Mã đơn vị", "Tên đầy đủ", "Tên ngắn", "Loại", "Cụm, khối", "Chỉ tiêu báo cáo")
PLANS_SHEET, PLAN_LOW = "Kế hoạch giao", "Kế hoạch giao (từ)"
PLAN_COLUMNS = ("Mã đơn vị", "Mã chỉ tiêu", PLAN_LOW, "Đến", "Tính điểm", "Ghi chú")
CLUSTER_COLUMNS = ("Mã", "Tên cụm, khối", "Loại", "Trưởng cụm, khối", "Phó cụm, khối")
DOC_COLUMNS = ("Văn bản", "Kỳ", "Cơ quan chủ quản", "Cơ quan ban hành",
               "Tên cơ quan ban hành (chữ thường)", "Số", "Ký hiệu", "Địa danh", "Ngày",
               "Kính gửi", "Nơi nhận", "Quyền hạn, chức vụ người ký", "Người ký")
TEXT_COLUMNS = ("Kỳ", "Mục", "Nội dung")
DIRECTIVE_LABELS = ("Tên chỉ thị", "Số, ngày")
BASIS_COLUMNS = ("Văn bản", "Căn cứ")
SIGNER_COLUMNS = ("Người ký", "Chức vụ", "Tên ví dụ")
# The sections ("Mục") of the secretariat's texts in van_ban.xlsx, sheet "Nội dung chung".
DEPLOYMENT = "Công tác triển khai"
COMMENDATION = "Công tác khen thưởng"
CLUSTERS = "Hoạt động cụm, khối"
SHORTCOMINGS = "Tồn tại, hạn chế"
NEXT_TASKS = "Nhiệm vụ kỳ tới"
PROPOSALS = "Kiến nghị"
SITUATION = "Đặc điểm tình hình"
MOVEMENTS = "Phong trào chuyên đề"
EXEMPLARS = "Điển hình tiên tiến"
ASSESSMENT = "Đánh giá chung"
STRENGTHS = "Ưu điểm"
CAUSES = "Nguyên nhân"
LESSONS = "Bài học kinh nghiệm"
DIRECTIONS = "Phương hướng năm sau"
ARTICLE_2 = "Quyết định: Điều 2"
ARTICLE_3 = "Quyết định: Điều 3"
# The parts of the year-end review (and the Quyết định) that only the secretariat can write:
# a part left blank is a warning naming the cell.
YEAR_END_PARTS = (SITUATION, DEPLOYMENT, MOVEMENTS, COMMENDATION, STRENGTHS, SHORTCOMINGS,
                  CAUSES, LESSONS, DIRECTIONS, PROPOSALS)
DECISION_PARTS = (ARTICLE_2, ARTICLE_3)
FORM_COLUMNS = ("Kỳ", "Hạn gửi", "Nơi gửi")


@dataclass(frozen=True)
class Config:
    """The year's configuration, with the findings made while reading it."""

    directive: Directive
    registry: Registry
    settings: Settings
    units_title: dict[str, str]      # unit code -> short name, for documents
    findings: tuple[Finding, ...]


class TableRows:
    """Iterate the data rows of a table sheet, collecting findings for bad cells.

    The header row is the one (among the first 40) naming most of ``columns``; each column
    it lacks is one ``config-column-missing`` finding naming file, sheet and column, and its
    cells then read as empty without further findings (never at a made-up cell). Columns in
    ``optional`` may be absent silently.
    """

    HEADER_ROWS = 40

    def __init__(self, sheet: Sheet, columns: tuple[str, ...], findings: list[Finding], year: int,
                 optional: tuple[str, ...] = ()):
        found = _best_header(sheet, columns)
        if found is None:
            raise PipelineError(f"Tệp {sheet.file}, trang tính “{sheet.name}”: không thấy dòng "
                                f"tiêu đề có các cột {', '.join(f'“{c}”' for c in columns[:3])}….")
        self.sheet, self.head, self.cols = sheet, found[0], found[1]
        self.findings, self.year = findings, year
        self.missing = tuple(c for c in columns if c not in self.cols)
        for column in self.missing:
            if column not in optional:
                findings.append(finding("config-column-missing", Location(sheet.file, sheet.name),
                                        value=column, detail=f" (dòng {self.head + 1})", year=year))
        self.key = next(c for c in columns if c in self.cols)

    def __iter__(self):
        column = self.cols[self.key]
        for index in range(self.head + 1, len(self.sheet.rows)):
            if not blank(self.sheet.value(index, column)):
                yield index

    def cell(self, row: int, column: str) -> Cell:
        if column not in self.cols:        # a deleted column: empty, placed at its sheet only
            return Cell("", Location(self.sheet.file, self.sheet.name))
        return self.sheet.cell(row, self.cols[column])

    def text(self, row: int, column: str) -> str:
        value = self.sheet.value(row, self.cols[column]) if column in self.cols else ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return clean_text("" if value is None else str(value))[0]

    def lines(self, row: int, column: str) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.text(row, column).splitlines() if line.strip())

    def bad(self, row: int, column: str, detail: str) -> None:
        if column not in self.cols:
            return                         # said once, by config-column-missing
        cell = self.cell(row, column)
        self.findings.append(finding("config-invalid", cell.location, detail=detail,
                                     year=self.year))

    def number(self, row: int, column: str, required: bool = True) -> Decimal | None:
        cell = self.cell(row, column)
        try:
            value = parse_number(cell.value)
        except ValueParseError:
            value = None
        if value is None and (required or not cell.empty):
            self.bad(row, column, f"cột “{column}” cần một con số")
        return value

    def choice(self, row: int, column: str, enum):
        wanted = normalize_label(self.text(row, column))
        for member in enum:
            if normalize_label(member.value) == wanted:
                return member
        choices = ", ".join(m.value for m in enum)
        self.bad(row, column, f"cột “{column}” phải là một trong: {choices}")
        return None


def _best_header(sheet: Sheet, columns: tuple[str, ...]) -> tuple[int, dict[str, int]] | None:
    """Return (row, {column: index}) of the row naming most of ``columns`` (at least two, or
    the only one), or None."""
    keys = {normalize_label(c): c for c in columns}
    best: tuple[int, dict[str, int]] | None = None
    for index in range(min(len(sheet.rows), TableRows.HEADER_ROWS)):
        named: dict[str, int] = {}
        for col, value in enumerate(sheet.rows[index]):
            label = keys.get(normalize_label(value)) if isinstance(value, str) else None
            if label is not None and label not in named:
                named[label] = col
        if named and (best is None or len(named) > len(best[1])):
            best = (index, named)
    if best is None or len(best[1]) < min(2, len(columns)):
        return None
    return best


def labelled_values(sheet: Sheet, labels: tuple[str, ...], findings: list[Finding],
                    year: int) -> dict[str, object]:
    """Return {label: value} of a sheet with labels in column A and values in column B; a
    missing label is a ``config-row-missing`` finding naming the file and sheet."""
    values = {}
    for label in labels:
        row = sheet.find(label)
        if row is None:
            findings.append(finding("config-row-missing", Location(sheet.file, sheet.name),
                                    value=label, detail=" (nhãn ở cột A, giá trị ở cột B)",
                                    year=year))
        else:
            values[label] = sheet.cell(row, 1).value
    return values


def config_sheet(folder: Path, file: str, name: str, required: bool = True) -> Sheet | None:
    """Return one sheet of a data file; stop with what is missing (None for an optional sheet)."""
    path = folder / file
    if not path.is_file():
        raise PipelineError(f"Không tìm thấy tệp cấu hình {path}. Chép tệp của năm vào "
                            f"thư mục {folder}/ (xem README).")
    sheet = _config_book(path, path.stat().st_mtime_ns).sheet(name)
    if sheet is None and required:
        raise PipelineError(f"Tệp cấu hình {path} thiếu trang tính “{name}”.")
    return sheet


@functools.lru_cache(maxsize=16)
def _config_book(path: Path, mtime: int) -> Workbook:
    """Read a data file once, however many of its sheets are asked for (mtime: re-read on edit)."""
    try:
        return open_workbook(path, f"{path.parent.name}/{path.name}")
    except PipelineError as error:
        raise PipelineError(f"Không đọc được tệp cấu hình {path}: {error}") from error


def read_directive(folder: Path, year: int, findings: list[Finding]) -> Directive:
    """Read the directive and its targets from chi_tieu.xlsx."""
    info = config_sheet(folder, TARGETS_FILE, "Chỉ thị")
    fields = labelled_values(info, DIRECTIVE_LABELS, findings, year)
    rows = TableRows(config_sheet(folder, TARGETS_FILE, "Chỉ tiêu"), TARGET_COLUMNS, findings, year)
    targets, seen = [], set()
    for index in rows:
        target = _target(rows, index)
        if target is None:
            continue
        if target.code in seen:
            rows.bad(index, "Mã", f"mã chỉ tiêu {target.code} bị trùng")
            continue
        seen.add(target.code)
        targets.append(target)
    title, reference = (str(fields.get(label) or "").strip() for label in DIRECTIVE_LABELS)
    return Directive(year=year, title=title, reference=reference, targets=tuple(targets))


def _target(rows: TableRows, i: int) -> Target | None:
    """Build one target from its row, or None (with findings) when a cell is wrong."""
    kind, group = rows.choice(i, "Loại chỉ tiêu", Kind), rows.choice(i, "Nhóm", Group)
    aggregation = rows.choice(i, "Cách tổng hợp", Aggregation)
    low, high = rows.number(i, "Giá trị (từ)"), rows.number(i, "Đến", required=False)
    decimals = _digits(rows, i, "Số chữ số thập phân", required=True)
    reported_decimals = _digits(rows, i, "Số chữ số thập phân số liệu báo cáo", required=False)
    year_end_only = yes_no(rows, i, "Chỉ đánh giá cuối năm")
    if None in (kind, group, aggregation, low, decimals, year_end_only) or (
            reported_decimals is None and rows.text(i, "Số chữ số thập phân số liệu báo cáo")):
        return None
    if high is not None and high < low:
        rows.bad(i, "Đến", "giá trị “Đến” nhỏ hơn “Giá trị (từ)”")
        return None
    if kind is Kind.BAND and high is None:
        rows.bad(i, "Đến", "chỉ tiêu Cơ cấu cần cả “Giá trị (từ)” và “Đến”")
        return None
    uom = rows.text(i, "Đơn vị tính")
    return Target(
        code=rows.text(i, "Mã").upper(), group=group, section=rows.text(i, "Mục"),
        wording=rows.text(i, "Nội dung theo Chỉ thị"),
        name=rows.text(i, "Tên ngắn") or rows.text(i, "Nội dung theo Chỉ thị"),
        unit_of_measure=uom, reported_unit=rows.text(i, "Đơn vị tính số liệu báo cáo") or uom,
        kind=kind, low=low, high=high, decimals=decimals,
        cumulative=normalize_label(rows.text(i, "Lũy kế trong năm")) in ("co", "x", "yes"),
        aggregation=aggregation,
        plausible_max=rows.number(i, "Giới hạn hợp lý (mỗi đơn vị)", required=False),
        year_end_only=year_end_only, reported_decimals=reported_decimals)


def _digits(rows: TableRows, i: int, column: str, required: bool) -> int | None:
    """Read a count of decimals (0 to 6); None (with a finding when wrong) otherwise."""
    value = rows.number(i, column, required=required)
    if value is None:
        return None
    if value != value.to_integral_value() or not 0 <= value <= 6:
        rows.bad(i, column, f"cột “{column}” ghi số nguyên từ 0 đến 6")
        return None
    return int(value)


def yes_no(rows: TableRows, i: int, column: str) -> bool | None:
    """Read a Có/Không cell (empty is Không); None with a finding when it is neither."""
    text = normalize_label(rows.text(i, column))
    if text in ("", "khong", "no", "0"):
        return False
    if text in ("co", "x", "yes", "1"):
        return True
    rows.bad(i, column, f"cột “{column}” ghi Có hoặc Không")
    return None


def read_registry(folder: Path, directive: Directive, findings: list[Finding]) -> tuple[Registry, dict[str, str]]:
    """Read units, clusters and the plans assigned to units from don_vi.xlsx.

    A target reported by one unit for the whole province ("Một đơn vị") listed under a
    second unit is a ``config-invalid`` error at that cell, and left out of the second unit.
    """
    year = directive.year
    rows = TableRows(config_sheet(folder, UNITS_FILE, "Cụm, khối"), CLUSTER_COLUMNS, findings, year)
    clusters = tuple(Cluster(code=rows.text(i, "Mã").upper(), name=rows.text(i, "Tên cụm, khối"),
                             kind=rows.text(i, "Loại") or "Cụm",
                             head=rows.text(i, "Trưởng cụm, khối").upper(),
                             deputy=rows.text(i, "Phó cụm, khối").upper()) for i in rows)
    cluster_codes = {c.code for c in clusters}
    rows = TableRows(config_sheet(folder, UNITS_FILE, "Đơn vị"), UNIT_COLUMNS, findings, year)
    units, short, owners, cells = [], {}, {}, {}
    for i in rows:
        code = rows.text(i, "Mã đơn vị").upper()
        codes = tuple(c.strip().upper() for c in rows.text(i, "Chỉ tiêu báo cáo").replace(";", ",").split(",") if c.strip())
        unknown = [c for c in codes if directive.target(c) is None]
        if unknown:
            rows.bad(i, "Chỉ tiêu báo cáo", f"mã chỉ tiêu {', '.join(unknown)} không có trong chi_tieu.xlsx")
        cluster = rows.text(i, "Cụm, khối").upper()
        if cluster and cluster not in cluster_codes:
            rows.bad(i, "Cụm, khối", f"mã cụm, khối {cluster} không có ở trang “Cụm, khối”")
        if code in short:
            rows.bad(i, "Mã đơn vị", f"mã đơn vị {code} bị trùng")
            continue
        kept = _one_reporter(rows, i, code, [c for c in codes if c not in unknown], directive,
                             owners)
        units.append(Unit(code=code, name=rows.text(i, "Tên đầy đủ"), kind=rows.text(i, "Loại"),
                          cluster=cluster, targets=kept))
        short[code] = rows.text(i, "Tên ngắn") or rows.text(i, "Tên đầy đủ")
        cells[code] = rows.cell(i, "Chỉ tiêu báo cáo")
    assignments = read_assignments(folder, directive, tuple(units), cells, findings)
    return Registry(units=tuple(units), clusters=clusters, assignments=assignments), short


def _one_reporter(rows: TableRows, i: int, unit: str, codes: list[str], directive: Directive,
                  owners: dict[str, str]) -> tuple[str, ...]:
    """Keep the unit's targets, except a one-reporter target another unit already reports."""
    kept, taken = [], []
    for code in codes:
        if directive.target(code).aggregation is Aggregation.SINGLE:
            if code in owners:
                taken.append(code)
                continue
            owners[code] = unit
        kept.append(code)
    if taken:
        first = ", ".join(f"{c} đã giao cho {owners[c]}" for c in taken)
        rows.bad(i, "Chỉ tiêu báo cáo",
                 f"chỉ tiêu do một đơn vị báo cáo số của cả tỉnh (Cách tổng hợp “Một đơn vị”) "
                 f"chỉ giao cho một đơn vị: {first}; xóa mã này ở đơn vị {unit}, hoặc đổi Cách "
                 f"tổng hợp trong chi_tieu.xlsx thành “Cộng các đơn vị”")
    return tuple(kept)


def needs_own_plan(target: Target) -> bool:
    """Return True when each reporter needs its own plan: a quantity the units' figures add up to
    (a rate, a change against last year or a band is the same plan for every unit)."""
    return (target.aggregation is Aggregation.SUM and not target.kind.against_last_year
            and target.kind is not Kind.BAND and target.reported_unit != "%")


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


def read_assignments(folder: Path, directive: Directive, units: tuple[Unit, ...],
                     cells: dict[str, Cell], findings: list[Finding]) -> tuple[Assignment, ...]:
    """Read the plans the province assigned to each unit (don_vi.xlsx, sheet "Kế hoạch giao").

    Every reporter of a summed quantity needs its own plan: ``config-plan-missing`` names the
    unit's cell otherwise, and the unit is not scored on that target.
    """
    year, by_code = directive.year, {u.code: u for u in units}
    sheet = config_sheet(folder, UNITS_FILE, PLANS_SHEET, required=False)
    assignments: dict[tuple[str, str], Assignment] = {}
    if sheet is not None:
        rows = TableRows(sheet, PLAN_COLUMNS, findings, year, optional=("Đến", "Ghi chú"))
        for i in rows:
            item = _assignment(rows, i, directive, by_code)
            if item is None:
                continue
            if (item.unit, item.target) in assignments:
                rows.bad(i, "Mã chỉ tiêu", f"đơn vị {item.unit}, chỉ tiêu {item.target} ghi hai lần")
                continue
            assignments[item.unit, item.target] = item
    for target in directive.targets:
        if needs_own_plan(target):
            _check_plans(target, units, assignments, cells, findings, year)
    return tuple(assignments.values())


def _assignment(rows: TableRows, i: int, directive: Directive,
                units: dict[str, Unit]) -> Assignment | None:
    """Build one unit's plan from its row, or None (with findings) when a cell is wrong."""
    unit, code = rows.text(i, "Mã đơn vị").upper(), rows.text(i, "Mã chỉ tiêu").upper()
    if unit not in units:
        rows.bad(i, "Mã đơn vị", f"mã đơn vị {unit} không có ở trang “Đơn vị”")
        return None
    if code not in units[unit].targets:
        rows.bad(i, "Mã chỉ tiêu", f"đơn vị {unit} không được giao báo cáo chỉ tiêu {code} "
                                   f"(cột “Chỉ tiêu báo cáo” ở trang “Đơn vị”)")
        return None
    low, high = rows.number(i, PLAN_LOW, required=False), rows.number(i, "Đến", required=False)
    scored = yes_no(rows, i, "Tính điểm") if rows.text(i, "Tính điểm") else True
    if scored is None or (rows.text(i, PLAN_LOW) and low is None) or (
            rows.text(i, "Đến") and high is None):
        return None
    if high is not None and (low is None or high < low):
        rows.bad(i, "Đến", "“Đến” cần “Kế hoạch giao (từ)” và không nhỏ hơn nó")
        return None
    if low is not None and low < 0:
        rows.bad(i, PLAN_LOW, "kế hoạch giao không âm")
        return None
    if directive.target(code).kind is Kind.BAND and low is not None and high is None:
        rows.bad(i, "Đến", "chỉ tiêu Cơ cấu cần cả “Kế hoạch giao (từ)” và “Đến”")
        return None
    return Assignment(unit, code, low, high, scored, rows.cell(i, PLAN_LOW).location)


def _check_plans(target: Target, units: tuple[Unit, ...], assignments: dict, cells: dict,
                 findings: list[Finding], year: int) -> None:
    """Warn of each reporter of a summed quantity without a plan of its own."""
    for unit in units:
        own = assignments.get((unit.code, target.code))
        if target.code in unit.targets and (own is None or (own.scored and own.low is None)):
            findings.append(finding("config-plan-missing", cells[unit.code].location, unit.code,
                                    value=target.code, year=year))


def read_settings(folder: Path, year: int, findings: list[Finding]) -> Settings:
    """Read document details, signers and the secretariat's texts from van_ban.xlsx."""
    signers = _signers(folder, findings, year)
    rows = TableRows(config_sheet(folder, DOCUMENTS_FILE, "Văn bản"), DOC_COLUMNS, findings, year)
    documents = []
    for i in rows:
        period = _period(rows, i, required=False)
        number = rows.number(i, "Số", required=False)
        date_cell = rows.cell(i, "Ngày")
        try:
            date = parse_date(date_cell.value)
        except ValueParseError:
            rows.bad(i, "Ngày", "ngày ghi theo dạng ngày/tháng/năm, ví dụ 05/01/2025")
            date = None
        documents.append(DocumentInfo(
            document=rows.text(i, "Văn bản"), period=period,
            parent_agency=rows.text(i, "Cơ quan chủ quản").upper(),
            agency=rows.text(i, "Cơ quan ban hành").upper(),
            agency_name=rows.text(i, "Tên cơ quan ban hành (chữ thường)"),
            number=None if number is None else int(number), symbol=rows.text(i, "Ký hiệu"),
            place=rows.text(i, "Địa danh"), date=date, addressees=rows.lines(i, "Kính gửi"),
            recipients=rows.lines(i, "Nơi nhận"), signer_lines=_signer_lines(rows, i, signers),
            signer_name=rows.text(i, "Người ký"),
            cells=tuple((c, rows.cell(i, c).location) for c in ("Văn bản", "Số", "Ngày", "Người ký"))))
    rows = TableRows(config_sheet(folder, DOCUMENTS_FILE, "Nội dung chung"), TEXT_COLUMNS, findings, year)
    texts, text_cells = [], []
    for i in rows:
        period = _period(rows, i, required=True)
        if period is not None and rows.text(i, "Mục"):
            text_cells.append((period, rows.text(i, "Mục"), rows.cell(i, "Nội dung").location))
        if period is not None and rows.text(i, "Nội dung"):
            texts.append((period, rows.text(i, "Mục"), rows.text(i, "Nội dung")))
    bases = _bases(folder, findings, year)
    return Settings(documents=tuple(documents), texts=tuple(texts),
                    bases=tuple((name, text) for name, text, _ in bases),
                    forms=tuple(_form_terms(folder, findings, year)),
                    text_cells=tuple(text_cells), basis_cells=tuple(bases),
                    signers=tuple(signers))


def _signers(folder: Path, findings: list[Finding], year: int) -> list[Signer]:
    """Read the one signer table: each person with the one position they sign in."""
    rows = _optional_rows(folder, "Người ký", SIGNER_COLUMNS, findings, year)
    signers = []
    for i in rows or ():
        position = " ".join(rows.text(i, "Chức vụ").upper().split())
        if not position:
            rows.bad(i, "Chức vụ", "ghi chức vụ của người ký, ví dụ GIÁM ĐỐC hoặc PHÓ GIÁM ĐỐC")
            continue
        example = normalize_label(rows.text(i, "Tên ví dụ")) in ("co", "x", "yes")
        signers.append(Signer(rows.text(i, "Người ký"), position, example,
                              rows.cell(i, "Người ký").location))
    return signers


def _signer_lines(rows: TableRows, i: int, signers: list[Signer]) -> tuple[str, ...]:
    """Return a document's signature lines from the signer table; lines typed on the row that
    differ from the table are a ``signer-mismatch`` warning (the table wins)."""
    typed = tuple(" ".join(line.upper().split())
                  for line in rows.lines(i, "Quyền hạn, chức vụ người ký"))
    name = rows.text(i, "Người ký")
    signer = next((s for s in signers if s.name == name), None)
    if not name:
        rows.findings.append(finding("signer-mismatch", rows.cell(i, "Người ký").location,
                                     year=rows.year, detail="chưa ghi tên người ký"))
        return typed
    if signer is None:
        if signers:
            rows.findings.append(finding(
                "signer-mismatch", rows.cell(i, "Người ký").location, year=rows.year,
                detail=f"“{name}” không có ở trang “Người ký”; dùng quyền hạn, chức vụ ghi ở dòng này"))
        return typed
    if typed and typed != signer.lines:
        rows.findings.append(finding(
            "signer-mismatch", rows.cell(i, "Quyền hạn, chức vụ người ký").location, year=rows.year,
            detail=f"dòng này ghi “{' / '.join(typed)}” nhưng trang “Người ký” ghi {name} là "
                   f"{signer.position} (ký “{' / '.join(signer.lines)}”); dùng theo trang “Người ký”"))
    return signer.lines


def _optional_rows(folder: Path, sheet: str, columns: tuple[str, ...], findings: list[Finding],
                   year: int) -> TableRows | None:
    """Return the rows of an optional sheet of van_ban.xlsx, or None when it is absent."""
    found = config_sheet(folder, DOCUMENTS_FILE, sheet, required=False)
    return None if found is None else TableRows(found, columns, findings, year)


def _bases(folder: Path, findings: list[Finding], year: int) -> list[tuple[str, str, Location]]:
    """Read the legal bases printed at the head of the Tờ trình and the Quyết định."""
    rows = _optional_rows(folder, "Căn cứ", BASIS_COLUMNS, findings, year)
    return [(rows.text(i, "Văn bản"), rows.text(i, "Căn cứ"), rows.cell(i, "Căn cứ").location)
            for i in rows if rows.text(i, "Căn cứ")] if rows else []


def directive_reference_cell(folder: Path) -> Location:
    """Return the cell of the directive's number and date (chi_tieu.xlsx, sheet "Chỉ thị")."""
    sheet = config_sheet(folder, TARGETS_FILE, "Chỉ thị")
    row = sheet.find("Số, ngày")
    return sheet.cell(row, 1).location if row is not None else Location(sheet.file, sheet.name)


def _form_terms(folder: Path, findings: list[Finding], year: int) -> list:
    """Read each period's deadline and address for the forms sent to units."""
    rows = _optional_rows(folder, "Biểu mẫu", FORM_COLUMNS, findings, year)
    terms = []
    for i in rows or ():
        period = _period(rows, i, required=True)
        try:
            deadline = parse_date(rows.cell(i, "Hạn gửi").value)
        except ValueParseError:
            rows.bad(i, "Hạn gửi", "ngày ghi theo dạng ngày/tháng/năm, ví dụ 25/06/2024")
            deadline = None
        if period is not None:
            terms.append((period, deadline, rows.text(i, "Nơi gửi")))
    return terms


def _period(rows: TableRows, i: int, required: bool) -> Period | None:
    cell = rows.cell(i, "Kỳ")
    if cell.empty and not required:
        return None
    period = parse_period(cell.value)
    if period is None:
        rows.bad(i, "Kỳ", "kỳ phải là Quý I, 6 tháng, 9 tháng hoặc Cả năm")
    return period


def load(config_root: Path, year: int) -> Config:
    """Read every data file of a year from ``config_root/<year>/``; warn about cells that
    belong to another year (a folder copied from last year and not yet edited)."""
    folder = config_root / str(year)
    if not folder.is_dir():
        known = config_years(config_root)
        have = f" Các năm đã có: {', '.join(map(str, known))}." if known else ""
        raise PipelineError(f"Không có thư mục cấu hình {folder} cho năm {year}. Tạo thư mục "
                            f"này và chép các tệp chi_tieu.xlsx, don_vi.xlsx, van_ban.xlsx vào."
                            + have)
    return kept_config(folder, lambda: _read_year(folder, year))    # unchanged: from the cache


def _read_year(folder: Path, year: int) -> Config:
    """Read the data files of ``folder`` for ``year``."""
    findings: list[Finding] = year_warnings(folder, year)
    directive = read_directive(folder, year, findings)
    if not directive.targets:
        _no_targets(findings)
    registry, short = read_registry(folder, directive, findings)
    settings = read_settings(folder, year, findings)
    return Config(directive, registry, settings, short, tuple(findings))


def _no_targets(findings: list[Finding]) -> None:
    """Stop when not one target could be read: every document would be about nothing, and
    each unit's list of targets would be reported as unknown."""
    why = [f for f in findings if f.location.file.endswith(TARGETS_FILE)
           and f.severity is Severity.ERROR][:3]
    detail = "".join(f"\n  - {f.location}: {f.message} → {f.fix}" for f in why)
    raise PipelineError(f"Không đọc được chỉ tiêu nào trong {TARGETS_FILE}, nên không kiểm tra "
                        f"và không lập được văn bản nào.{detail or ' Trang “Chỉ tiêu” trống.'}")


# --------------------------------------------------------------------------- the year
def config_years(config_root: Path) -> list[int]:
    """Return the years that have a data folder ``config_root/<year>/`` with chi_tieu.xlsx."""
    if not config_root.is_dir():
        return []
    return sorted(int(p.name) for p in config_root.iterdir()
                  if p.name.isdigit() and len(p.name) == 4 and (p / TARGETS_FILE).is_file())


def default_year(config_root: Path) -> int:
    """Return the newest year of ``config_root``: the year a run is for unless told."""
    years = config_years(config_root)
    if not years:
        raise PipelineError(f"Thư mục {config_root} chưa có cấu hình của năm nào: cần thư mục "
                            f"{config_root}/<năm>/ (ví dụ {config_root}/2025/) chứa chi_tieu.xlsx, "
                            "don_vi.xlsx, van_ban.xlsx.")
    return years[-1]


_YEAR_IN_TEXT = re.compile(r"\bnăm\s+(\d{4})\b", re.IGNORECASE)
_ACT_DATE = re.compile(r"tháng\s+\d{1,2}\s+$")


def year_warnings(folder: Path, year: int) -> list[Finding]:
    """Return a ``config-other-year`` warning for each cell of ``folder`` that names another
    year: the Năm and the title of the directive, the documents' dates (year-end documents
    may be dated early next year), the forms' deadlines, the secretariat's paragraphs."""
    found: list[Finding] = []

    def warn(cell: Cell, shown: str, other: int) -> None:
        found.append(finding("config-other-year", cell.location, value=shown, detail=other,
                             year=year))
    try:
        _directive_year(folder, year, warn)
        _dates_year(folder, year, warn)
        _texts_year(folder, year, warn)
    except PipelineError:
        pass                             # a missing sheet or file is reported by the readers
    return found


def _directive_year(folder: Path, year: int, warn) -> None:
    """Check the directive's Năm and the year its title names."""
    sheet = config_sheet(folder, TARGETS_FILE, "Chỉ thị")
    for label in ("Năm", "Tên Chỉ thị"):
        row = sheet.find(label)
        if row is None:
            continue
        cell = sheet.cell(row, 1)
        if label == "Năm":
            written = parse_year(cell.value)
            if written is not None and written != year:
                warn(cell, str(written), written)
        else:
            _text_years(cell, {year}, warn)


def _dates_year(folder: Path, year: int, warn) -> None:
    """Check the documents' dates and the forms' deadlines."""
    sheets = ((DOCUMENTS_FILE, "Văn bản", DOC_COLUMNS, "Ngày"),
              (DOCUMENTS_FILE, "Biểu mẫu", FORM_COLUMNS, "Hạn gửi"))
    for file, name, columns, column in sheets:
        sheet = config_sheet(folder, file, name, required=False)
        if sheet is None:
            continue
        rows = TableRows(sheet, columns, [], year)
        for i in rows:
            cell = rows.cell(i, column)
            try:
                date = parse_date(cell.value)
            except ValueParseError:
                continue                     # reported by read_settings
            period = parse_period(rows.cell(i, "Kỳ").value)
            allowed = {year} if period is not None and period.in_year else {year, year + 1}
            if date is not None and date.year not in allowed:
                warn(cell, f"{date.day:02d}/{date.month:02d}/{date.year}", date.year)


def _texts_year(folder: Path, year: int, warn) -> None:
    """Check the secretariat's paragraphs for "năm <last year>" left from a copied folder."""
    sheet = config_sheet(folder, DOCUMENTS_FILE, "Nội dung chung", required=False)
    if sheet is None:
        return
    rows = TableRows(sheet, TEXT_COLUMNS, [], year)
    for i in rows:
        _text_years(rows.cell(i, "Nội dung"), {year, year + 1}, warn, only=year - 1)


def _text_years(cell: Cell, allowed: set[int], warn, only: int | None = None) -> None:
    """Warn once for a text cell naming "năm N" with N not allowed (or N == ``only``)."""
    text = "" if cell.value is None else str(cell.value)
    for match in _YEAR_IN_TEXT.finditer(text):
        if _ACT_DATE.search(text, 0, match.start()):
            continue                   # "ngày 31 tháng 12 năm 2023": the date of an act, not the year's
        other = int(match[1])
        if other not in allowed and (only is None or other == only):
            warn(cell, match[0], other)
            return
