"""Make SAMPLE unit workbooks: filled forms with invented, realistic figures.

Everything written here is labelled "DỮ LIỆU MẪU" (in the form, its hidden sheet and the
documents made from it): it exercises the pipeline and is never a real result. Figures are
drawn from a seeded generator around each target's plan, so that the verdicts are mixed.
"""
from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from . import layout
from .config import own_target
from .formatting import rounded
from .forms import FormFill
from .model import Aggregation, Criterion, Directive, Kind, Period, Registry, Target, Unit

# Prepared a few days before the deadlines of van_ban.xlsx (sheet "Biểu mẫu"); one sample unit
# sends its 6-month report late, so that the status board shows "gửi sau hạn".
PERIOD_DATES = {Period.Q1: (3, 20), Period.H1: (6, 20), Period.M9: (9, 20), Period.YEAR: (12, 10)}
LATE = {("H05", Period.H1): (6, 28)}
PEOPLE = ("Hoàng Thị Lan", "Nông Văn Hải", "Lành Thị Mai", "Vi Văn Tuấn", "Lương Thị Thu",
          "Hà Văn Dũng", "Chu Thị Hằng", "Mông Văn Khánh")
# Sample short texts by kind of unit: (highlights, models, shortcomings, proposals), each a
# list to draw from, so that the compiled documents read like many units, not one.
TEXTS = {
    "Huyện, thành phố": (
        ["Ra mắt xã đạt chuẩn nông thôn mới; hoàn thành kế hoạch trồng rừng vụ xuân.",
         "Giải ngân vốn đầu tư công đạt cao so với cùng kỳ; hoàn thành bê tông hóa đường thôn.",
         "Tổ chức thành công lễ hội văn hóa truyền thống, thu hút đông du khách.",
         "Hoàn thành sớm chỉ tiêu tuyển quân; giữ vững an ninh trật tự khu vực biên giới."],
        ["Mô hình “Chính quyền thân thiện” ở cấp xã được nhân rộng.",
         "Mô hình trồng hồi, quế gắn với chế biến sâu tại hợp tác xã.",
         "Mô hình “Khu dân cư không có tội phạm” ở các thôn vùng cao.",
         "Mô hình chuyển đổi số trong thanh toán học phí, viện phí."],
        ["Tiến độ giải phóng mặt bằng một số dự án còn chậm.",
         "Thu ngân sách từ đất đạt thấp so với dự toán.",
         "Tỷ lệ hộ nghèo ở các xã vùng cao còn cao."],
        ["Đề nghị tỉnh hỗ trợ vốn xây dựng nhà văn hóa thôn.",
         "Đề nghị tỉnh sớm phân bổ vốn Chương trình mục tiêu quốc gia.",
         "Đề nghị tăng cường hỗ trợ giống cây trồng cho vùng khó khăn."]),
    "Sở, ban, ngành": (
        ["Hoàn thành đúng hạn các nhiệm vụ được UBND tỉnh giao.",
         "Tỷ lệ hồ sơ thủ tục hành chính giải quyết trước hạn đạt cao.",
         "Tham mưu ban hành kịp thời các văn bản chỉ đạo của tỉnh thuộc lĩnh vực.",
         "Hoàn thành số hóa hồ sơ, kết quả giải quyết thủ tục hành chính."],
        ["Mô hình “Cơ quan số” ứng dụng chữ ký số trong 100% văn bản đi.",
         "Mô hình “Cà phê doanh nhân” đối thoại với doanh nghiệp hằng tháng.",
         "Mô hình “Mỗi cán bộ một sáng kiến” trong cải cách hành chính."],
        ["Một số nhiệm vụ chuyên môn còn chậm so với kế hoạch.",
         "Biên chế còn thiếu so với khối lượng công việc.",
         "Việc cập nhật cơ sở dữ liệu chuyên ngành chưa đồng bộ."],
        ["Đề nghị bổ sung biên chế cho bộ phận chuyên môn.",
         "Đề nghị bố trí kinh phí nâng cấp hạ tầng công nghệ thông tin."]),
}


# Yearly figures last year for targets judged against last year (sample only).
BASES = {"KT09": 600, "XH13": 320, "XH14": 150, "XH15": 280, "XH16": 700}
# Where a target ends within its plan: 0 misses it, 1 exceeds it, between meets it.
POSITIONS = (0.0, 0.35, 0.5, 0.65, 1.0)


def _position(target: Target, seed: int) -> Decimal:
    """Return where the province ends against this target (the same for every unit)."""
    return Decimal(str(random.Random(f"{seed}-{target.code}").choice(POSITIONS)))


def _judged(target: Target, position: Decimal) -> Decimal:
    """Return the judged figure at a position: below the plan at 0, above it at 1."""
    top = target.high if target.high is not None else target.low
    margin = max((top - target.low) / 2, target.low * Decimal("0.03"), Decimal("0.2"))
    return target.low - margin + (top - target.low + 2 * margin) * position


def _unit_count(target: Target, unit: Unit, registry: Registry, total: int) -> int:
    """Share a province count among the reporters: the first ones get one more."""
    reporters = [u.code for u in registry.reporters(target.code)] or [unit.code]
    index = reporters.index(unit.code) if unit.code in reporters else 0
    base, extra = divmod(total, len(reporters))
    return base + (1 if index < extra else 0)


def sample_figures(target: Target, unit: Unit, period: Period, registry: Registry,
                   seed: int) -> tuple[Decimal, Decimal]:
    """Return (cumulative value, same period last year) for one unit, target and period.

    Cumulative figures grow with the months elapsed, so they never go down between periods.
    """
    rng = random.Random(f"{seed}-{target.code}-{unit.code}")
    wobble = Decimal(str(round(rng.uniform(-0.04, 0.04), 4)))
    elapsed = Decimal(period.months) / 12
    judged = _judged(target, _position(target, seed))
    reporters = max(1, len(registry.reporters(target.code)))
    share = Decimal(1) if target.aggregation is Aggregation.SINGLE else Decimal(1) / reporters
    if target.kind in (Kind.GROWTH, Kind.REDUCTION):
        last = Decimal(BASES.get(target.code, 500)) * elapsed * share * (1 + wobble)
        sign = -1 if target.kind is Kind.REDUCTION else 1
        value = last * (1 + sign * judged / 100)
    elif target.kind is Kind.REDUCTION_POINTS:
        last = Decimal("11.5") + wobble * 10
        value = last - judged
    elif target.counted:
        total = max(0, int(judged.to_integral_value()))
        yearly = _unit_count(target, unit, registry, total)
        value = Decimal(int(yearly * elapsed + Decimal("0.5") * (period is Period.YEAR)))
        last = Decimal(int(yearly * elapsed * Decimal("0.8")))
    elif target.cumulative:
        value = judged * share * elapsed * (1 + (wobble if period.in_year else 0))
        last = value / (Decimal("1.05") + wobble)
    else:
        value = min(Decimal(100), judged) if target.reported_unit == "%" else judged
        last = value - Decimal(rng.randint(3, 15)) / 10
    digits = target.value_decimals
    return rounded(max(value, Decimal(0)), digits), rounded(max(last, Decimal(0)), digits)


# Sample units that claim full points on criteria computed from results, to show the check.
OVER_CLAIMERS = ("H07", "S09")


def _self_points(criterion: Criterion, rng: random.Random) -> Decimal:
    """Return plausible self points: most of the maximum, a penalty now and then."""
    if criterion.max_points < 0:
        return criterion.max_points if rng.random() < 0.08 else Decimal(0)
    return rounded(criterion.max_points * Decimal(str(rng.uniform(0.85, 1.0))), 1)


def sample_fill(directive: Directive, registry: Registry, unit: Unit, period: Period,
                criteria: tuple[Criterion, ...] = (), computed: frozenset[str] = frozenset(),
                seed: int = 2024) -> FormFill:
    """Return a filled, sample-labelled form content for one unit and period.

    Criteria computed from results are left for the program to compute, except by
    OVER_CLAIMERS, who claim the maximum.
    """
    rng = random.Random(f"{seed}-{unit.code}-{period.name}")
    values = {}
    for code in unit.targets:
        target = directive.target(code)
        value, last = sample_figures(target, unit, period, registry, seed)
        values[code] = (value, last, "Số liệu mẫu")
    choices = TEXTS.get(unit.kind, TEXTS["Sở, ban, ngành"])
    texts = dict(zip(layout.TEXT_LABELS, (rng.choice(options) for options in choices)))
    scored = any(own_target(registry, unit.code, directive.target(code)) for code in unit.targets)
    scores = {c.code: _self_points(c, rng) for c in criteria
              if c.code not in computed or not scored}
    if unit.code in OVER_CLAIMERS:
        scores.update({c.code: c.max_points for c in criteria if c.code in computed})
    month, day = LATE.get((unit.code, period), PERIOD_DATES[period])
    return FormFill(prepared_by=rng.choice(PEOPLE),
                    prepared_on=dt.date(directive.year, month, day),
                    phone="0205 3812 " + str(rng.randint(100, 999)), values=values,
                    texts=texts, scores=scores, sample=True)
