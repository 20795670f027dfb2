"""A re-run takes an unchanged workbook's checked result from the output folder's cache."""
import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest

from pipeline import intake as intake_module
from pipeline import layout, readcache
from pipeline.config import load
from pipeline.intake import gather
from pipeline.readcache import CACHE_FILE, CONFIG_FILE, kept_in
from test_check import cell_of, set_cell, write_form

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def config():
    return load(ROOT / "config", 2024)


@pytest.fixture
def year(tmp_path):
    """A copy of the 2024 data files, an input folder with two forms, an output folder."""
    config_root = tmp_path / "config"
    shutil.copytree(ROOT / "config" / "2024", config_root / "2024")
    inputs = tmp_path / "input"
    inputs.mkdir()
    return config_root, inputs, tmp_path / "output"


@pytest.fixture
def reads(monkeypatch):
    """Count the files actually read and checked."""
    seen: list[str] = []
    real = intake_module._one_file

    def counting(path, display, config):
        seen.append(display)
        return real(path, display, config)
    monkeypatch.setattr(intake_module, "_one_file", counting)
    return seen


def gather_kept(config_root, inputs, output):
    with kept_in(output, config_root):
        return gather(inputs, load(config_root, 2024))


def test_rerun_reads_only_the_changed_workbook_and_gives_the_same_result(config, year, reads):
    config_root, inputs, output = year
    bad = write_form(config, inputs, "S13", values={"KT07": (D("2100"), D("1900"), "")})
    write_form(config, inputs, "S05", values={"KT10": (D("3700"), D("3500"), "")})
    set_cell(bad, layout.SHEET_TARGETS, cell_of(bad, layout.SHEET_TARGETS, "KT07",
                                                layout.COL_VALUE), "khoảng 2 triệu")
    first = gather_kept(config_root, inputs, output)
    assert sorted(reads) == ["S05.xlsx", "S13.xlsx"] and (output / CACHE_FILE).is_file()
    reads.clear()
    again = gather_kept(config_root, inputs, output)
    assert reads == []
    assert again == first and "value-not-number" in [f.code for f in again.findings]
    set_cell(bad, layout.SHEET_TARGETS, cell_of(bad, layout.SHEET_TARGETS, "KT07",
                                                layout.COL_VALUE), 2100)
    changed = gather_kept(config_root, inputs, output)
    assert reads == ["S13.xlsx"]
    assert "value-not-number" not in [f.code for f in changed.findings]


def test_each_result_is_pickled_once_where_it_is_made_and_kept_as_it_came(config, year,
                                                                          monkeypatch):
    config_root, inputs, output = year
    write_form(config, inputs, "S13")
    write_form(config, inputs, "S05")
    made: list[bytes] = []
    real = intake_module._pickled

    def keeping(result):
        made.append(real(result))
        return made[-1]
    monkeypatch.setattr(intake_module, "_pickled", keeping)
    saved: list[dict] = []
    monkeypatch.setattr(readcache, "_save", lambda path, run, files:
                        saved.append(files) if path.name == CACHE_FILE else None)
    first = gather_kept(config_root, inputs, output)
    assert len(made) == 2 and len(saved) == 1
    assert sorted(saved[0].values()) == sorted(made)          # the same bytes: not pickled again
    assert {s.unit for s in first.submissions} == {"S13", "S05"}


def test_what_a_workbook_gives_comes_back_from_a_pickle_equal_in_every_field():
    import datetime as dt
    import pickle
    from pipeline.findings import finding
    from pipeline.model import Location, Narrative, Period, SelfScore, Submission, TargetFigure
    where = Location("a.xlsx", "Chỉ tiêu", "E7")
    submission = Submission(
        unit="H01", period=Period.YEAR, year=2024, prepared_by="Nguyễn Văn A",
        prepared_on=dt.date(2024, 12, 20), file="canam/a.xlsx",
        figures=(TargetFigure("KT01", D("7.1"), None, "ghi chú", where),),
        narrative=Narrative(highlights=("Một", "Hai")), scores=(SelfScore("I.1", D("40"), where),),
        form_version="2024.1", sample=True)
    found = finding("value-not-number", where, unit="H01", value="abc")
    again = pickle.loads(pickle.dumps((submission, [found], 1)))
    assert again == (submission, [found], 1) and hash(again[1][0]) == hash(found)
    assert again[0].narrative.models == () and again[0].figures[0].location.cell == "E7"


def test_changed_data_files_mean_reading_everything(config, year, reads):
    config_root, inputs, output = year
    write_form(config, inputs, "S13")
    gather_kept(config_root, inputs, output)
    (config_root / "2024" / "ghi_chu.txt").write_text("một tệp mới", encoding="utf-8")
    reads.clear()
    gather_kept(config_root, inputs, output)
    assert reads == ["S13.xlsx"]


def test_a_damaged_cache_is_ignored_and_rejected_files_are_read_each_time(config, year, reads):
    config_root, inputs, output = year
    write_form(config, inputs, "S13")
    (inputs / "hong.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    output.mkdir()
    (output / CACHE_FILE).write_bytes(b"not a pickle")
    first = gather_kept(config_root, inputs, output)
    assert sorted(reads) == ["S13.xlsx", "hong.xlsx"] and first.rejected
    reads.clear()
    assert gather_kept(config_root, inputs, output) == first
    assert reads == ["hong.xlsx"]


def test_without_an_output_folder_nothing_is_kept(config, year, reads):
    config_root, inputs, output = year
    write_form(config, inputs, "S13")
    gather(inputs, config)
    gather(inputs, config)
    assert reads == ["S13.xlsx", "S13.xlsx"] and not output.exists()


def test_the_data_files_are_read_again_only_when_they_change(year, monkeypatch):
    from pipeline import config as config_module
    config_root, _, output = year
    read: list[int] = []
    real = config_module._read_year

    def counting(folder, year_):
        read.append(year_)
        return real(folder, year_)
    monkeypatch.setattr(config_module, "_read_year", counting)
    with kept_in(output, config_root):
        first = load(config_root, 2024)
        assert load(config_root, 2024) == first and read == [2024]
        (config_root / "2024" / "ghi_chu.txt").write_text("một tệp mới", encoding="utf-8")
        assert load(config_root, 2024) == first and read == [2024, 2024]
    load(config_root, 2024)
    assert read == [2024, 2024, 2024]


class _Planted:
    """Unpickling this object writes a file: what a cache planted by someone else could do."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "đã chạy"))


@pytest.mark.parametrize("kept", [CACHE_FILE, CONFIG_FILE])
def test_a_cache_not_signed_with_the_key_is_never_unpickled(config, year, reads, kept):
    import pickle
    config_root, inputs, output = year
    write_form(config, inputs, "S13")
    first = gather_kept(config_root, inputs, output)
    marker = output.parent / "planted.txt"
    body = pickle.dumps({"run": "x", "files": {}, "config": _Planted(marker)})
    for signature in (b"", b"\0" * 32):          # unsigned, and a made-up signature
        (output / kept).write_bytes(signature + body)
        reads.clear()
        assert gather_kept(config_root, inputs, output) == first
        assert not marker.exists()
        assert reads == (["S13.xlsx"] if kept == CACHE_FILE else [])
