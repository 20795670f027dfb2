"""Measure the ``report`` command at province scale (300 units) and stress scale (3,000 units).

    .venv/bin/python -m pipeline.bench [--quick] [--output DIR] [--cache DIR] [--runs 3]

For each size N the harness first builds a synthetic year, once, cached under
``output/bench-cache/n<N>/`` and keyed by N and a fingerprint of ``config/2024`` and of the
form code (building it is never measured):
- ``config/2024``: the real year's data files, with ``don_vi.xlsx`` replaced by N units —
  the real departments (SINGLE targets) and districts first, then communes ("Xã, phường,
  thị trấn") reporting the summed targets, in clusters of 15;
- ``input/``: one filled year-end form per unit (``samples.sample_fill`` + ``forms.build_form``).

Then, each in a fresh child process whose own CPU time and peak RSS (of the largest process:
the child or one of its forked workers) come from ``os.wait4``, started by a small launcher
so that the harness's memory does not count; the launcher also samples every 25 ms the
memory of all the processes together (PSS summed, shared pages counted once):
- report: ``python -m pipeline report --period canam`` end to end, into an empty folder;
- floor: the least any implementation must do — read every workbook (inputs and data files)
  with python-calamine, every sheet's ``to_python()``, and render each template once with
  docxtpl (autoescape, StrictUndefined, the project's filters) and save it.
  The templates need full contexts. Choice: the floor renders with the exact contexts the
  real run builds, computed beforehand in the harness with the pipeline's own
  ``check_inputs`` + ``document_jobs`` and pickled (not measured); the charts those contexts
  point to are drawn then too, and the floor only places them. The floor therefore does no
  checking, evaluating, context building, chart drawing or findings workbook: only reading
  and rendering.

Each is run ``--runs`` times (3; 1 with ``--quick``, which also uses N = 30 only). The table
shows the best run; ``<output>/bench.json`` keeps best and median, and describes the machine.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import pickle
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YEAR = 2024
SIZES, QUICK_SIZES = (300, 3000), (30,)
CLUSTER_SIZE = 15
COMMUNE_KIND = "Xã, phường, thị trấn"
CACHE_FORMAT = "1"             # bump when the synthetic year changes shape
STAMP = "ready.json"
JOBS_STAMP = "jobs.json"
SOURCES = ("forms.py", "samples.py", "layout.py", "formsets.py", "score.py")  # the inputs' code

FLOOR_SCRIPT = """
import pickle, sys
from pathlib import Path
import python_calamine
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import Environment, StrictUndefined
from pipeline.formatting import FILTERS

def pictures(document, value):
    if hasattr(value, "width_mm"):
        return InlineImage(document, str(value.path), width=Mm(value.width_mm))
    if isinstance(value, dict):
        return {k: pictures(document, v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(pictures(document, v) for v in value)
    return value

books, jobs, out = sys.argv[1:4]
for path in Path(books).read_text(encoding="utf-8").splitlines():
    book = python_calamine.CalamineWorkbook.from_path(path)
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python()
env = Environment(autoescape=True, undefined=StrictUndefined)
env.filters.update(FILTERS)
with open(jobs, "rb") as stream:
    for template, name, context in pickle.load(stream):
        document = DocxTemplate(template)
        document.render(pictures(document, context), jinja_env=env, autoescape=True)
        document.save(Path(out) / name)
"""

# Runs argv[2:] with its output in the file argv[1]; prints the child's own figures as JSON.
# A thread samples, every 25 ms, the proportional set size (PSS: shared pages split between
# the processes sharing them) summed over the child and its workers (Linux /proc; 0 elsewhere).
LAUNCHER = """
import json, os, subprocess, sys, threading, time

def tree(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as stream:
            kids = stream.read().split()
    except OSError:
        return [pid]
    return [pid] + [p for kid in kids for p in tree(int(kid))]

def pss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as stream:
            return next((int(l.split()[1]) for l in stream if l.startswith("Pss:")), 0)
    except OSError:
        return 0

peak = [0]
def sample(pid, done):
    while not done.wait(0.025):
        peak[0] = max(peak[0], sum(pss_kb(p) for p in tree(pid)))

with open(sys.argv[1], "wb") as log:
    started = time.perf_counter()
    child = subprocess.Popen(sys.argv[2:], stdout=log, stderr=subprocess.STDOUT)
    done = threading.Event()
    sampler = threading.Thread(target=sample, args=(child.pid, done), daemon=True)
    sampler.start()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
child.returncode = code = os.waitstatus_to_exitcode(status)
if code == 0:
    print(json.dumps({"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime,
                      "peak_mb": usage.ru_maxrss / 1024, "all_mb": peak[0] / 1024}))
sys.exit(code)
"""


class BenchError(Exception):
    """The harness cannot measure: a command failed or the synthetic year is wrong."""


@dataclass(frozen=True)
class Sample:
    """One measured child process."""

    wall_s: float
    cpu_s: float          # user + system time of the child
    peak_mb: float        # peak resident set size of the largest process (child or worker)
    all_mb: float         # peak of the PSS summed over the child and its workers, sampled


# -- the synthetic year ---------------------------------------------------------------------

def fingerprint(salt: str, paths: list[Path]) -> str:
    """Return a cache key: a hash of ``salt`` and the names and contents of ``paths``."""
    digest = hashlib.sha256(salt.encode())
    for path in paths:
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def inputs_key(n: int) -> str:
    """Return the key of a synthetic year: N, the real data files and the form code."""
    return fingerprint(f"{CACHE_FORMAT}-{n}",
                       sorted((ROOT / "config" / str(YEAR)).iterdir())
                       + [ROOT / "pipeline" / name for name in SOURCES])


def jobs_key(year_dir: Path) -> str:
    """Return the key of the floor's contexts: the inputs, the pipeline code, the templates."""
    return fingerprint((year_dir / STAMP).read_text(),
                       sorted((ROOT / "pipeline").rglob("*.py"))
                       + sorted((ROOT / "templates").glob("*.docx")))


def cached(stamp: Path, key: str, build) -> None:
    """Call ``build()`` unless ``stamp`` records ``key``; then record it."""
    if stamp.is_file() and json.loads(stamp.read_text()).get("key") == key:
        return
    started = time.perf_counter()
    build()
    stamp.write_text(json.dumps({"key": key,
                                 "seconds": round(time.perf_counter() - started, 1)}))


def synthetic_units(n: int) -> tuple[list[tuple], list[tuple]]:
    """Return N unit rows and their cluster rows, in the layout of don_vi.xlsx."""
    from .config import load
    config = load(ROOT / "config", YEAR)
    real = sorted(config.registry.units, key=lambda u: u.kind == "Huyện, thành phố")
    units = [(u.code, u.name, config.units_title.get(u.code, u.name), u.kind, u.cluster,
              ", ".join(u.targets)) for u in real[:n]]
    summed = ", ".join(t.code for t in config.directive.targets
                       if t.aggregation.name == "SUM")
    clusters = [(c.code, c.name, c.kind, c.head, c.deputy) for c in config.registry.clusters
                if any(u[4] == c.code for u in units)]
    for i in range(1, n - len(units) + 1):
        cluster = f"CX{(i - 1) // CLUSTER_SIZE + 1:03d}"
        if (i - 1) % CLUSTER_SIZE == 0:
            clusters.append((cluster, f"Cụm thi đua xã, phường, thị trấn số {cluster[2:]}",
                             "Cụm", f"X{i:04d}", f"X{i + 1:04d}"))
        place = ("xã", "phường", "thị trấn")[i % 3]
        units.append((f"X{i:04d}", f"Ủy ban nhân dân {place} Thử nghiệm {i:04d}",
                      f"UBND {place} Thử nghiệm {i:04d}", COMMUNE_KIND, cluster, summed))
    return units, clusters


def synthetic_plans(units: list[tuple]) -> list[tuple]:
    """Return the rows of the sheet "Kế hoạch giao": the real units' plans, and 1 for each
    target a synthetic unit adds up (every reporter of a summed quantity has a plan)."""
    from .config import load
    registry = load(ROOT / "config", YEAR).registry
    plans = [(a.unit, a.target, a.low, a.high, "Có" if a.scored else "Không")
             for a in registry.assignments if registry.unit(a.unit) and
             any(u[0] == a.unit for u in units)]
    plans += [(u[0], code.strip(), 1, None, "Có") for u in units if registry.unit(u[0]) is None
              for code in u[5].split(",") if code.strip()]
    return plans


def write_registry(path: Path, units: list[tuple], clusters: list[tuple],
                   plans: list[tuple] = ()) -> None:
    """Write don_vi.xlsx with the sheets and header rows of tools/seed_config.py."""
    from openpyxl import Workbook
    book = Workbook()
    book.active.title = "Hướng dẫn"
    book.active.append(["Danh sách đơn vị tổng hợp để đo tốc độ (không phải số liệu thật)."])
    sheet = book.create_sheet("Đơn vị")
    sheet.append(["Mã đơn vị", "Tên đầy đủ", "Tên ngắn", "Loại", "Cụm, khối",
                  "Chỉ tiêu báo cáo"])
    for row in units:
        sheet.append(list(row))
    sheet = book.create_sheet("Cụm, khối")
    sheet.append(["Mã", "Tên cụm, khối", "Loại", "Trưởng cụm, khối", "Phó cụm, khối"])
    for row in clusters:
        sheet.append(list(row))
    sheet = book.create_sheet("Kế hoạch giao")
    sheet.append(["Mã đơn vị", "Mã chỉ tiêu", "Kế hoạch giao (từ)", "Đến", "Tính điểm"])
    for row in plans:
        sheet.append(list(row))
    book.save(path)


def write_inputs(config_root: Path, folder: Path) -> int:
    """Write one filled year-end form per unit of the synthetic registry; return the count."""
    from .config import load
    from .forms import build_form, form_file_name
    from .formsets import SEND_TO, year_scoring
    from .model import Period
    from .samples import sample_fill
    config = load(config_root, YEAR)
    if config.findings:
        raise BenchError(f"synthetic don_vi.xlsx has findings: {config.findings[0].message}")
    scoring = year_scoring(config_root, YEAR)
    criteria = scoring.criteria if scoring else ()
    computed = scoring.computed if scoring else frozenset()
    folder.mkdir(parents=True, exist_ok=True)
    for unit in config.registry.units:
        fill = sample_fill(config.directive, config.registry, unit, Period.YEAR,
                           criteria=criteria, computed=computed)
        book = build_form(config.directive, unit, Period.YEAR, deadline=None, send_to=SEND_TO,
                          criteria=criteria, fill=fill)
        book.save(folder / form_file_name(unit, Period.YEAR, YEAR))
    return len(config.registry.units)


def pickle_jobs(year_dir: Path) -> None:
    """Save the documents the real run renders — (template, name, context) — for the floor."""
    from .model import Period
    from . import render
    from .report import check_inputs, document_jobs

    def drawn(picture):                     # drawn now; the floor only places the file
        picture.ensure()
        return render.Picture(picture.path, picture.width_mm)
    checked = check_inputs(year_dir / "input", year_dir / "config", YEAR, (Period.YEAR,))
    charts = year_dir / "charts"            # the pictures the contexts point to
    shutil.rmtree(charts, ignore_errors=True)
    charts.mkdir()
    jobs = [(ROOT / "templates" / template, name, render.map_pictures(context, drawn))
            for name, template, context in document_jobs(checked, charts)]
    absent = sorted({t.name for t, _, _ in jobs if not t.is_file()})
    if absent:          # the real run skips these too (a template-missing finding)
        print(f"Templates not found, left out of the floor: {', '.join(absent)}", file=sys.stderr)
    jobs = [(str(t), name, context) for t, name, context in jobs if t.is_file()]
    if not jobs:
        raise BenchError(f"no document to render from {year_dir / 'input'}")
    with open(year_dir / "jobs.pickle", "wb") as stream:
        pickle.dump(jobs, stream)
    books = sorted((year_dir / "config" / str(YEAR)).glob("*.xlsx"))
    books += sorted((year_dir / "input").glob("*.xlsx"))
    (year_dir / "books.txt").write_text("\n".join(map(str, books)), encoding="utf-8")


def build_year(n: int, year_dir: Path) -> None:
    """Build the synthetic year of N units into ``year_dir``: config/ and input/."""
    print(f"Building the synthetic year of {n} units in {year_dir} (once)…", file=sys.stderr)
    shutil.rmtree(year_dir, ignore_errors=True)
    config_dir = year_dir / "config" / str(YEAR)
    shutil.copytree(ROOT / "config" / str(YEAR), config_dir)
    units, clusters = synthetic_units(n)
    write_registry(config_dir / "don_vi.xlsx", units, clusters, synthetic_plans(units))
    written = write_inputs(year_dir / "config", year_dir / "input")
    if written != n:
        raise BenchError(f"wrote {written} forms for {n} units")


def prepared(n: int, cache: Path) -> Path:
    """Return the synthetic year of N units with the floor's data, building what is stale."""
    year_dir = cache / f"n{n}"
    cached(year_dir / STAMP, inputs_key(n), lambda: build_year(n, year_dir))
    cached(year_dir / JOBS_STAMP, jobs_key(year_dir), lambda: pickle_jobs(year_dir))
    return year_dir


# -- measuring ------------------------------------------------------------------------------

def timed(label: str, command: list[str], log: Path) -> Sample:
    """Run a command from the project folder; return its wall time, CPU time and peak RSS.

    A small launcher process starts it: a child's peak RSS counts the memory of the
    process it was forked from, so the harness (large after building the contexts) must
    not be that process. Raises BenchError, with the end of the log, on a non-zero exit.
    """
    done = subprocess.run([sys.executable, "-c", LAUNCHER, str(log), *command], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-1500:] if log.is_file() else ""
        raise BenchError(f"{label} exited {done.returncode}:\n{tail}{done.stderr[-500:]}")
    return Sample(**json.loads(done.stdout))


def report_command(year_dir: Path, out: Path) -> list[str]:
    """Return the report command of the CLI for a synthetic year."""
    return [sys.executable, "-m", "pipeline", "report", "--input", str(year_dir / "input"),
            "--output", str(out), "--config", str(year_dir / "config"),
            "--year", str(YEAR), "--period", "canam"]


def floor_command(year_dir: Path, out: Path) -> list[str]:
    """Return the floor command: read every workbook, render every template once."""
    return [sys.executable, "-c", FLOOR_SCRIPT, str(year_dir / "books.txt"),
            str(year_dir / "jobs.pickle"), str(out)]


def repeat(make_command, year_dir: Path, runs: int) -> list[Sample]:
    """Run a command ``runs`` times, each into a fresh empty output folder."""
    samples = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="bench-") as temp:
            out = Path(temp) / "out"
            out.mkdir()
            samples.append(timed(make_command.__name__, make_command(year_dir, out),
                                 Path(temp) / "log.txt"))
    return samples


def repeat_rerun(year_dir: Path, runs: int) -> list[Sample]:
    """Time a second run into the same output folder: the clerk running make report again."""
    samples = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="bench-") as temp:
            out = Path(temp) / "out"
            out.mkdir()
            timed("report", report_command(year_dir, out), Path(temp) / "first.txt")
            samples.append(timed("report", report_command(year_dir, out), Path(temp) / "log.txt"))
    return samples


def summarize(samples: list[Sample]) -> dict:
    """Return best (least wall time) and median figures of repeated runs."""
    best = min(samples, key=lambda s: s.wall_s)
    return {"wall_s": best.wall_s, "cpu_s": best.cpu_s, "peak_mb": best.peak_mb,
            "all_mb": max(s.all_mb for s in samples),
            "wall_median_s": statistics.median(s.wall_s for s in samples),
            "cpu_median_s": statistics.median(s.cpu_s for s in samples),
            "peak_median_mb": statistics.median(s.peak_mb for s in samples),
            "runs": [asdict(s) for s in samples]}


def measure(n: int, cache: Path, runs: int) -> dict:
    """Measure the report and the floor for N units."""
    year_dir = prepared(n, cache)
    report = summarize(repeat(report_command, year_dir, runs))
    rerun = summarize(repeat_rerun(year_dir, runs))
    floor = summarize(repeat(floor_command, year_dir, runs))
    return {"units": n, "files": len(list((year_dir / "input").glob("*.xlsx"))),
            "report": report, "rerun": rerun, "floor": floor,
            "ratio": report["wall_s"] / floor["wall_s"],
            "rerun_ratio": rerun["wall_s"] / floor["wall_s"]}


def growth(results: list[dict]) -> dict | None:
    """Return how time and memory grow from the smallest to the largest size."""
    if len(results) < 2:
        return None
    small, large = results[0], results[-1]
    return {"from_units": small["units"], "to_units": large["units"],
            "units_factor": large["units"] / small["units"],
            "wall": large["report"]["wall_s"] / small["report"]["wall_s"],
            "cpu": large["report"]["cpu_s"] / small["report"]["cpu_s"],
            "peak_mb": large["report"]["peak_mb"] / small["report"]["peak_mb"],
            "all_mb": large["report"]["all_mb"] / max(small["report"]["all_mb"], 1e-9)}


# -- reporting ------------------------------------------------------------------------------

def machine() -> dict:
    """Describe the machine: cores, CPU model, Python version, date."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor()
    return {"nproc": os.cpu_count(), "cpu": model, "python": platform.python_version(),
            "date": dt.datetime.now().isoformat(timespec="seconds")}


def table(results: list[dict], grown: dict | None) -> str:
    """Format the results as a small text table."""
    lines = [f"{'N':>6} {'wall s':>8} {'median':>8} {'CPU s':>8} {'peak MB':>8} {'all MB':>7} "
             f"{'rerun s':>8} {'floor s':>8} {'floor MB':>8} {'ratio':>6} {'rerun':>6}"]
    for r in results:
        rep, flo = r["report"], r["floor"]
        lines.append(f"{r['units']:>6} {rep['wall_s']:>8.2f} {rep['wall_median_s']:>8.2f} "
                     f"{rep['cpu_s']:>8.2f} {rep['peak_mb']:>8.1f} {rep['all_mb']:>7.1f} "
                     f"{r['rerun']['wall_s']:>8.2f} "
                     f"{flo['wall_s']:>8.2f} {flo['peak_mb']:>8.1f} {r['ratio']:>6.2f} "
                     f"{r['rerun_ratio']:>6.2f}")
    if grown:
        lines.append(f"growth {grown['from_units']}→{grown['to_units']} units "
                     f"(×{grown['units_factor']:g}): wall ×{grown['wall']:.2f}, "
                     f"CPU ×{grown['cpu']:.2f}, peak memory ×{grown['peak_mb']:.2f} "
                     f"(all processes ×{grown['all_mb']:.2f})")
    return "\n".join(lines)


def run(output: Path, cache: Path, sizes: tuple[int, ...], runs: int) -> dict:
    """Measure every size, write ``output/bench.json`` and return what it holds."""
    results = [measure(n, cache, runs) for n in sizes]
    data = {"machine": machine(), "runs_per_size": runs, "results": results,
            "growth": growth(results)}
    output.mkdir(parents=True, exist_ok=True)
    (output / "bench.json").write_text(json.dumps(data, indent=1, ensure_ascii=False),
                                       encoding="utf-8")
    return data


def main(argv: list[str] | None = None) -> int:
    """Parse options, measure, print the table."""
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="30 units, one run (for tests)")
    parser.add_argument("--output", type=Path, default=ROOT / "output",
                        help="folder of bench.json (default: output/)")
    parser.add_argument("--cache", type=Path, default=None,
                        help="folder of the synthetic years (default: <output>/bench-cache)")
    parser.add_argument("--runs", type=int, default=None, help="runs per size (default 3)")
    args = parser.parse_args(argv)
    sizes = QUICK_SIZES if args.quick else SIZES
    runs = args.runs or (1 if args.quick else 3)
    try:
        data = run(args.output, args.cache or args.output / "bench-cache", sizes, runs)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    print(table(data["results"], data["growth"]))
    print(f"wrote {args.output / 'bench.json'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
