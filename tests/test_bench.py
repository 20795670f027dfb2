"""The benchmark harness measures what it says: a correctness test, no timing assertions."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline import bench

FIGURES = ("wall_s", "cpu_s", "peak_mb")


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


def test_quick_run_measures_every_side_with_positive_numbers(quick):
    _, data, _ = quick
    [result] = data["results"]
    assert result["units"] == result["files"] == 30
    for side in bench.SIDES:
        assert all(result[side][name] > 0 for name in FIGURES), side
        assert len(result[side]["runs"]) == 1
        assert "all_mb" in result[side]
    for side in ("floor", "floor_2core"):
        assert result[side]["read_s"] > 0 and result[side]["render_s"] > 0, side
    assert result["cores"]["floor"] == 1 and result["cores"]["floor_2core"] == 2
    assert set(result["ratios"]) >= {"first_wall_vs_floor_2core", "first_cpu_vs_floor",
                                     "rerun_over_reading_s"}
    if Path("/proc/self/smaps_rollup").is_file():          # sampled on Linux only
        assert result["report"]["all_mb"] >= result["report"]["peak_mb"] / 2 > 0


def test_floor_writes_every_document_on_one_and_two_cores(quick, tmp_path):
    _, _, output = quick
    year_dir = output / "bench-cache" / "n30"
    jobs = bench.pickle.loads((year_dir / "jobs.pickle").read_bytes())
    for processes in (1, 2):
        out = tmp_path / f"p{processes}"
        out.mkdir()
        sample = bench.timed("floor", bench.floor_command(year_dir, out, processes),
                             tmp_path / "log.txt")
        assert sample.cpu_s > 0
        assert sorted(p.name for p in out.iterdir()) == sorted(name for _, name, _, _ in jobs)


def test_floor_reads_the_unit_sheets_of_inputs_and_every_sheet_of_data_files(quick):
    _, _, output = quick
    lines = (output / "bench-cache" / "n30" / "books.txt").read_text(encoding="utf-8").splitlines()
    inputs = [line.split("\t") for line in lines if "/input/" in line]
    configs = [line.split("\t") for line in lines if "/config/" in line]
    assert len(inputs) == 30 and len(configs) >= 3
    assert all("Chỉ tiêu" in sheets and "Hướng dẫn" not in sheets for _, *sheets in inputs)
    assert any("Hướng dẫn" in sheets for _, *sheets in configs)


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


def side(wall, cpu, every=100.0, read=0.0):
    return {"wall_s": wall, "cpu_s": cpu, "all_mb": every, "read_s": read}


def test_ratios_compare_the_report_with_the_floor_its_goal_names():
    result = {"report": side(1.2, 2.6), "rerun": side(0.5, 0.6),
              "floor": side(2.0, 2.0, read=0.4), "floor_2core": side(1.0, 2.2, read=0.25)}
    q = bench.ratios(result)
    assert q["first_wall_vs_floor_2core"] == pytest.approx(1.2)
    assert q["first_cpu_vs_floor"] == pytest.approx(1.3)
    assert q["first_wall_vs_floor"] == pytest.approx(0.6)
    assert q["rerun_over_reading_s"] == pytest.approx(0.25)
    assert q["rerun_vs_first"] == pytest.approx(0.5 / 1.2)


def test_growth_gives_time_per_unit_against_linear():
    grown = bench.growth([{"units": 1000, "report": side(4.0, 6.0, 120.0)},
                          {"units": 10000, "report": side(44.0, 54.0, 240.0)}])
    assert grown["units_factor"] == 10.0
    assert grown["wall_per_unit"] == pytest.approx(1.1)
    assert grown["cpu_per_unit"] == pytest.approx(0.9)
    assert grown["all_mb"] == pytest.approx(2.0)


def test_sizes_option_parses_a_list_and_refuses_nonsense():
    assert bench.sizes_option("1000,10000") == (1000, 10000)
    with pytest.raises(bench.argparse.ArgumentTypeError):
        bench.sizes_option("300,abc")
    with pytest.raises(bench.argparse.ArgumentTypeError):
        bench.sizes_option("0")


def test_table_says_which_cores_each_side_used(quick):
    _, data, _ = quick
    text = bench.table(data["results"], data["growth"], 1)
    floor_lines = [line for line in text.splitlines() if " floor " in line]
    assert [line.split()[2] for line in floor_lines] == ["1", "2"]
    assert "goal ≤ 1.2" in text and "goal ≤ 1.3" in text
