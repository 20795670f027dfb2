"""One Findings value says which findings are errors, for the summary, the exit status and
the files left out."""
from __future__ import annotations

from pipeline.findings import Findings, finding
from pipeline.model import Location

ERROR = finding("value-not-number", Location("a.xlsx", "Chỉ tiêu", "E7"), value="x")
WARNING = finding("value-missing", Location("a.xlsx", "Chỉ tiêu", "E8"), value="KT01")


def test_errors_and_warnings_keep_their_order():
    found = Findings([WARNING, ERROR, WARNING])
    assert found.errors == (ERROR,)
    assert found.warnings == (WARNING, WARNING)
    assert list(found) == [WARNING, ERROR, WARNING] and len(found) == 3


def test_valid_means_no_error_warnings_allowed():
    assert Findings().valid
    assert Findings([WARNING]).valid
    assert not Findings([WARNING, ERROR]).valid


def test_a_generator_is_read_once_and_kept():
    found = Findings(f for f in (ERROR, WARNING))
    assert found.errors == (ERROR,) and found.warnings == (WARNING,)
