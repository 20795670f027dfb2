"""Where the system cannot fork (Windows), every file is read and every document rendered one
by one, with the same results as on two forked workers."""
import multiprocessing
from pathlib import Path

from click.testing import CliRunner
from python_calamine import CalamineWorkbook

from pipeline import cores, intake, render
from pipeline.cli import main
from tests.test_golden import extract_text

ROOT = Path(__file__).resolve().parent.parent


def report(output: Path) -> dict[str, str]:
    """Run the report into ``output``; return the text of every document and findings sheet."""
    result = CliRunner().invoke(main, ["report", "--output", str(output)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    texts = {p.name: extract_text(p) for p in sorted(output.glob("*.docx"))}
    book = CalamineWorkbook.from_path(str(output / "ket_qua_kiem_tra_2024.xlsx"))
    texts.update({name: repr(book.get_sheet_by_name(name).to_python()) for name in book.sheet_names})
    return texts


def test_without_fork_the_outputs_are_those_of_the_forked_workers(tmp_path, monkeypatch):
    monkeypatch.setattr(intake, "PARALLEL_FILES", 2)            # the pool reads and renders
    monkeypatch.setattr(render, "PARALLEL_FROM", 2)
    pools = []

    def counted_pool(**options):
        pools.append(options)
        return cores.fork_pool(**options)
    monkeypatch.setattr(intake, "fork_pool", counted_pool)
    monkeypatch.setattr(render, "fork_pool", counted_pool)
    forked = report(tmp_path / "forked")
    assert len(pools) == 2                                      # reading, then rendering

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert not cores.two_cores()

    def no_pool(**_):
        raise AssertionError("a pool was started where the system cannot fork")
    monkeypatch.setattr(intake, "fork_pool", no_pool)
    monkeypatch.setattr(render, "fork_pool", no_pool)
    alone = report(tmp_path / "alone")
    assert alone == forked and len(alone) >= 12
