"""A cluster head's scoring workbook: recognised by its sheet before any unit-form read."""
from pathlib import Path

import openpyxl
import pytest

from pipeline import intake
from pipeline.cluster_scores import CLUSTER_SHEET, ClusterScores, is_cluster_workbook
from pipeline.config import load
from pipeline.read import open_workbook

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def config():
    return load(ROOT / "config", 2024)


def _workbook(path, sheets):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


CLUSTER_ROWS = [["Mã cụm, khối", "CUM1"], ["Năm", 2024], [], ["Mã đơn vị", "Mã tiêu chí", "Điểm"],
                ["H02", "I.2", 18.5]]


def test_the_cluster_workbook_is_recognised_up_front_not_by_a_failed_unit_read(
        tmp_path, config, monkeypatch):
    # a workbook that also has a unit form's "Thông tin" sheet is still the cluster's scoring
    path = _workbook(tmp_path / "cham_diem_CUM1.xlsx",
                     {CLUSTER_SHEET: CLUSTER_ROWS, "Thông tin": [["Mã đơn vị", "H02"]]})

    def unit_read(*_):
        raise AssertionError("read as a unit form")
    monkeypatch.setattr(intake, "read_submission", unit_read)
    scores, findings, read = intake._one_file(path, path.name, config)
    assert isinstance(scores, ClusterScores) and findings == [] and read == 1
    assert (scores.cluster, scores.year, len(scores.scores)) == ("CUM1", 2024, 1)
    assert scores.scores[0][1].location.cell == "C5"


def test_a_broken_cluster_workbook_is_named_as_such(tmp_path, config):
    path = _workbook(tmp_path / "cham_diem.xlsx", {CLUSTER_SHEET: [["Năm", 2024]]})
    scores, findings, _ = intake._one_file(path, path.name, config)
    assert scores is None
    assert [(f.code, f.location.sheet) for f in findings] == [("cluster-scores-invalid",
                                                                CLUSTER_SHEET)]


def test_a_workbook_of_neither_kind_is_an_unknown_layout(tmp_path, config):
    path = _workbook(tmp_path / "khac.xlsx", {"Trang 1": [["x"]]})
    assert is_cluster_workbook(open_workbook(path, path.name)) is False
    scores, findings, _ = intake._one_file(path, path.name, config)
    assert scores is None and [f.code for f in findings] == ["file-unknown-layout"]
