"""The layout of the unit workbook (the form units fill in), shared by writer and reader.

The reader finds labels and column headers by their text (case, accents and spacing
normalised), so extra rows or columns a unit adds do not break it. Positions below are
where the form generator puts things.
"""
from __future__ import annotations

FORM_VERSION = "TDKT-FORM-1"          # written in the hidden sheet; bump on layout change
SUPPORTED_VERSIONS = (FORM_VERSION,)

SHEET_GUIDE = "Hướng dẫn"
SHEET_INFO = "Thông tin"
SHEET_TARGETS = "Chỉ tiêu"
SHEET_TEXTS = "Nội dung"
SHEET_SCORES = "Tự chấm điểm"
SHEET_META = "_meta"                  # hidden: form version and generation stamp

# Thông tin: label in column A, value in column B.
INFO_UNIT_CODE = "Mã đơn vị"
INFO_UNIT_NAME = "Tên đơn vị"
INFO_PERIOD = "Kỳ báo cáo"
INFO_YEAR = "Năm"
INFO_PREPARED_BY = "Người lập"
INFO_PREPARED_ON = "Ngày lập"
INFO_PHONE = "Điện thoại"
INFO_LABELS = (INFO_UNIT_CODE, INFO_UNIT_NAME, INFO_PERIOD, INFO_YEAR,
               INFO_PREPARED_BY, INFO_PREPARED_ON, INFO_PHONE)
INFO_FIRST_ROW = 4

# Chỉ tiêu: a header row, then one row per target.
COL_CODE = "Mã chỉ tiêu"
COL_WORDING = "Chỉ tiêu"
COL_UOM = "Đơn vị tính"
COL_PLAN = "Kế hoạch năm"
COL_VALUE = "Thực hiện lũy kế đến hết kỳ"
COL_LAST_YEAR = "Cùng kỳ năm trước"
COL_NOTE = "Ghi chú, nguồn số liệu"
TARGET_COLUMNS = (COL_CODE, COL_WORDING, COL_UOM, COL_PLAN, COL_VALUE, COL_LAST_YEAR, COL_NOTE)
TARGET_HEADER_ROW = 4

# Nội dung: label in column A, text in column B (one item per line).
TEXT_HIGHLIGHTS = "Kết quả nổi bật"
TEXT_MODELS = "Mô hình mới, điển hình tiên tiến"
TEXT_SHORTCOMINGS = "Tồn tại, hạn chế"
TEXT_PROPOSALS = "Kiến nghị, đề xuất"
TEXT_LABELS = (TEXT_HIGHLIGHTS, TEXT_MODELS, TEXT_SHORTCOMINGS, TEXT_PROPOSALS)
TEXT_FIRST_ROW = 4

# Tự chấm điểm (year end): a header row, then one row per criterion.
COL_CRITERION = "Mã tiêu chí"
COL_CRITERION_NAME = "Tiêu chí"
COL_MAX_POINTS = "Điểm tối đa"
COL_SELF_POINTS = "Điểm tự chấm"
COL_EXPLANATION = "Giải trình"
SCORE_COLUMNS = (COL_CRITERION, COL_CRITERION_NAME, COL_MAX_POINTS, COL_SELF_POINTS,
                 COL_EXPLANATION)
SCORE_HEADER_ROW = 4

META_VERSION_CELL = "B1"

# The cluster/block head's scoring workbook: labels in column A, then a long-format table.
CLUSTER_SHEET = "Chấm điểm cụm, khối"
CLUSTER_LABEL = "Mã cụm, khối"
CLUSTER_YEAR_LABEL = "Năm"
CLUSTER_COLUMNS = ("Mã đơn vị", "Mã tiêu chí", "Điểm")
