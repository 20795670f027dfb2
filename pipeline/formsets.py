"""Write the forms of every unit for a period, and the sample inputs made of filled forms."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from .config import Config, load
from .forms import build_cluster_form, build_form, form_file_name
from .model import Criterion, Period
from .samples import sample_fill
from .criteria import SCORING_FILE, Scoring, load_criteria
from .write import Writer, Written, atomic

SEND_TO = "Sở Nội vụ (Phòng Thi đua, khen thưởng)"
# Units that "forgot" to report in the sample data, so the documents show the list.
SAMPLE_MISSING = {Period.Q1: ("H11", "S19"), Period.M9: ("S18",)}


def year_scoring(config_dir: Path, year: int) -> Scoring | None:
    """Return the year-end scoring table, or None when the year has no scoring file."""
    if not (config_dir / str(year) / SCORING_FILE).is_file():
        return None
    return load_criteria(config_dir, year, [])


def year_criteria(config_dir: Path, year: int) -> tuple[Criterion, ...]:
    """Return the year-end scoring criteria, or () when the year has no scoring file."""
    scoring = year_scoring(config_dir, year)
    return scoring.criteria if scoring else ()


def write_forms(config_dir: Path, year: int, period: Period, output_dir: Path,
                deadline: dt.date | None) -> list[Written]:
    """Write one empty form per unit of the registry into ``output_dir``.

    The deadline and address come from van_ban.xlsx (sheet "Biểu mẫu"); ``deadline``
    overrides the file's date when given.
    """
    config = load(config_dir, year)
    criteria = year_criteria(config_dir, year) if period is Period.YEAR else ()
    terms_deadline, send_to = config.settings.form_terms(period)
    writer = Writer(output_dir)
    written = []
    for unit in config.registry.units:
        book = build_form(config.directive, unit, period, deadline=deadline or terms_deadline,
                          send_to=send_to or SEND_TO, criteria=criteria,
                          registry=config.registry)
        written.append(writer.write(form_file_name(unit, period, year), book.save))
    return written


def write_sample_inputs(config_dir: Path, year: int, folder: Path) -> list[Path]:
    """Write the sample input: a filled form per unit and period, in ``folder/<period>/``."""
    config = load(config_dir, year)
    scoring = year_scoring(config_dir, year)
    criteria = scoring.criteria if scoring else ()
    computed = scoring.computed if scoring else frozenset()
    paths = []
    for period in Period:
        (folder / period.slug).mkdir(parents=True, exist_ok=True)
        for unit in config.registry.units:
            if unit.code not in SAMPLE_MISSING.get(period, ()):
                paths.append(_write_sample(config, unit, period, criteria, computed, folder))
    if criteria:
        paths.append(_write_sample_cluster(config, criteria, folder))
    return paths


def _write_sample_cluster(config: Config, criteria, folder: Path) -> Path:
    """Write the first cluster's scoring by its head: it corrects one criterion for everyone."""
    cluster = config.registry.clusters[0]
    members = [u for u in config.registry.units if u.cluster == cluster.code]
    corrected = next(c for c in criteria if c.max_points > 0 and c.code not in ("I.1",))
    points = {(u.code, corrected.code): corrected.max_points - Decimal(i % 3) / 2
              for i, u in enumerate(members)}
    book = build_cluster_form(cluster, members, criteria, config.directive.year, points,
                              sample=True)
    path = folder / Period.YEAR.slug / f"cham_diem_{cluster.code}_{config.directive.year}.xlsx"
    atomic(path, book.save)
    return path


def _write_sample(config: Config, unit, period: Period, criteria, computed, folder: Path) -> Path:
    fill = sample_fill(config.directive, config.registry, unit, period,
                       criteria if period is Period.YEAR else (), computed)
    deadline, send_to = config.settings.form_terms(period)
    book = build_form(config.directive, unit, period, deadline=deadline,
                      send_to=send_to or SEND_TO,
                      criteria=criteria if period is Period.YEAR else (), fill=fill,
                      registry=config.registry)
    path = folder / period.slug / form_file_name(unit, period, config.directive.year)
    atomic(path, book.save)
    return path
