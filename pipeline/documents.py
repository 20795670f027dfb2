"""Build the data each document template receives (see templates/README.md).

Sentences the data can write are written here; what only people can say (units' short
texts, the secretariat's paragraphs) is compiled in and attributed. Plain dicts and
strings only: this is the template boundary.
"""
from __future__ import annotations

from decimal import Decimal

from .config import Config
from .errors import PipelineError
from .evaluate import change_against_last_year
from .formatting import document_number, join_names, number, official_date, percent, rounded
from .model import (DocumentInfo, Group, Kind, Period, PeriodEvaluation, Target,
                    TargetResult, Verdict)

PERIODIC = "Báo cáo kỳ"
YEAR_END = "Báo cáo tổng kết"
GROUP_TITLES = {Group.ECONOMIC: "Các chỉ tiêu kinh tế", Group.SOCIAL: "Các chỉ tiêu xã hội",
                Group.ENVIRONMENT: "Các chỉ tiêu môi trường"}
ROMAN = ("I", "II", "III", "IV", "V", "VI")


def doc_context(info: DocumentInfo, type_name: str, summary: str) -> dict:
    """Return the ``doc`` mapping printed in the header, title, recipients and signature."""
    reference = (f"{type_name.capitalize()} số {document_number(info.number)}/{info.symbol} "
                 f"{official_date(info.date)}")
    return {
        "parent_agency": info.parent_agency, "agency": info.agency,
        "agency_name": info.agency_name or info.agency.capitalize(),
        "number": info.number, "symbol": info.symbol, "place": info.place, "date": info.date,
        "type_name": type_name, "summary": summary, "addressees": list(info.addressees),
        "recipients": list(info.recipients), "signer_lines": list(info.signer_lines),
        "signer_name": info.signer_name, "reference": reference,
    }


def document_info(config: Config, name: str, period: Period) -> DocumentInfo:
    """Return the clerk's details for a document, or stop with what to add."""
    info = config.settings.document(name, period)
    if info is None:
        raise PipelineError(f"Tệp config/{config.directive.year}/van_ban.xlsx, trang tính "
                            f"“Văn bản”: chưa có dòng cho “{name}” kỳ “{period.value}”. "
                            f"Thêm dòng này rồi chạy lại.")
    return info


def plan_text(target: Target) -> str:
    """Write the plan as the table shows it ("tăng 8 - 9%", "giảm ≥ 5%", "thêm 10")."""
    plain = target.plan_text
    return {
        Kind.COUNT_ADDED: f"thêm {plain}", Kind.APPROXIMATE: f"khoảng {plain}",
        Kind.GROWTH: f"tăng {plain}%", Kind.REDUCTION: f"giảm ≥ {plain}%",
        Kind.REDUCTION_POINTS: f"giảm {plain} điểm %",
    }.get(target.kind, plain)


def _signed(change: Decimal | None, suffix: str, digits: int = 1) -> str:
    """Write a change as "tăng 5,21%" / "giảm 3,1 điểm %" / "bằng cùng kỳ", with ``digits`` decimals."""
    if change is None:
        return ""
    if rounded(change, digits) == 0:
        return "bằng cùng kỳ"
    word = "tăng" if change > 0 else "giảm"
    return f"{word} {number(abs(change), digits)}{suffix}"


def comparison(result: TargetResult) -> str:
    """Write how the period compares with the same period last year.

    For a target set as a change (tăng, giảm so cùng kỳ) this is the judged figure, written
    with the decimals that keep it on the side of the bound it was judged on.
    """
    t = result.target
    if t.kind is Kind.REDUCTION_POINTS:
        return _signed(None if result.measure is None else -result.measure, " điểm %",
                       result.digits)
    if t.kind is Kind.REDUCTION:
        return _signed(None if result.measure is None else -result.measure, "%", result.digits)
    if t.kind is Kind.GROWTH:
        return _signed(result.measure, "%", result.digits)
    change = change_against_last_year(t, result.value, result.last_year)
    if change is None:
        return ""
    return _signed(change[0], " điểm %" if t.reported_unit == "%" else "%", change[1])


def _quantity(value: Decimal | None, digits: int, unit: str) -> str:
    """Write a figure with its unit: "667,2 triệu USD", "9,10%"; None gives ""."""
    if value is None:
        return ""
    return f"{number(value, digits)}{'%' if unit == '%' else ' ' + unit}"


def _value_text(result: TargetResult) -> str:
    """Write what was achieved in the plan's own measure.

    A target set as a change shows the change achieved, with the reported figure beside it
    ("tăng 8,19% (667,2 triệu USD)"); any other target shows its figure.
    """
    t = result.target
    if t.kind.against_last_year:
        raw = _quantity(result.value, t.value_decimals, t.reported_unit)
        change = comparison(result)
        return f"{change} ({raw})" if change and raw else change or raw
    return number(result.value, result.digits)


def _change_text(result: TargetResult) -> str:
    """Write the "So cùng kỳ" cell: for a target set as a change, the change in its own unit."""
    t = result.target
    if t.kind is Kind.REDUCTION_POINTS:
        return ""                       # the change is the judged figure, in "Thực hiện"
    if t.kind.against_last_year:
        if result.value is None or result.last_year is None:
            return ""
        digits = t.value_decimals
        delta = rounded(result.value, digits) - rounded(result.last_year, digits)
        return _signed(delta, "" if t.reported_unit == "%" else f" {t.reported_unit}", digits)
    return comparison(result)


def table_row(no: int, result: TargetResult) -> dict:
    """Return one row of the targets table, every cell already written.

    Like with like: a target set as a change (tăng, giảm so cùng kỳ) has the unit of the plan
    (%, điểm %) and shows the change achieved in "Thực hiện"; the reported figures, with
    their unit, are beside it and under "Cùng kỳ".
    """
    t = result.target
    change_kind = t.kind.against_last_year
    last = (_quantity(result.last_year, t.value_decimals, t.reported_unit) if change_kind
            else number(result.last_year, t.value_decimals))
    return {
        "no": str(no), "name": t.name,
        "uom": t.unit_of_measure if change_kind else t.reported_unit, "plan": plan_text(t),
        "value": _value_text(result),
        "percent_of_plan": percent(result.percent_of_plan, result.percent_digits),
        "last_year": last, "change": _change_text(result), "verdict": verdict_text(result),
    }


def verdict_text(result: TargetResult) -> str:
    """Write the verdict, with the side for a band and a note when units are missing."""
    text = result.verdict.value
    if result.side:
        text += f" ({result.side})"
    if result.verdict.judged and result.missing:
        text += f" (thiếu {len(result.missing)} đơn vị)"
    return text


def table_groups(evaluation: PeriodEvaluation) -> list[dict]:
    """Group the table rows under "I. CHỈ TIÊU KINH TẾ" and so on, numbered throughout."""
    groups, no = [], 0
    for index, group in enumerate(Group):
        rows = []
        for result in evaluation.results:
            if result.target.group is group:
                no += 1
                rows.append(table_row(no, result))
        if rows:
            groups.append({"name": f"{ROMAN[index]}. {GROUP_TITLES[group].upper()}"
                                   .replace("CÁC ", ""), "rows": rows})
    return groups


def sentence(result: TargetResult, in_year: bool) -> str:
    """Write one sentence on a target's result for the body of a report."""
    t = result.target
    if result.verdict is Verdict.NOT_DUE and result.value is None:
        return f"{t.name}: chỉ tiêu đánh giá vào cuối năm (kế hoạch {plan_with_unit(t)})."
    if result.verdict is Verdict.NO_DATA:
        return f"{t.name}: chưa có số liệu."
    if t.kind.against_last_year:
        text = f"{t.name}: {_quantity(result.value, t.value_decimals, t.reported_unit)}"
    else:
        text = f"{t.name}: {_value_text(result)}{'%' if t.reported_unit == '%' else ' ' + t.reported_unit}"
    if result.percent_of_plan is not None:
        text += f", bằng {percent(result.percent_of_plan, result.percent_digits)} kế hoạch năm"
    change = comparison(result)
    if change:
        text += f", {change} so với cùng kỳ" if change != "bằng cùng kỳ" else ", bằng cùng kỳ"
    if result.verdict is Verdict.NOT_DUE:
        return f"{text} (kế hoạch {plan_with_unit(t)}); chỉ tiêu đánh giá vào cuối năm."
    judged = verdict_text(result)
    if in_year and t.cumulative and not t.kind.against_last_year:
        judged += " theo tiến độ"
    return f"{text} (kế hoạch {plan_with_unit(t)}); đánh giá: {judged}."


def plan_with_unit(target: Target) -> str:
    """Write the plan with its unit: "97,2%", "thêm 10 xã", "tăng 8 - 9%"."""
    if target.kind.against_last_year:
        return plan_text(target)
    if target.unit_of_measure == "%":
        return f"{plan_text(target)}%"
    return f"{plan_text(target)} {target.unit_of_measure}"


def count_sentence(evaluation: PeriodEvaluation) -> str:
    """Write "Có x/y chỉ tiêu đạt và vượt kế hoạch; …" with the misses and the gaps named."""
    results = evaluation.results
    text = f"Có {evaluation.achieved}/{evaluation.with_data} chỉ tiêu có số liệu đạt và vượt kế hoạch"
    if evaluation.period.in_year:
        text += " (chỉ tiêu lũy kế đánh giá theo tiến độ thời gian)"
    missed = [r.target.name for r in results if r.verdict is Verdict.NOT_MET]
    text += "; các chỉ tiêu chưa đạt: " + join_names(missed) if missed else "; không có chỉ tiêu chưa đạt"
    gaps = [r.target.name for r in results if r.verdict is Verdict.NO_DATA]
    if gaps:
        text += f"; {len(gaps)} chỉ tiêu chưa có số liệu: {join_names(gaps)}"
    if evaluation.not_due:
        text += f"; {evaluation.not_due} chỉ tiêu chỉ đánh giá vào cuối năm (xem Phụ lục)"
    return text + "."


# Sections of the secretariat's texts (van_ban.xlsx, sheet "Nội dung chung", column "Mục").
DEPLOYMENT = "Công tác triển khai"
COMMENDATION = "Công tác khen thưởng"
CLUSTERS = "Hoạt động cụm, khối"
SHORTCOMINGS = "Tồn tại, hạn chế"
NEXT_TASKS = "Nhiệm vụ kỳ tới"
PROPOSALS = "Kiến nghị"
SITUATION = "Đặc điểm tình hình"
MOVEMENTS = "Phong trào chuyên đề"
ASSESSMENT = "Đánh giá chung"
DIRECTIONS = "Phương hướng năm sau"


def _attributed(evaluation: PeriodEvaluation, names: dict[str, str], field: str) -> list[dict]:
    """Return the units' short texts of one kind, each with the unit's name."""
    return [{"unit": names.get(s.unit, s.unit), "text": line}
            for s in evaluation.submissions for line in getattr(s.narrative, field)]


def _cluster_lines(config: Config, evaluation: PeriodEvaluation) -> list[str]:
    """Write one line per cluster/block: how many members reported."""
    reported = {s.unit for s in evaluation.submissions}
    lines = []
    for cluster in config.registry.clusters:
        members = [u.code for u in config.registry.units if u.cluster == cluster.code]
        if members:
            done = sum(code in reported for code in members)
            lines.append(f"{cluster.name}: {done}/{len(members)} đơn vị đã gửi báo cáo.")
    return lines


def _missed_line(evaluation: PeriodEvaluation, in_year: bool) -> list[dict]:
    """Name the targets not met, as the secretariat's first shortcoming."""
    missed = [r.target.name for r in evaluation.results if r.verdict is Verdict.NOT_MET]
    if not missed:
        return []
    qualifier = " (theo tiến độ)" if in_year else ""
    return [{"unit": "", "text": f"Còn {len(missed)} chỉ tiêu chưa đạt kế hoạch{qualifier}: "
                                 f"{join_names(missed)}."}]


def common_context(config: Config, evaluation: PeriodEvaluation, rejected: list[dict],
                   sample: bool) -> dict:
    """Return what both the periodic and the year-end report print."""
    period, names = evaluation.period, config.units_title
    texts = config.settings.paragraphs
    return {
        "sample": sample, "year": evaluation.year, "period_phrase": period.phrase,
        "directive": config.directive.title,
        "deployment": texts(period, DEPLOYMENT),
        "count_sentence": count_sentence(evaluation),
        "groups": [{"name": GROUP_TITLES[g], "lines": [sentence(r, period.in_year)
                                                       for r in evaluation.results
                                                       if r.target.group is g]}
                   for g in Group if any(r.target.group is g for r in evaluation.results)],
        "highlights": _attributed(evaluation, names, "highlights")
                      + _attributed(evaluation, names, "models"),
        "commendation": texts(period, COMMENDATION),
        "cluster_lines": _cluster_lines(config, evaluation) + texts(period, CLUSTERS),
        "shortcomings": _missed_line(evaluation, period.in_year)
                        + [{"unit": "", "text": t} for t in texts(period, SHORTCOMINGS)]
                        + _attributed(evaluation, names, "shortcomings"),
        "proposals": [{"unit": "", "text": t} for t in texts(period, PROPOSALS)]
                     + _attributed(evaluation, names, "proposals"),
        "missing_units": [names.get(code, code) for code in evaluation.missing_units],
        "rejected": rejected,
        "table_groups": table_groups(evaluation),
    }


def periodic_context(config: Config, evaluation: PeriodEvaluation, rejected: list[dict],
                     sample: bool) -> dict:
    """Return the context of the periodic report (quý I, 6 tháng, 9 tháng)."""
    period, year = evaluation.period, evaluation.year
    info = document_info(config, PERIODIC, period)
    summary = f"Kết quả thực hiện phong trào thi đua {period.phrase} {year}"
    context = common_context(config, evaluation, rejected, sample)
    next_tasks = config.settings.paragraphs(period, NEXT_TASKS)
    missed = [r.target.name for r in evaluation.results if r.verdict is Verdict.NOT_MET]
    if missed:
        next_tasks = [f"Tập trung chỉ đạo, đôn đốc thực hiện các chỉ tiêu chưa đạt tiến độ: "
                      f"{join_names(missed)}."] + next_tasks
    context.update(doc=doc_context(info, "BÁO CÁO", summary), next_tasks=next_tasks,
                   appendix_title=f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU "
                                  f"{period.phrase.upper()} {year}")
    return context


def year_end_context(config: Config, evaluation: PeriodEvaluation, rejected: list[dict],
                     sample: bool) -> dict:
    """Return the context of the year-end review (báo cáo tổng kết)."""
    year, texts = evaluation.year, config.settings.paragraphs
    info = document_info(config, YEAR_END, Period.YEAR)
    summary = f"Tổng kết phong trào thi đua năm {year}, phương hướng, nhiệm vụ năm {year + 1}"
    context = common_context(config, evaluation, rejected, sample)
    context.update(
        doc=doc_context(info, "BÁO CÁO", summary),
        situation=texts(Period.YEAR, SITUATION), movements=texts(Period.YEAR, MOVEMENTS),
        assessment=texts(Period.YEAR, ASSESSMENT), directions=texts(Period.YEAR, DIRECTIONS),
        province_proposals=texts(Period.YEAR, PROPOSALS),
        achieved=evaluation.achieved, total=len(evaluation.results),
        no_data=len(evaluation.results) - evaluation.with_data,
        appendix_title=f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU NĂM {year}")
    return context
