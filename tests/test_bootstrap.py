"""The Windows launchers: thin .bat files over pipeline.bootstrap, whose logic is tested here."""
import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from pipeline import bootstrap
from pipeline.bootstrap import (JOBS, BootstrapError, ask_period, check_version, command_for,
                                install, needs_install, venv_python)

ROOT = Path(__file__).resolve().parent.parent
LAUNCHERS = sorted(ROOT.glob("*.bat"))


def test_every_everyday_command_has_a_launcher_naming_a_known_job():
    jobs = {}
    for launcher in LAUNCHERS:
        text = launcher.read_bytes().decode("utf-8")
        assert "\r\n" in text and "\n" not in text.replace("\r\n", "")     # CRLF only
        found = re.search(r'call "%~dp0tools\\chay\.bat" (\w+) %\*', text)
        assert found, launcher.name
        jobs[launcher.name] = found[1]
    assert set(jobs.values()) == {"report", "validate", "forms", "pdf", "lint"}
    assert set(jobs.values()) <= set(JOBS)
    assert jobs["lap_bao_cao.bat"] == "report" and jobs["kiem_tra.bat"] == "validate"


def test_the_shared_launcher_finds_python_installs_runs_and_keeps_the_window_open():
    text = (ROOT / "tools" / "chay.bat").read_bytes().decode("utf-8")
    assert text.index("py -3 -c") < text.index("python -c")          # py -3 first, then python
    assert "-m pipeline.bootstrap %*" in text
    assert text.rstrip().splitlines()[-2:] == ["pause", "exit /b %STATUS%"]
    assert "python.org" in text and "chcp 65001" in text


def test_jobs_become_the_commands_the_readme_names():
    assert command_for("report", []) == ["report"]
    assert command_for("report", ["--year", "2025"]) == ["report", "--year", "2025"]
    assert command_for("pdf", []) == ["pdf", "output", "--output", "output/pdf"]
    assert command_for("forms", ["--period", "quy1"]) == ["forms", "--period", "quy1"]
    with pytest.raises(BootstrapError, match="Không có việc"):
        command_for("xoa-het", [])


def test_forms_without_a_period_asks_until_the_answer_is_one():
    answers = iter(["", "5", "quý 1", "2"])
    assert command_for("forms", [], ask=lambda _: next(answers)) == ["forms", "--period", "6thang"]
    assert ask_period(lambda _: "canam") == "canam"


def test_an_old_python_is_told_where_to_get_a_new_one():
    check_version((3, 11))
    with pytest.raises(BootstrapError, match="python.org.*Add python.exe to PATH"):
        check_version((3, 8))


def test_the_environment_is_installed_when_missing_or_older_than_the_project(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\n")
    env = tmp_path / ".venv"
    assert needs_install(env, tmp_path, windows=True)
    python = venv_python(env, windows=True)
    assert python == env / "Scripts" / "python.exe"
    python.parent.mkdir(parents=True)
    python.write_bytes(b"")
    assert needs_install(env, tmp_path, windows=True)                 # never installed
    calls = []
    install(env, tmp_path, run=lambda cmd, **_: calls.append(cmd) or SimpleNamespace(returncode=0),
            say=lambda _: None, windows=True)
    assert calls == [[str(python), "-m", "pip", "install", "--quiet",
                      "--disable-pip-version-check", "-e", str(tmp_path)]]
    assert not needs_install(env, tmp_path, windows=True)
    later = (env / ".installed-app").stat().st_mtime + 10
    import os
    os.utime(tmp_path / "pyproject.toml", (later, later))
    assert needs_install(env, tmp_path, windows=True)                 # the project changed


def test_a_failed_installation_says_what_to_do(tmp_path):
    python = venv_python(tmp_path / ".venv", windows=False)
    python.parent.mkdir(parents=True)
    python.write_bytes(b"")
    with pytest.raises(BootstrapError, match="kết nối Internet"):
        install(tmp_path / ".venv", tmp_path, run=lambda *a, **k: SimpleNamespace(returncode=1),
                say=lambda _: None, windows=False)
    assert not (tmp_path / ".venv" / ".installed-app").exists()


@pytest.mark.skipif(needs_install(), reason="the project's environment is not installed")
def test_a_job_runs_the_command_in_the_environment_and_returns_its_status(tmp_path):
    (tmp_path / "in").mkdir()
    shutil.copy(next((ROOT / "input").rglob("S13_*canam*.xlsx")), tmp_path / "in" / "S13.xlsx")
    done = subprocess.run([str(venv_python()), "-m", "pipeline.bootstrap", "validate",
                           "--input", str(tmp_path / "in"), "--output", str(tmp_path / "out")],
                          capture_output=True, text=True, encoding="utf-8", check=False)
    assert done.returncode == 0, done.stderr
    assert "Năm tổng hợp: 2024." in done.stderr
    assert (tmp_path / "out" / "ket_qua_kiem_tra_2024.xlsx").exists()
    assert bootstrap.main([]) == 2


def test_the_readme_names_every_launcher_and_only_launchers_that_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([\w\\]+\.bat)", readme))
    assert {p.name for p in LAUNCHERS} <= named
    assert all((ROOT / name.replace("\\", "/")).is_file() for name in named), named
    assert "### Trên Windows" in readme and "Add python.exe to PATH" in readme
