"""The 2024 data files: the directive's targets transcribed exactly, units and documents."""
from pathlib import Path

import pytest

from pipeline.config import load
from pipeline.errors import PipelineError
from pipeline.formatting import plain
from pipeline.model import Aggregation, Group, Kind

ROOT = Path(__file__).resolve().parent.parent
DIRECTIVE = ROOT.parent / "shared" / "seeds" / "000_2b158d09f186a2a2.txt"


@pytest.fixture(scope="module")
def config():
    return load(ROOT / "config", 2024)


def test_data_files_read_without_findings(config):
    assert config.findings == ()


def test_every_target_of_section_ii_and_the_counts_of_iii_2_1(config):
    targets = config.directive.targets
    assert len(targets) == 35
    assert len({t.code for t in targets}) == 35
    assert sum(t.section.startswith("II.") for t in targets) == 33
    assert [t.code for t in targets if "III.2.1" in t.section] == ["XH01", "XH17", "XH18"]
    by_group = {g: sum(t.group is g for t in targets) for g in Group}
    assert by_group == {Group.ECONOMIC: 12, Group.SOCIAL: 18, Group.ENVIRONMENT: 5}


def test_every_kind_of_target_occurs(config):
    assert {t.kind for t in config.directive.targets} == set(Kind)


@pytest.mark.parametrize("code,low,high,kind", [
    ("KT01", "7", "7.5", Kind.RANGE), ("KT02", "23", "24", Kind.BAND),
    ("KT07", "4060", None, Kind.MINIMUM), ("KT09", "8", "9", Kind.GROWTH),
    ("KT11", "14040.807", None, Kind.MINIMUM), ("KT12", "38", "39", Kind.APPROXIMATE),
    ("XH01", "10", None, Kind.COUNT_ADDED), ("XH06", "100", None, Kind.KEEP),
    ("XH09", "94.45", None, Kind.MINIMUM), ("XH12", "2", "3", Kind.REDUCTION_POINTS),
    ("XH13", "5", None, Kind.REDUCTION), ("XH16", "3", None, Kind.REDUCTION),
    ("XH17", "6", None, Kind.COUNT_ADDED), ("MT01", "9000", None, Kind.MINIMUM),
    ("MT02", "64.6", None, Kind.MINIMUM)])
def test_values_as_the_directive_sets_them(config, code, low, high, kind):
    from decimal import Decimal
    t = config.directive.target(code)
    assert (t.low, t.high, t.kind) == (Decimal(low), high and Decimal(high), kind)


@pytest.mark.skipif(not DIRECTIVE.exists(), reason="the directive's text (shared/seeds) is absent")
def test_every_plan_value_is_written_in_the_directive(config):
    text = DIRECTIVE.read_text(encoding="utf-8")
    for t in config.directive.targets:
        for value in (t.low, t.high):
            if value is not None:
                written = plain(value)
                assert written in text or written.zfill(2) in text, (t.code, written)


def test_every_target_is_reported_by_someone(config):
    for t in config.directive.targets:
        reporters = config.registry.reporters(t.code)
        assert reporters, t.code
        if t.aggregation is Aggregation.SINGLE:
            assert len(reporters) == 1, t.code


def test_registry_has_the_districts_and_departments(config):
    units = config.registry.units
    assert sum(u.kind == "Huyện, thành phố" for u in units) == 11
    assert sum(u.kind == "Sở, ban, ngành" for u in units) == 22
    assert {u.cluster for u in units} == {c.code for c in config.registry.clusters}


def test_missing_year_folder_says_what_to_do(tmp_path):
    with pytest.raises(PipelineError, match="chi_tieu.xlsx"):
        load(tmp_path, 2030)
