"""The year's scoring data: criteria and titles, from ``config/<year>/cham_diem.xlsx``.

A data file the secretariat edits, read like the other data files (``config``): a bad cell is
a ``config-invalid`` finding with its cell and the row is left out; a missing file or sheet,
or no usable criterion, stops the run (PipelineError). Scoring itself is ``score``.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from pathlib import Path

from .config import TableRows, config_sheet, yes_no
from .errors import PipelineError
from .model import Criterion, Finding

SCORING_FILE = "cham_diem.xlsx"
CRITERIA_SHEET, TITLES_SHEET = "Tiêu chí", "Danh hiệu"
CRITERIA_COLUMNS = ("Mã tiêu chí", "Nhóm", "Tiêu chí", "Điểm tối đa", "Loại",
                    "Tính từ kết quả chỉ tiêu", "Loại trừ danh hiệu Cờ")
TITLE_FLAGS = ("Không có chỉ tiêu không đạt", "Có chỉ tiêu vượt", "Không bị trừ điểm loại trừ",
               "Phải đứng đầu cụm, khối")
TITLE_COLUMNS = ("Danh hiệu", "Số lượng mỗi cụm, khối", "Điểm tối thiểu") + TITLE_FLAGS

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


def _criterion(rows: TableRows, i: int,
               seen: dict) -> tuple[Criterion, CriterionKind, bool, bool] | None:
    """Build one criterion with its kind and flags, or None (with findings) when wrong."""
    c_code, c_group, c_name, c_max, c_kind, c_computed, c_disq = CRITERIA_COLUMNS
    code = rows.text(i, c_code).upper()
    kind, points = rows.choice(i, c_kind, CriterionKind), rows.number(i, c_max)
    computed, disqualifying = yes_no(rows, i, c_computed), yes_no(rows, i, c_disq)
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
    flags = [yes_no(rows, i, column) for column in TITLE_FLAGS]
    if quota is None or minimum is None or None in flags:
        return None
    if quota < 0 or quota != quota.to_integral_value():
        rows.bad(i, TITLE_COLUMNS[1], "số lượng là số nguyên không âm")
        return None
    return Title(rows.text(i, TITLE_COLUMNS[0]), int(quota), minimum, *flags)
