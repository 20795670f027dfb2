"""Run the stages in order: read and check inputs, evaluate, then render and write documents.

The CLI calls ``check_inputs`` (for ``validate``) and ``make_report`` (for ``report``);
neither prints. Anything a clerk must read comes back as data.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import documents, render
from .config import Config, load
from .errors import PipelineError
from .evaluate import evaluate_period
from .findings import finding
from .intake import Intake, gather
from .model import Finding, Location, Period, PeriodEvaluation
from .safety import safe_name
from .summary import FINDINGS_FILE, write_findings
from .write import OutputLocked, Writer, Written

ROOT = Path(__file__).resolve().parent.parent
PERIODIC_TEMPLATE = "bao_cao_ky.docx"
YEAR_END_TEMPLATE = "bao_cao_tong_ket.docx"


@dataclass(frozen=True)
class Checked:
    """Inputs read, checked and evaluated for the periods asked."""

    config: Config
    intake: Intake
    evaluations: tuple[PeriodEvaluation, ...]

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Return every finding: data files first, then the workbooks."""
        return self.config.findings + self.intake.findings


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
    return Checked(config, intake, evaluations)


def _rejected(checked: Checked) -> list[dict]:
    """List the rejected workbooks for the documents: file and reason."""
    return [{"file": file, "reason": reason} for file, reason in checked.intake.rejected]


def document_jobs(checked: Checked) -> list[tuple[str, str, dict]]:
    """Return (file name, template, context) for every document the run must write."""
    sample = any(s.sample for s in checked.intake.submissions)
    year = checked.config.directive.year
    jobs = []
    for evaluation in checked.evaluations:
        period = evaluation.period
        if period.in_year:
            context = documents.periodic_context(checked.config, evaluation, _rejected(checked), sample)
            name = f"bao_cao_thi_dua_{period.slug}_{year}.docx"
            jobs.append((name, PERIODIC_TEMPLATE, context))
        else:
            context = documents.year_end_context(checked.config, evaluation, _rejected(checked), sample)
            jobs.append((f"bao_cao_tong_ket_thi_dua_{year}.docx", YEAR_END_TEMPLATE, context))
    return jobs


def make_report(checked: Checked, output_dir: Path, templates_dir: Path) -> Outcome:
    """Render every document and the findings file into ``output_dir``."""
    writer = Writer(output_dir)
    written, findings = [], list(checked.findings)
    for name, template_name, context in document_jobs(checked):
        template = templates_dir / template_name
        gaps = render.missing_variables(template, context)
        if gaps:
            findings += [finding("template-missing-data", Location(template_name), detail=g)
                         for g in gaps]
            continue
        try:
            written.append(writer.write(safe_name(name), lambda out, t=template, c=context:
                                        render.render(t, c, out)))
        except OutputLocked as error:
            findings.append(finding("output-locked", Location(name), detail=name))
        except PipelineError as error:
            findings.append(finding("template-invalid", Location(template_name), detail=str(error)))
    for w in written:
        if w.kept:
            findings.append(finding("output-kept", Location(w.path.name), detail=w.path.name,
                                    value=w.kept.name))
    written.append(writer.write(FINDINGS_FILE, lambda out: write_findings(findings, out)))
    return Outcome(checked, tuple(written), tuple(findings))
