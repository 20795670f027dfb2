"""Run the stages in order: read and check inputs, evaluate, then render and write documents.

The CLI calls ``check_inputs`` (for ``validate``) and ``make_report`` (for ``report``);
neither prints. Anything a clerk must read comes back as data.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from collections.abc import Callable

from . import awards, documents
from .awards import YearEnd
from .config import Config, config_years, load
from .errors import PipelineError
from .evaluate import evaluate_period
from .findings import finding
from .intake import Intake, gather
from .model import Finding, Location, Period, PeriodEvaluation
from .safety import safe_name
from .rank import propose, rank
from .criteria import SCORING_FILE, load_criteria
from .pictures import map_pictures
from .reuse import document_key, findings_key
from .score import score_units
from .summary import NOTICES_DIR, SET_ASIDE, findings_file, notices, status_board, unit_notice
from .write import OutputLocked, Writer, Written

ROOT = Path(__file__).resolve().parent.parent
PERIODIC_TEMPLATE = "bao_cao_ky.docx"
YEAR_END_TEMPLATE = "bao_cao_tong_ket.docx"
RANKING_TEMPLATE = "xep_hang.docx"
PROPOSAL_TEMPLATE = "to_trinh.docx"
DECISION_TEMPLATE = "quyet_dinh.docx"
CHART_CACHE = ".bieu_do"          # charts kept between runs, named by a hash of their data


@dataclass(frozen=True)
class Checked:
    """Inputs read, checked and evaluated for the periods asked; the year scored when asked."""

    config: Config
    intake: Intake
    evaluations: tuple[PeriodEvaluation, ...]
    year_end: YearEnd | None = None
    scoring_findings: tuple[Finding, ...] = ()

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Return every finding: data files first, then the workbooks, then scoring."""
        return self.config.findings + self.intake.findings + self.scoring_findings


@dataclass(frozen=True)
class Outcome:
    """What a report run produced."""

    checked: Checked
    written: tuple[Written, ...]
    findings: tuple[Finding, ...]        # all findings, including those of rendering


def check_inputs(input_dir: Path, config_dir: Path, year: int,
                 periods: tuple[Period, ...] | None = None,
                 progress: Callable | None = None) -> Checked:
    """Read the year's configuration and every workbook, and evaluate the periods present."""
    config = load(config_dir, year)
    intake = gather(input_dir, config, progress)
    present = {s.period for s in intake.submissions}
    chosen = [p for p in Period if (periods is None and p in present) or (periods and p in periods)]
    evaluations = tuple(evaluate_period(p, config.directive, config.registry,
                                        list(intake.submissions)) for p in chosen)
    facts = documents.check_facts(config, tuple(chosen), config_dir / str(config.directive.year))
    config = replace(config, findings=config.findings + tuple(facts))   # the clerk's facts
    year = next((e for e in evaluations if e.period is Period.YEAR), None)
    if year is None or not (config_dir / str(config.directive.year) / SCORING_FILE).is_file():
        return Checked(config, intake, evaluations)
    findings: list[Finding] = []
    scoring = load_criteria(config_dir, config.directive.year, findings)
    scores, scored = score_units(scoring, config.registry, year, list(intake.submissions),
                                 list(intake.cluster_scores), config.directive)
    rankings = rank(scores, config.registry)
    year_end = YearEnd(scores, rankings, propose(rankings, scoring))
    return Checked(config, intake, evaluations, year_end, tuple(findings + scored))


def input_year(checked: Checked, config_dir: Path, asked: bool) -> tuple[int, str]:
    """Return the year to run for and what to tell the clerk about the workbooks' years.

    The year of ``checked`` stands, unless it was not asked for (``asked`` False: the newest
    configured year), no workbook of that year came, and every set-aside workbook is of one
    other year that has its configuration: then that year, said so.
    """
    year = checked.config.directive.year
    others = Counter(_set_aside_year(f) for f in checked.intake.findings
                     if f.code == SET_ASIDE)
    others.pop(None, None)
    if not others:
        return year, ""
    listed = ", ".join(f"{count} tệp năm {other}" for other, count in sorted(others.items()))
    newest = "" if asked else " (năm mới nhất trong thư mục config)"
    other = max(others, key=others.__getitem__)
    if (not asked and len(others) == 1 and not checked.intake.submissions
            and other in config_years(config_dir)):
        return other, (f"Các tệp trong input là báo cáo năm {other}, không tệp nào của năm "
                       f"{year}{newest}: tổng hợp năm {other}. Muốn chọn năm: --year <năm>.")
    configured = ("" if other in config_years(config_dir) else
                  f" (cần thêm thư mục cấu hình config/{other})")
    return year, (f"Tổng hợp năm {year}{newest}; trong input có {listed} được để riêng, không "
                  f"dùng. Muốn tổng hợp năm {other}: --year {other}{configured}.")


def _set_aside_year(f: Finding) -> int | None:
    """Return the year a set-aside workbook is of (the first year its message names)."""
    found = re.search(r"\b(\d{4})\b", f.message)
    return int(found[1]) if found else None


def _rejected(checked: Checked) -> list[dict]:
    """List the rejected workbooks for the documents: unit (when known), file and reason."""
    names = checked.config.units_title
    units = {f.location.file: names.get(f.unit, f.unit) for f in checked.intake.findings if f.unit}
    return [{"unit": units.get(file, ""), "file": file, "reason": reason}
            for file, reason in checked.intake.rejected]


def document_jobs(checked: Checked, chart_dir: Path) -> list[tuple[str, str, dict]]:
    """Return (file name, template, context) for every document the run must write."""
    sample = any(s.sample for s in checked.intake.submissions)
    config, year = checked.config, checked.config.directive.year
    jobs = []
    for evaluation in checked.evaluations:
        period = evaluation.period
        if period.in_year:
            context = documents.periodic_context(config, evaluation, _rejected(checked), sample)
            jobs.append((f"bao_cao_thi_dua_{period.slug}_{year}.docx", PERIODIC_TEMPLATE, context))
            continue
        context = documents.year_end_context(config, evaluation, _rejected(checked), sample)
        context["targets_chart"] = awards.targets_picture(evaluation, chart_dir)
        context.update(awards.cluster_section(config, checked.year_end, chart_dir)
                       if checked.year_end else {"ranking_groups": [], "award_lines": []})
        jobs.append((f"bao_cao_tong_ket_thi_dua_{year}.docx", YEAR_END_TEMPLATE, context))
        if checked.year_end:
            jobs += _award_jobs(config, checked.year_end, sample)
    return jobs


def _award_jobs(config: Config, year_end: YearEnd, sample: bool) -> list[tuple[str, str, dict]]:
    """Return the ranking of each cluster/block, the Tờ trình and the draft Quyết định."""
    year = config.directive.year
    jobs = [(f"xep_hang_{safe_name(r.cluster.code.lower())}_{year}.docx", RANKING_TEMPLATE,
             awards.ranking_context(config, r, sample)) for r in year_end.rankings]
    if not any(p.granted for p in year_end.proposals):
        return jobs                     # nobody to propose: no Tờ trình, no Quyết định
    jobs.append((f"to_trinh_khen_thuong_{year}.docx", PROPOSAL_TEMPLATE,
                 awards.proposal_context(config, year_end, sample)))
    jobs.append((f"du_thao_quyet_dinh_khen_thuong_{year}.docx", DECISION_TEMPLATE,
                 awards.decision_context(config, year_end, sample)))
    return jobs


def make_report(checked: Checked, output_dir: Path, templates_dir: Path) -> Outcome:
    """Render every document and the findings file into ``output_dir``."""
    writer = Writer(output_dir)
    findings = list(checked.findings)
    charts = output_dir / CHART_CACHE
    jobs = document_jobs(checked, charts)
    written, to_render, keys = _unchanged(jobs, writer, templates_dir)
    if to_render:
        written += _render_all(to_render, writer, templates_dir, findings)
    writer.remember({w.path.name: keys.get(w.path.name) for w in written})
    written.sort(key=_job_order(jobs))
    _prune(charts, jobs)
    for w in written:
        if w.kept:
            findings.append(finding("output-kept", Location(w.path.name), detail=w.path.name,
                                    value=w.kept.name))
    written += write_feedback(checked, findings, writer)
    return Outcome(checked, tuple(written), tuple(findings))


def write_feedback(checked: Checked, findings: list[Finding] | tuple[Finding, ...],
                   writer: Writer) -> list[Written]:
    """Write the findings workbook (status board, findings) and one notice per unit with
    errors; notices of units that have none left are removed unless the clerk edited them."""
    config, year = checked.config, checked.config.directive.year
    names = {u.code: config.units_title.get(u.code) or u.name for u in config.registry.units}
    periods = [e.period for e in checked.evaluations] or list(Period)
    board = status_board(list(names.items()), periods, checked.intake.submissions, findings,
                         {p: config.settings.form_terms(p)[0] for p in periods})
    written = [_write_findings_file(writer, findings_file(year), findings, names,
                                    (periods, board))]
    sender = next((d.agency_name for d in config.settings.documents if d.agency_name), "")
    return written + _write_notices(writer.folder / f"{NOTICES_DIR}_{year}", findings, names,
                                    year, sender or "Sở Nội vụ")


def _write_notices(folder: Path, findings, names: dict[str, str], year: int,
                   sender: str) -> list[Written]:
    """Write ``<code>_<name>.txt`` per unit with errors into ``folder``."""
    wanted = notices(findings)
    if not wanted and not folder.is_dir():
        return []
    writer, written = Writer(folder), []
    for unit, found in wanted.items():
        text = unit_notice(unit, names.get(unit, ""), found, year, sender)
        name = safe_name(f"{unit}_{names.get(unit, '')}".strip("_")) + ".txt"
        written.append(writer.write(name, lambda out, t=text: out.write_text(t, encoding="utf-8-sig")))
    keep = {w.path.name for w in written}
    for path in folder.glob("*.txt"):
        if path.name not in keep and writer.manifest.get(path.name) == _digest(path):
            path.unlink()
    return written


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _unchanged(jobs, writer: Writer, templates_dir: Path):
    """Split the jobs: documents left as they are (made from the same template, context and
    code, and not edited since), and those to render; return both and each one's key."""
    keys: dict[str, str | None] = {}
    unchanged, to_render = [], []
    for job in jobs:
        name = safe_name(job[0])
        keys[name] = document_key(templates_dir / job[1], job[2])
        found = writer.unchanged(name, keys[name])
        if found is None:
            to_render.append(job)
        else:
            unchanged.append(found)
    return unchanged, to_render, keys


def _job_order(jobs):
    """Return a sort key putting written documents in the order of their jobs."""
    order = {safe_name(name): index for index, (name, _, _) in enumerate(jobs)}
    return lambda w: order.get(w.path.name, len(order))


def _write_findings_file(writer: Writer, name: str, findings, names: dict[str, str],
                         board) -> Written:
    """Write the findings workbook, unless the one on disk was made from the same findings,
    names and status board (a re-run with unchanged inputs writes nothing)."""
    periods, rows = board
    key = findings_key(findings, [names, [p.value for p in periods],
                                  [[r.unit, r.name, list(r.statuses), r.note] for r in rows]])
    found = writer.unchanged(name, key)
    if found is None:
        from .summary import write_findings     # openpyxl is loaded only when writing
        found = writer.write(name, lambda out: write_findings(findings, out, names, board))
    writer.remember({found.path.name: key})
    return found


def _prune(charts: Path, jobs: list[tuple[str, str, dict]]) -> None:
    """Delete cached charts this run did not use, so the cache never grows without end."""
    used: set[str] = set()
    for _, _, context in jobs:
        map_pictures(context, lambda picture: used.add(str(picture.path)))
    for path in charts.glob("*.png") if charts.is_dir() else ():
        if str(path) not in used:
            path.unlink(missing_ok=True)


def _render_all(jobs, writer: Writer, templates_dir: Path, findings: list[Finding]) -> list[Written]:
    """Render each job into place; a template problem or a locked file skips that document."""
    reserved = []
    for name, template_name, context in jobs:
        try:
            reserved.append((name, template_name, context, *writer.reserve(safe_name(name))))
        except OutputLocked:
            findings.append(finding("output-locked", Location(name), detail=name))
    written = []
    from . import render                # docxtpl is loaded only when something is rendered
    try:
        outcomes = render.produce_all([(templates_dir / template_name, context, temp)
                                       for _, template_name, context, _, temp in reserved])
        for (name, template_name, _, target, temp), outcome in zip(reserved, outcomes):
            if isinstance(outcome, PipelineError):
                findings.append(finding("template-invalid", Location(template_name),
                                        detail=str(outcome)))
            elif outcome:
                findings += [finding("template-missing-data", Location(template_name), detail=g)
                             for g in outcome]
            else:
                try:
                    written.append(writer.place(temp, target))
                except OutputLocked:
                    findings.append(finding("output-locked", Location(name), detail=name))
    finally:
        for *_, temp in reserved:
            temp.unlink(missing_ok=True)
    return written
