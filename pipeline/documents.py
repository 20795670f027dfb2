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
from .formatting import document_number, join_names, number, official_date, percent
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


def _signed(change: Decimal | None, suffix: str) -> str:
    """Write a change as "tăng 5,2%" / "giảm 3,1 điểm %" / "bằng"."""
    if change is None:
        return ""
    if change == 0:
        return "bằng cùng kỳ"
    word = "tăng" if change > 0 else "giảm"
    return f"{word} {number(abs(change), max(1, -change.as_tuple().exponent))}{suffix}"


def comparison(result: TargetResult) -> str:
    """Write how the period compares with the same period last year."""
    t = result.target
    if t.kind is Kind.REDUCTION_POINTS:
        return _signed(None if result.measure is None else -result.measure, " điểm %")
    if t.kind is Kind.REDUCTION:
        return _signed(None if result.measure is None else -result.measure, "%")
    if t.kind is Kind.GROWTH:
        return _signed(result.measure, "%")
    change = change_against_last_year(t, result.value, result.last_year)
    return _signed(change, " điểm %" if t.reported_unit == "%" else "%")


def table_row(no: int, result: TargetResult) -> dict:
    """Return one row of the targets table, every cell already written."""
    t = result.target
    return {
        "no": str(no), "name": t.name, "uom": t.reported_unit, "plan": plan_text(t),
        "value": number(result.value, t.value_decimals),
        "percent_of_plan": percent(result.percent_of_plan),
        "last_year": number(result.last_year, t.value_decimals),
        "change": comparison(result), "verdict": verdict_text(result),
    }


def verdict_text(result: TargetResult) -> str:
    """Write the verdict, with the side for a band and a note when units are missing."""
    text = result.verdict.value
    if result.side:
        text += f" ({result.side})"
    if result.verdict is not Verdict.NO_DATA and result.missing:
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
    if result.verdict is Verdict.NO_DATA:
        return f"{t.name}: chưa có số liệu."
    value = number(result.value, t.value_decimals)
    uom = "%" if t.reported_unit == "%" else f" {t.reported_unit}"
    text = f"{t.name}: {value}{uom}"
    if result.percent_of_plan is not None:
        text += f", bằng {percent(result.percent_of_plan)} kế hoạch năm"
    change = comparison(result)
    if change:
        text += f", {change} so với cùng kỳ" if change != "bằng cùng kỳ" else ", bằng cùng kỳ"
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
    by_cluster: dict[str, list[str]] = {}           # grouped once: per cluster was quadratic
    for u in config.registry.units:
        by_cluster.setdefault(u.cluster, []).append(u.code)
    for cluster in config.registry.clusters:
        members = by_cluster.get(cluster.code, [])
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
