"""Build the data each document template receives (see templates/README.md).

Sentences the data can write are written here; what only people can say (units' short
texts, the secretariat's paragraphs) is compiled in: the units' texts grouped for the body
(the same or nearly the same text once, naming its units, the weightiest first, in the
author agency's voice) and kept whole, attributed, for an appendix. Plain dicts and strings
only: this is the template boundary. ``check_facts`` checks, before rendering, what the
clerk supplies for the documents (directive number, signers, dates, legal bases, texts).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from difflib import SequenceMatcher
from pathlib import Path

from .config import (ASSESSMENT, CAUSES, CLUSTERS, COMMENDATION,
                     DECISION_PARTS, DEPLOYMENT, DIRECTIONS, DOCUMENTS_FILE, EXEMPLARS, LESSONS,
                     MOVEMENTS, NEXT_TASKS, PROPOSALS, SHORTCOMINGS, SITUATION, STRENGTHS,
                     YEAR_END_PARTS, Config, directive_reference_cell)
from .errors import PipelineError
from .evaluate import change_against_last_year
from .findings import finding
from .formatting import (document_number, join_names, number, official_date, percent, rounded,
                         short_date)
from .model import (Directive, DocumentInfo, Finding, Group, Kind, Location, Period,
                    PeriodEvaluation, Target, TargetResult, Verdict)

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
    # Target names hold commas and colons ("Cơ cấu kinh tế: dịch vụ"): a list of them is
    # counted, bracketed and separated by semicolons, or it cannot be read.
    missed = [r.target.name for r in results if r.verdict is Verdict.NOT_MET]
    text += (f"; {len(missed)} chỉ tiêu chưa đạt ({'; '.join(missed)})" if missed
             else "; không có chỉ tiêu chưa đạt")
    gaps = [r.target.name for r in results if r.verdict is Verdict.NO_DATA]
    if gaps:
        text += f"; {len(gaps)} chỉ tiêu chưa có số liệu ({'; '.join(gaps)})"
    if evaluation.not_due:
        text += f"; {evaluation.not_due} chỉ tiêu chỉ đánh giá vào cuối năm (xem Phụ lục)"
    return text + "."


BODY_CAP = 5          # grouped unit texts printed in the body per section; the rest: appendix
NEAR = 0.9            # two texts this similar (difflib ratio, normalised) are one text


def period_phrase(period: Period, year: int) -> str:
    """Write the period with its year: "quý I năm 2024", "6 tháng đầu năm 2024", "năm 2024"."""
    if period is Period.Q1:
        return f"{period.phrase} năm {year}"
    return f"{period.phrase} {year}"


def directive_phrase(directive: Directive) -> str:
    """Write the directive as running text cites it: with its number and date when known."""
    reference, title = directive.reference.strip(), directive.title
    if not reference:
        return title
    if not reference.lower().startswith("số"):
        reference = f"số {reference}"
    if title.startswith("Chỉ thị"):
        return f"Chỉ thị {reference}{title[len('Chỉ thị'):]}"
    return f"Chỉ thị {reference} {title}"


# --------------------------------------------------------------------------- unit texts
def _key(text: str) -> str:
    """Return what two texts share when they say the same: case, spacing, end marks ignored."""
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(re.sub(r"[“”\"'.,;:!()\-–]", " ", text).split())


def _same_figures(a: str, b: str) -> bool:
    """Return True when two texts cite the same numbers (60% and 80% are never one text)."""
    return re.findall(r"\d+", a) == re.findall(r"\d+", b)


def group_texts(entries: list[tuple[str, str]]) -> list[dict]:
    """Group (unit code, text) pairs: the same or nearly the same text becomes one group
    {"text", "units"}; groups sorted by how many units wrote them, then by first appearance.
    """
    groups: dict[str, dict] = {}
    members: dict[str, set[str]] = {}      # each group's units as a set: a text many units
    for code, text in entries:             # wrote is not searched unit by unit
        key = _key(text)
        group = groups.setdefault(key, {"text": text.strip().rstrip(" .;"), "units": [],
                                        "order": len(groups)})
        if code not in (seen := members.setdefault(key, set())):
            seen.add(code)
            group["units"].append(code)
    kept: list[str] = []
    for key in list(groups):               # distinct texts only: few, however many units
        similar = next((k for k in kept if _same_figures(k, key)
                        and SequenceMatcher(None, k, key).ratio() >= NEAR), None)
        if similar is None:
            kept.append(key)
        else:
            target, seen = groups[similar]["units"], members[similar]
            for unit in groups.pop(key)["units"]:
                if unit not in seen:
                    seen.add(unit)
                    target.append(unit)
    return sorted((groups[k] for k in kept), key=lambda g: (-len(g["units"]), g["order"]))


def grouped_lines(entries: list[tuple[str, str]], names: dict[str, str], author: str,
                  cap: int = BODY_CAP) -> list[str]:
    """Write the weightiest ``cap`` groups of texts, each once, naming the units that wrote
    it; the author agency is not named (the document speaks in its voice)."""
    groups = group_texts(entries)
    # weighed by the units named: the author's own text does not add weight to a line
    groups.sort(key=lambda g: -len([u for u in g["units"] if u != author]))
    lines = []
    for group in groups[:cap]:
        others = [names.get(u, u) for u in group["units"] if u != author]
        who = "" if not others else (f" ({len(others)} đơn vị: {join_names(others)})"
                                     if len(others) > 3 else f" ({join_names(others)})")
        lines.append(f"{group['text']}{who}")
    return lines


FIELDS = ("highlights", "models", "shortcomings", "proposals")


def _entries(evaluation: PeriodEvaluation, field: str) -> list[tuple[str, str]]:
    return [(s.unit, line) for s in evaluation.submissions for line in getattr(s.narrative, field)]


def unit_text_rows(evaluation: PeriodEvaluation, names: dict[str, str]) -> list[dict]:
    """Return the appendix of units' texts: one row per unit that wrote any, every text kept."""
    rows = []
    for submission in evaluation.submissions:
        texts = {f: "\n".join(getattr(submission.narrative, f)) for f in FIELDS}
        if any(texts.values()):
            rows.append({"no": str(len(rows) + 1),
                         "unit": names.get(submission.unit, submission.unit), **texts})
    return rows


def author_code(config: Config, info: DocumentInfo) -> str:
    """Return the unit code of the agency that issues the document ("" when not a unit)."""
    return next((u.code for u in config.registry.units
                 if u.name == info.agency_name or config.units_title.get(u.code) == info.agency_name), "")


# --------------------------------------------------------------------------- contexts
def _cluster_lines(config: Config, evaluation: PeriodEvaluation) -> list[str]:
    """Write how many members of the clusters/blocks reported: one sentence when all did,
    else one line per cluster/block still waiting."""
    reported = {s.unit for s in evaluation.submissions}
    members: dict[str, list[str]] = {}
    for unit in config.registry.units:
        members.setdefault(unit.cluster, []).append(unit.code)
    lines, members_total = [], 0
    for cluster in config.registry.clusters:
        codes = members.get(cluster.code, [])
        done = sum(code in reported for code in codes)
        members_total += len(codes)
        if codes and done < len(codes):
            lines.append(f"{cluster.name}: {done}/{len(codes)} đơn vị đã gửi báo cáo.")
    if members_total and not lines:
        return [f"Tất cả {members_total} đơn vị thuộc {len(config.registry.clusters)} cụm, khối "
                f"thi đua đã gửi báo cáo."]
    return lines


def _missed_count(evaluation: PeriodEvaluation, in_year: bool) -> list[str]:
    """Say how many targets are not met, pointing to where they are named (never again listed)."""
    missed = sum(r.verdict is Verdict.NOT_MET for r in evaluation.results)
    if not missed:
        return []
    qualifier = " theo tiến độ" if in_year else ""
    return [f"Còn {missed} chỉ tiêu chưa đạt kế hoạch{qualifier} (nêu tại phần kết quả thực "
            f"hiện các chỉ tiêu)."]


def common_context(config: Config, evaluation: PeriodEvaluation, rejected: list[dict],
                   sample: bool, info: DocumentInfo) -> dict:
    """Return what both the periodic and the year-end report print."""
    period, names = evaluation.period, config.units_title
    texts = config.settings.paragraphs
    author = author_code(config, info)

    def grouped(field: str) -> list[str]:
        return grouped_lines(_entries(evaluation, field), names, author)
    return {
        "sample": sample, "year": evaluation.year, "period_phrase": period.phrase,
        "directive": directive_phrase(config.directive),
        "deployment": texts(period, DEPLOYMENT),
        "count_sentence": count_sentence(evaluation),
        "groups": [{"name": GROUP_TITLES[g], "lines": [sentence(r, period.in_year)
                                                       for r in evaluation.results
                                                       if r.target.group is g]}
                   for g in Group if any(r.target.group is g for r in evaluation.results)],
        "highlights": grouped("highlights"), "models": grouped("models"),
        "commendation": texts(period, COMMENDATION),
        "cluster_lines": _cluster_lines(config, evaluation) + texts(period, CLUSTERS),
        "shortcomings": _missed_count(evaluation, period.in_year) + texts(period, SHORTCOMINGS),
        "unit_shortcomings": grouped("shortcomings"),
        "province_proposals": texts(period, PROPOSALS),
        "proposals": grouped("proposals"),
        "unit_texts": unit_text_rows(evaluation, names),
        "reported": len(evaluation.submissions),
        "missing_units": [names.get(code, code) for code in evaluation.missing_units],
        "rejected": rejected,
        "table_groups": table_groups(evaluation),
    }


def periodic_context(config: Config, evaluation: PeriodEvaluation, rejected: list[dict],
                     sample: bool) -> dict:
    """Return the context of the periodic report (quý I, 6 tháng, 9 tháng)."""
    period, year = evaluation.period, evaluation.year
    info = document_info(config, PERIODIC, period)
    phrase = period_phrase(period, year)
    summary = f"Kết quả thực hiện phong trào thi đua {phrase}"
    context = common_context(config, evaluation, rejected, sample, info)
    next_tasks = config.settings.paragraphs(period, NEXT_TASKS)
    if any(r.verdict is Verdict.NOT_MET for r in evaluation.results):
        next_tasks = ["Tập trung chỉ đạo, đôn đốc thực hiện các chỉ tiêu chưa đạt tiến độ nêu "
                      "tại phần kết quả thực hiện các chỉ tiêu."] + next_tasks
    context.update(doc=doc_context(info, "BÁO CÁO", summary), next_tasks=next_tasks,
                   appendix_title=f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU {phrase.upper()}",
                   texts_title=f"TỔNG HỢP Ý KIẾN CỦA CÁC ĐƠN VỊ {phrase.upper()}")
    return context


def year_end_context(config: Config, evaluation: PeriodEvaluation, rejected: list[dict],
                     sample: bool) -> dict:
    """Return the context of the year-end review (báo cáo tổng kết); the ranking, award and
    chart entries are filled by awards.cluster_section when the year was scored."""
    year, texts = evaluation.year, config.settings.paragraphs
    info = document_info(config, YEAR_END, Period.YEAR)
    summary = f"Tổng kết phong trào thi đua năm {year}, phương hướng, nhiệm vụ năm {year + 1}"
    context = common_context(config, evaluation, rejected, sample, info)
    context.update(
        doc=doc_context(info, "BÁO CÁO", summary),
        situation=texts(Period.YEAR, SITUATION), movements=texts(Period.YEAR, MOVEMENTS),
        exemplars=texts(Period.YEAR, EXEMPLARS), assessment=texts(Period.YEAR, ASSESSMENT),
        strengths=texts(Period.YEAR, STRENGTHS), causes=texts(Period.YEAR, CAUSES),
        lessons=texts(Period.YEAR, LESSONS), directions=texts(Period.YEAR, DIRECTIONS),
        achieved=evaluation.achieved, total=len(evaluation.results),
        no_data=len(evaluation.results) - evaluation.with_data,
        ranking_groups=[], award_lines=[], award_summary="", scoring_note="",
        appendix_title=f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU NĂM {year}",
        texts_title=f"TỔNG HỢP Ý KIẾN CỦA CÁC ĐƠN VỊ NĂM {year}")
    return context


# --------------------------------------------------------------------------- facts
DOCUMENTS_BY_PERIOD = {Period.YEAR: (YEAR_END, "Bảng xếp hạng", "Tờ trình", "Quyết định")}
NUMBERED = re.compile(r"\bsố\s+\d+/\S+")
BLANK_NUMBER = re.compile(r"\bsố\s*(?:[.…_ ]*/|\.{2,}|…|_{2,}|$)", re.IGNORECASE)


def check_facts(config: Config, periods: tuple[Period, ...], folder: Path) -> list[Finding]:
    """Check what the clerk supplies for the documents of ``periods`` before they are made:
    the directive's number and date, signers, document dates, legal bases and the parts of
    the year-end review only the secretariat can write. Each problem is a warning with its cell.
    """
    year, settings = config.directive.year, config.settings
    findings: list[Finding] = []
    if periods and not NUMBERED.search(directive_phrase(config.directive)):
        where = directive_reference_cell(folder)
        detail = "" if not config.directive.reference else f" (ô ghi “{config.directive.reference}”)"
        findings.append(finding("directive-reference-missing", where, detail=detail, year=year))
    infos = [i for p in periods for name in DOCUMENTS_BY_PERIOD.get(p, (PERIODIC,))
             if (i := settings.document(name, p)) is not None]
    findings += _signer_findings(config, infos)
    findings += [f for info in infos if (f := _date_finding(info, year)) is not None]
    if Period.YEAR in periods:
        findings += _basis_findings(config)
        findings += _part_findings(config, YEAR_END_PARTS, f"Báo cáo tổng kết năm {year}")
        findings += _part_findings(config, DECISION_PARTS, "Quyết định khen thưởng")
    return findings


def _signer_findings(config: Config, infos: list[DocumentInfo]) -> list[Finding]:
    """Flag each signer of these documents still an example name, once per person."""
    findings, seen = [], set()
    for info in infos:
        signer = config.settings.signer(info.signer_name)
        example = (signer.example if signer else False) or _looks_like_example(info.signer_name)
        if example and info.signer_name not in seen:
            seen.add(info.signer_name)
            signs = [i.document for i in infos if i.signer_name == info.signer_name]
            where = signer.location if signer else (info.cell("Người ký") or Location(DOCUMENTS_FILE))
            findings.append(finding("signer-example", where, value=info.signer_name,
                                    detail="ký: " + ", ".join(dict.fromkeys(signs))))
    return findings


def _looks_like_example(name: str) -> bool:
    """Return True for a placeholder name: "Nguyễn Văn A", "Đoàn Văn Mẫu" (a blank name is
    a ``signer-mismatch`` of the data file)."""
    words = name.split()
    return bool(words) and (len(words[-1]) == 1 or "Mẫu" in words)


def _date_finding(info: DocumentInfo, year: int) -> Finding | None:
    """Return a warning when a document's date cannot be right for the reporting year."""
    if info.date is None:
        return None
    if info.period is Period.YEAR or info.period is None:
        low, high = dt.date(year, 11, 1), dt.date(year + 1, 3, 31)
        reason = f"văn bản tổng kết năm {year} ký từ tháng 11/{year} đến hết quý I/{year + 1}"
    else:
        end = dt.date(year, info.period.months, 28)
        low, high = end - dt.timedelta(days=20), end + dt.timedelta(days=45)
        reason = (f"báo cáo {period_phrase(info.period, year)} ký trong khoảng "
                  f"{short_date(low)} - {short_date(high)}")
    if low <= info.date <= high:
        return None
    where = info.cell("Ngày") or Location(DOCUMENTS_FILE, "Văn bản")
    name = info.document + (f" {info.period.value}" if info.period else "")
    return finding("document-date-implausible", where, detail=name,
                   value=short_date(info.date), reason=reason)


def _basis_findings(config: Config) -> list[Finding]:
    """Flag a legal basis with a blank number, a document without bases, and an act the
    Tờ trình cites that the Quyết định drops."""
    cells = config.settings.basis_cells
    findings = [finding("legal-basis-incomplete", where, detail=doc,
                        reason=f"căn cứ “{text[:80]}…” chưa ghi số, ngày của văn bản")
                for doc, text, where in cells if BLANK_NUMBER.search(text)]
    for doc in ("Tờ trình", "Quyết định"):
        if not any(d == doc for d, _, _ in cells):
            findings.append(finding("legal-basis-incomplete", Location(DOCUMENTS_FILE, "Căn cứ"),
                                    detail=doc, reason="chưa có dòng căn cứ nào"))
    decision = " ".join(t for d, t, _ in cells if d == "Quyết định")
    for doc, text, where in cells:
        if doc != "Tờ trình":
            continue
        for act in re.findall(r"\d+/\d{4}/[A-ZĐ0-9-]+", text):
            if act not in decision:
                findings.append(finding("legal-basis-incomplete", where, detail="Quyết định",
                                        reason=f"Tờ trình căn cứ văn bản số {act} nhưng Quyết "
                                               f"định không căn cứ văn bản này"))
    return findings


def _part_findings(config: Config, parts: tuple[str, ...], document: str) -> list[Finding]:
    """Warn for each part of a document the secretariat has not written, naming its cell."""
    findings = []
    for part in parts:
        if config.settings.paragraphs(Period.YEAR, part):
            continue
        cell = next((where for p, s, where in config.settings.text_cells
                     if p is Period.YEAR and s == part), None)
        findings.append(finding("section-text-missing",
                                cell or Location(DOCUMENTS_FILE, "Nội dung chung"),
                                value=part, detail=document, period=Period.YEAR.value))
    return findings
