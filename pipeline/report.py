"""Run the stages in order: read and check inputs, evaluate, then render and write documents.

The CLI calls ``check_inputs`` (for ``validate``) and ``make_report`` (for ``report``);
neither prints. Anything a clerk must read comes back as data.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from collections.abc import Callable

from . import awards, documents
from .awards import YearEnd
from .config import Config, config_years, load
from .cores import collector_paused
from .errors import OutputFailed, OutputLocked, PipelineError
from .evaluate import evaluate_period
from .findings import finding
from .intake import Intake, gather
from .model import Finding, Location, Period, PeriodEvaluation
from .safety import safe_name
from .rank import propose, rank
from .criteria import SCORING_FILE, load_criteria
from .pictures import pictures_in
from .reuse import document_key, findings_key
from .score import score_units
from .summary import (NOTICES_DIR, SET_ASIDE, findings_file, notices, status_board, unit_notice,
                      write_findings)
from .write import RunLock, Writer, Written

ROOT = Path(__file__).resolve().parent.parent
PERIODIC_TEMPLATE = "bao_cao_ky.docx"
YEAR_END_TEMPLATE = "bao_cao_tong_ket.docx"
RANKING_TEMPLATE = "xep_hang.docx"
PROPOSAL_TEMPLATE = "to_trinh.docx"
DECISION_TEMPLATE = "quyet_dinh.docx"
CHART_CACHE = ".bieu_do"          # charts kept between runs, named by a hash of their data

# Exit statuses of ``report`` (README, "Mã kết thúc"); 2 is click's wrong usage.
EXIT_OK, EXIT_NOTHING, EXIT_USAGE, EXIT_PARTIAL, EXIT_BUSY = 0, 1, 2, 3, 4
# Findings that mean an output of this run is missing or made from incomplete data files.
PARTIAL_CODES = frozenset({"output-failed", "output-locked", "template-invalid",
                           "template-missing-data", "document-not-made", "config-column-missing",
                           "config-row-missing"})


@dataclass(frozen=True)
class Checked:
    """Inputs read, checked and evaluated for the periods asked; the year scored when asked."""

    config: Config
    intake: Intake
    evaluations: tuple[PeriodEvaluation, ...]
    year_end: YearEnd | None = None
    scoring_findings: tuple[Finding, ...] = ()
    input_dir: Path | None = None        # where the workbooks were read from

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

    @property
    def exit_status(self) -> int:
        """Say what happened: EXIT_NOTHING when no document was written, EXIT_PARTIAL when
        some output is missing (locked, no space, template, data files), else EXIT_OK."""
        if not any(w.path.suffix == ".docx" for w in self.written):
            return EXIT_NOTHING
        if any(f.code in PARTIAL_CODES for f in self.findings):
            return EXIT_PARTIAL
        return EXIT_OK


def check_inputs(input_dir: Path, config_dir: Path, year: int,
                 periods: tuple[Period, ...] | None = None,
                 progress: Callable | None = None) -> Checked:
    """Read the year's configuration and every workbook, and evaluate the periods present."""
    with collector_paused():
        return _check_inputs(input_dir, config_dir, year, periods, progress)


def _check_inputs(input_dir: Path, config_dir: Path, year: int,
                  periods: tuple[Period, ...] | None, progress: Callable | None) -> Checked:
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
        return Checked(config, intake, evaluations, input_dir=input_dir)
    findings: list[Finding] = []
    scoring = load_criteria(config_dir, config.directive.year, findings)
    scores, scored = score_units(scoring, config.registry, year, list(intake.submissions),
                                 list(intake.cluster_scores), config.directive)
    rankings = rank(scores, config.registry)
    year_end = YearEnd(scores, rankings, propose(rankings, scoring))
    return Checked(config, intake, evaluations, year_end, tuple(findings + scored), input_dir)


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


def document_jobs(checked: Checked, chart_dir: Path,
                  findings: list[Finding] | None = None) -> list[tuple[str, str, dict]]:
    """Return (file name, template, context) for every document the run must write.

    A document whose data is incomplete (its row of van_ban.xlsx is missing) is left out
    with a ``document-not-made`` finding in ``findings``; the others are made. Without a
    list, the first such problem is raised.
    """
    sample = any(s.sample for s in checked.intake.submissions)
    config, year = checked.config, checked.config.directive.year
    jobs: list[tuple[str, str, dict]] = []

    def add(name: str, template: str, build: Callable[[], dict]) -> None:
        try:
            jobs.append((name, template, build()))
        except PipelineError as error:
            if findings is None:
                raise
            findings.append(finding("document-not-made", Location(name), value=name,
                                    detail=str(error)))

    for evaluation in checked.evaluations:
        period = evaluation.period
        if period.in_year:
            add(f"bao_cao_thi_dua_{period.slug}_{year}.docx", PERIODIC_TEMPLATE,
                lambda e=evaluation: documents.periodic_context(config, e, _rejected(checked),
                                                                sample))
            continue
        add(f"bao_cao_tong_ket_thi_dua_{year}.docx", YEAR_END_TEMPLATE,
            lambda e=evaluation: _year_end_context(checked, e, chart_dir, sample))
        if checked.year_end:
            _award_jobs(config, checked.year_end, sample, add)
    return jobs


def _year_end_context(checked: Checked, evaluation: PeriodEvaluation, chart_dir: Path,
                      sample: bool) -> dict:
    """Return the context of the year-end review, with its charts."""
    config = checked.config
    context = documents.year_end_context(config, evaluation, _rejected(checked), sample)
    context["targets_chart"] = awards.targets_picture(evaluation, chart_dir)
    context.update(awards.cluster_section(config, checked.year_end, chart_dir)
                   if checked.year_end else {"ranking_groups": [], "award_lines": []})
    return context


def _award_jobs(config: Config, year_end: YearEnd, sample: bool,
                add: Callable[[str, str, Callable[[], dict]], None]) -> None:
    """Add the ranking of each cluster/block, the Tờ trình and the draft Quyết định."""
    year = config.directive.year
    for r in year_end.rankings:
        add(f"xep_hang_{safe_name(r.cluster.code.lower())}_{year}.docx", RANKING_TEMPLATE,
            lambda r=r: awards.ranking_context(config, r, sample))
    if not any(p.granted for p in year_end.proposals):
        return                          # nobody to propose: no Tờ trình, no Quyết định
    add(f"to_trinh_khen_thuong_{year}.docx", PROPOSAL_TEMPLATE,
        lambda: awards.proposal_context(config, year_end, sample))
    add(f"du_thao_quyet_dinh_khen_thuong_{year}.docx", DECISION_TEMPLATE,
        lambda: awards.decision_context(config, year_end, sample))


def make_report(checked: Checked, output_dir: Path, templates_dir: Path) -> Outcome:
    """Render every document, the findings workbook and the units' notices into ``output_dir``.

    Whatever cannot be written (a locked file, no space, no right to write, a missing
    template or data row) becomes a finding and the rest is still written; the findings
    workbook comes last, so it lists those too.
    """
    return _locked(checked, output_dir, lambda writer, findings: (
        _write_documents(checked, writer, templates_dir, findings)
        + write_feedback(checked, findings, writer)))


def write_checks(checked: Checked, output_dir: Path) -> Outcome:
    """Write only the findings workbook and the units' notices (``validate``)."""
    return _locked(checked, output_dir, lambda writer, findings: write_feedback(
        checked, findings, writer))


def _locked(checked: Checked, output_dir: Path, work) -> Outcome:
    """Run ``work(writer, findings)`` holding the output folder: one run at a time per folder
    (OutputBusy for the second). Raise PipelineError only when the folders overlap."""
    check_folders(checked.input_dir, output_dir)
    findings = list(checked.findings)
    lock = RunLock(output_dir)
    try:
        lock.acquire()
        writer = Writer(output_dir)
    except OutputFailed as error:
        findings.append(_failed(error))
        return Outcome(checked, (), tuple(findings))
    try:
        written = work(writer, findings)
    finally:
        lock.release()
    return Outcome(checked, tuple(written), tuple(findings))


def check_folders(input_dir: Path | None, output_dir: Path) -> None:
    """Refuse an output folder inside the input folder, or the other way round.

    Inside input/, the next run would read its own findings workbook as a unit's report;
    an input folder inside output/ would be touched by the writer's cleaning.
    """
    if input_dir is None:
        return
    source, target = input_dir.resolve(), output_dir.resolve()
    if target == source or source in target.parents:
        raise PipelineError(f"Thư mục ghi kết quả {output_dir} nằm trong thư mục báo cáo "
                            f"{input_dir}: lần chạy sau sẽ đọc nhầm văn bản, kết quả kiểm tra "
                            f"như báo cáo của đơn vị. Chọn thư mục ghi khác (--output).")
    if target in source.parents:
        raise PipelineError(f"Thư mục báo cáo {input_dir} nằm trong thư mục ghi kết quả "
                            f"{output_dir}. Để các tệp của đơn vị ở thư mục riêng (--input), "
                            f"ngoài {output_dir}.")


def _failed(error: OutputFailed) -> Finding:
    """Return the finding of an output that could not be written."""
    return finding("output-failed", Location(error.name), detail=error.name,
                   value=error.reason, how=error.fix)


def _write_documents(checked: Checked, writer: Writer, templates_dir: Path,
                     findings: list[Finding]) -> list[Written]:
    """Render and write every document the data allows; note each kept edited copy."""
    charts = writer.folder / CHART_CACHE
    try:
        charts.mkdir(exist_ok=True)
    except OSError:
        pass                            # a chart that cannot be saved fails its document
    with collector_paused():
        jobs = document_jobs(checked, charts, findings)
        written, to_render, keys = _unchanged(jobs, writer, templates_dir)
    if to_render:
        written += _render_all(to_render, writer, templates_dir, findings)
    writer.remember({w.path.name: keys.get(w.path.name) for w in written})
    written.sort(key=_job_order(jobs))
    try:
        _prune(charts, jobs)
    except OSError:
        pass                            # an old chart left behind is harmless
    for w in written:
        if w.kept:
            findings.append(finding("output-kept", Location(w.path.name), detail=w.path.name,
                                    value=w.kept.name))
    findings += [_failed(problem) for problem in writer.problems]
    return written


def _write_findings_book(writer: Writer, name: str, findings: list[Finding],
                         names: dict[str, str], board) -> list[Written]:
    """Write the findings workbook; when it is open in Excel, write a dated copy beside it.

    Its own failure is added to ``findings`` (printed on screen) and, for the copy, to
    the copy too.
    """
    try:
        return [_findings_book(writer, name, findings, names, board)]
    except OutputLocked as error:
        findings.append(_failed(error))
        stem, suffix = name.rsplit(".", 1)
        spare = f"{stem}.{dt.datetime.now():%Y%m%d-%H%M%S}.{suffix}"
        findings.append(finding("output-elsewhere", Location(name), detail=name, value=spare))
    except OutputFailed as error:
        findings.append(_failed(error))
        return []
    try:
        return [_findings_book(writer, spare, findings, names, board)]
    except OutputFailed as error:
        findings.append(_failed(error))
        return []


def _findings_book(writer: Writer, name: str, findings: list[Finding], names: dict[str, str],
                   board) -> Written:
    """Write one findings workbook, unless the one on disk was made from the same findings,
    names and status board (a re-run with unchanged inputs writes nothing); text Excel
    cannot hold is an OutputFailed too."""
    periods, rows = board
    key = findings_key(findings, [names, [p.value for p in periods],
                                  [[r.unit, r.name, list(r.statuses), r.note] for r in rows]])
    found = writer.unchanged(name, key)
    if found is None:
        try:
            found = writer.write(name, lambda out: write_findings(findings, out, names, board))
        except ValueError as error:          # e.g. a text that cannot be encoded
            raise OutputFailed(name, f"có nội dung không ghi được vào Excel ({error})",
                               "Báo bộ phận kỹ thuật; các lỗi vẫn được in trên màn hình.") from error
    writer.remember({found.path.name: key})
    return found


def write_feedback(checked: Checked, findings: list[Finding], writer: Writer) -> list[Written]:
    """Write the findings workbook (status board, findings) and one notice per unit with
    errors; notices of units that have none left are removed unless the clerk edited them.
    What cannot be written is added to ``findings``."""
    config, year = checked.config, checked.config.directive.year
    names = {u.code: config.units_title.get(u.code) or u.name for u in config.registry.units}
    periods = [e.period for e in checked.evaluations] or list(Period)
    board = status_board(list(names.items()), periods, checked.intake.submissions, findings,
                         {p: config.settings.form_terms(p)[0] for p in periods})
    written = _write_findings_book(writer, findings_file(year), findings, names,
                                   (periods, board))
    sender = next((d.agency_name for d in config.settings.documents if d.agency_name), "")
    try:
        return written + _write_notices(writer.folder / f"{NOTICES_DIR}_{year}", findings,
                                        names, year, sender or "Sở Nội vụ")
    except OutputFailed as error:
        findings.append(_failed(error))
        return written


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
        if path.name not in keep and writer.as_written(path):
            path.unlink()
    return written


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


def _prune(charts: Path, jobs: list[tuple[str, str, dict]]) -> None:
    """Delete cached charts this run did not use, so the cache never grows without end."""
    used = {str(picture.path) for _, _, context in jobs for picture in pictures_in(context)}
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
        except OutputFailed as error:
            findings.append(_failed(error))
    written = []
    from . import render                # docxtpl is loaded only when something is rendered
    if any(not picture.drawn for _, _, context, _, _ in reserved for picture in pictures_in(context)):
        from . import charts  # noqa: F401 (drawn in the workers: loaded once, before they fork)
    try:
        outcomes = render.produce_all([(templates_dir / template_name, context, temp)
                                       for _, template_name, context, _, temp in reserved])
        for (name, template_name, _, target, temp), outcome in zip(reserved, outcomes):
            if isinstance(outcome, OutputFailed):      # named by its temporary file: rename
                findings.append(_failed(OutputFailed(name, outcome.reason, outcome.fix)))
            elif isinstance(outcome, PipelineError):
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
                except OutputFailed as error:
                    findings.append(_failed(error))
    finally:
        for *_, temp in reserved:
            temp.unlink(missing_ok=True)
    return written
