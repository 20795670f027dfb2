"""Read the year's data files in ``config/<year>/``: targets, units, document details.

These are Excel files the secretariat edits. A bad row becomes a ``config-invalid``
finding with its cell and is left out; a missing file or sheet stops the run
(PipelineError), because no document can be right without it.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .errors import PipelineError
from .findings import finding
from .model import (Aggregation, Cluster, Directive, DocumentInfo, Finding, Group, Kind,
                    Location, Period, Registry, Settings, Target, Unit)
from .read import Cell, Sheet, Workbook, open_workbook
from .values import ValueParseError, clean_text, normalize_label, parse_date, parse_number, parse_period

TARGETS_FILE = "chi_tieu.xlsx"
UNITS_FILE = "don_vi.xlsx"
DOCUMENTS_FILE = "van_ban.xlsx"

TARGET_COLUMNS = ("Mã", "Nhóm", "Mục", "Nội dung theo Chỉ thị", "Tên ngắn", "Đơn vị tính",
                  "Đơn vị tính số liệu báo cáo", "Loại chỉ tiêu", "Giá trị (từ)", "Đến",
                  "Số chữ số thập phân", "Lũy kế trong năm", "Cách tổng hợp",
                  "Giới hạn hợp lý (mỗi đơn vị)")
UNIT_COLUMNS = ("Mã đơn vị", "Tên đầy đủ", "Tên ngắn", "Loại", "Cụm, khối", "Chỉ tiêu báo cáo")
CLUSTER_COLUMNS = ("Mã", "Tên cụm, khối", "Loại", "Trưởng cụm, khối", "Phó cụm, khối")
DOC_COLUMNS = ("Văn bản", "Kỳ", "Cơ quan chủ quản", "Cơ quan ban hành",
               "Tên cơ quan ban hành (chữ thường)", "Số", "Ký hiệu", "Địa danh", "Ngày",
               "Kính gửi", "Nơi nhận", "Quyền hạn, chức vụ người ký", "Người ký")
TEXT_COLUMNS = ("Kỳ", "Mục", "Nội dung")
DIRECTIVE_LABELS = ("Tên chỉ thị", "Số, ngày")
BASIS_COLUMNS = ("Văn bản", "Căn cứ")
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
        for index in range(self.head + 1, len(self.sheet.rows)):
            if not self.cell(index, self.key).empty:
                yield index

    def cell(self, row: int, column: str) -> Cell:
        if column not in self.cols:        # a deleted column: empty, placed at its sheet only
            return Cell("", Location(self.sheet.file, self.sheet.name))
        return self.sheet.cell(row, self.cols[column])

    def text(self, row: int, column: str) -> str:
        value = self.cell(row, column).value
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
    fields = {normalize_label(str(r[0])): r[1] for r in info.rows if len(r) > 1 and r[0]}
    labelled_values(info, DIRECTIVE_LABELS, findings, year)
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
    return Directive(year=year, title=str(fields.get("ten chi thi", "")).strip(),
                     reference=str(fields.get("so, ngay", "") or "").strip(),
                     targets=tuple(targets))


def _target(rows: TableRows, i: int) -> Target | None:
    """Build one target from its row, or None (with findings) when a cell is wrong."""
    kind, group = rows.choice(i, "Loại chỉ tiêu", Kind), rows.choice(i, "Nhóm", Group)
    aggregation = rows.choice(i, "Cách tổng hợp", Aggregation)
    low, high = rows.number(i, "Giá trị (từ)"), rows.number(i, "Đến", required=False)
    decimals = rows.number(i, "Số chữ số thập phân")
    if None in (kind, group, aggregation, low, decimals):
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
        kind=kind, low=low, high=high, decimals=int(decimals),
        cumulative=normalize_label(rows.text(i, "Lũy kế trong năm")) in ("co", "x", "yes"),
        aggregation=aggregation,
        plausible_max=rows.number(i, "Giới hạn hợp lý (mỗi đơn vị)", required=False))


def read_registry(folder: Path, directive: Directive, findings: list[Finding]) -> tuple[Registry, dict[str, str]]:
    """Read units and clusters from don_vi.xlsx; return the registry and short names."""
    year = directive.year
    rows = TableRows(config_sheet(folder, UNITS_FILE, "Cụm, khối"), CLUSTER_COLUMNS, findings, year)
    clusters = tuple(Cluster(code=rows.text(i, "Mã").upper(), name=rows.text(i, "Tên cụm, khối"),
                             kind=rows.text(i, "Loại") or "Cụm",
                             head=rows.text(i, "Trưởng cụm, khối").upper(),
                             deputy=rows.text(i, "Phó cụm, khối").upper()) for i in rows)
    cluster_codes = {c.code for c in clusters}
    rows = TableRows(config_sheet(folder, UNITS_FILE, "Đơn vị"), UNIT_COLUMNS, findings, year)
    units, short = [], {}
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
        units.append(Unit(code=code, name=rows.text(i, "Tên đầy đủ"), kind=rows.text(i, "Loại"),
                          cluster=cluster, targets=tuple(c for c in codes if c not in unknown)))
        short[code] = rows.text(i, "Tên ngắn") or rows.text(i, "Tên đầy đủ")
    return Registry(units=tuple(units), clusters=clusters), short


def read_settings(folder: Path, year: int, findings: list[Finding]) -> Settings:
    """Read document details and the secretariat's texts from van_ban.xlsx."""
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
            recipients=rows.lines(i, "Nơi nhận"),
            signer_lines=tuple(line.upper() for line in rows.lines(i, "Quyền hạn, chức vụ người ký")),
            signer_name=rows.text(i, "Người ký")))
    rows = TableRows(config_sheet(folder, DOCUMENTS_FILE, "Nội dung chung"), TEXT_COLUMNS, findings, year)
    texts = []
    for i in rows:
        period = _period(rows, i, required=True)
        if period is not None and rows.text(i, "Nội dung"):
            texts.append((period, rows.text(i, "Mục"), rows.text(i, "Nội dung")))
    return Settings(documents=tuple(documents), texts=tuple(texts),
                    bases=tuple(_bases(folder, findings, year)),
                    forms=tuple(_form_terms(folder, findings, year)))


def _optional_rows(folder: Path, sheet: str, columns: tuple[str, ...], findings: list[Finding],
                   year: int) -> TableRows | None:
    """Return the rows of an optional sheet of van_ban.xlsx, or None when it is absent."""
    found = config_sheet(folder, DOCUMENTS_FILE, sheet, required=False)
    return None if found is None else TableRows(found, columns, findings, year)


def _bases(folder: Path, findings: list[Finding], year: int) -> list[tuple[str, str]]:
    """Read the legal bases printed at the head of the Tờ trình and the Quyết định."""
    rows = _optional_rows(folder, "Căn cứ", BASIS_COLUMNS, findings, year)
    return [(rows.text(i, "Văn bản"), rows.text(i, "Căn cứ")) for i in rows
            if rows.text(i, "Căn cứ")] if rows else []


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
    """Read every data file of a year from ``config_root/<year>/``."""
    folder = config_root / str(year)
    if not folder.is_dir():
        raise PipelineError(f"Không có thư mục cấu hình {folder} cho năm {year}. Tạo thư mục "
                            f"này và chép các tệp chi_tieu.xlsx, don_vi.xlsx, van_ban.xlsx vào.")
    findings: list[Finding] = []
    directive = read_directive(folder, year, findings)
    registry, short = read_registry(folder, directive, findings)
    settings = read_settings(folder, year, findings)
    return Config(directive, registry, settings, short, tuple(findings))
