"""The benchmark harness measures what it says: a correctness test, no timing assertions."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline import bench

FIGURES = ("wall_s", "cpu_s", "peak_mb", "wall_median_s", "cpu_median_s", "peak_median_mb")


@pytest.fixture(scope="module")
def quick(tmp_path_factory) -> tuple[int, dict, Path]:
    """Run the harness once with --quick into a temporary folder."""
    output = tmp_path_factory.mktemp("bench")
    status = bench.main(["--quick", "--output", str(output)])
    return status, json.loads((output / "bench.json").read_text(encoding="utf-8")), output


def test_quick_run_succeeds_and_describes_the_machine(quick):
    status, data, _ = quick
    assert status == 0
    assert data["machine"]["nproc"] >= 1
    assert data["machine"]["python"].startswith("3.")
    assert {"cpu", "date"} <= set(data["machine"])
    assert data["runs_per_size"] == 1
    assert data["growth"] is None


def test_quick_run_measures_report_and_floor_with_positive_numbers(quick):
    _, data, _ = quick
    [result] = data["results"]
    assert result["units"] == result["files"] == 30
    for side in ("report", "floor"):
        assert all(result[side][name] > 0 for name in FIGURES), side
        assert len(result[side]["runs"]) == 1
    assert result["ratio"] > 0
    if Path("/proc/self/smaps_rollup").is_file():          # sampled on Linux only
        assert result["report"]["all_mb"] >= result["report"]["peak_mb"] / 2 > 0


def test_synthetic_year_is_cached_with_one_form_per_unit(quick):
    _, _, output = quick
    year_dir = output / "bench-cache" / "n30"
    assert len(list((year_dir / "input").glob("*.xlsx"))) == 30
    assert (year_dir / "jobs.pickle").is_file()
    assert bench.prepared(30, output / "bench-cache") == year_dir     # a cache hit


def test_synthetic_units_mix_departments_and_communes_in_small_clusters():
    units, clusters = bench.synthetic_units(300)
    assert len({u[0] for u in units}) == 300
    kinds = [u[3] for u in units]
    assert kinds.count(bench.COMMUNE_KIND) > 200
    assert "Sở, ban, ngành" in kinds
    sizes = [sum(u[4] == c[0] for u in units) for c in clusters]
    assert all(size > 0 for size in sizes)
    assert all(10 <= size <= 20 for c, size in zip(clusters, sizes) if c[0].startswith("CX")
               and c is not clusters[-1])


def test_growth_compares_smallest_and_largest_sizes():
    def result(units, wall, cpu, peak, every):
        return {"units": units, "report": {"wall_s": wall, "cpu_s": cpu, "peak_mb": peak,
                                           "all_mb": every}}
    grown = bench.growth([result(300, 2.0, 2.0, 100.0, 120.0),
                          result(3000, 10.0, 8.0, 150.0, 240.0)])
    assert grown == {"from_units": 300, "to_units": 3000, "units_factor": 10.0,
                     "wall": 5.0, "cpu": 4.0, "peak_mb": 1.5, "all_mb": 2.0}
