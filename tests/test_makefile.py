"""The Makefile's own logic: what `make clean` keeps, and no year written in it."""
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_clean_keeps_the_edited_copies_and_empties_the_rest(tmp_path):
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    out = tmp_path / "output"
    for name in (".gitkeep", "bao_cao.docx", "bao_cao.ban-sua-20250105-101010.docx",
                 "thong_bao_don_vi_2024/H01.txt", "thong_bao_don_vi_2024/H01.ban-sua-1.txt",
                 "pdf/bao_cao.pdf", ".bieu_do/x.png"):
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text("x")
    subprocess.run(["make", "-s", "clean"], cwd=tmp_path, check=True)
    left = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    assert left == [".gitkeep", "bao_cao.ban-sua-20250105-101010.docx", "thong_bao_don_vi_2024",
                    "thong_bao_don_vi_2024/H01.ban-sua-1.txt"]


def test_no_year_is_written_in_the_makefile():
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    for line in text.splitlines():
        code = line.split("##")[0]                     # help texts may show an example year
        assert not re.search(r"\b20\d\d\b", code), line
    assert "YEAR    ?=\n" in text
