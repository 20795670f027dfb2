"""The ``lint`` command: check Word documents against Decree 30 and print the findings.

Registered on the main command group by ``pipeline.cli``; it imports only the checker, not
the report pipeline, so that it starts quickly.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import MODES, Checked, check_file
from .rules import ERROR, RULES
from .violation import group

OK, FOUND, USAGE, UNREADABLE = 0, 1, 2, 3
MODE_NAMES = {"document": "văn bản", "template": "mẫu văn bản (có thẻ {% %})",
              "generated": "văn bản lập tự động"}
SHOWN_PLACES = 5            # places listed for a repeated finding
MANY = 8                    # from this many files, check on both cores


HELP = """Kiểm tra thể thức văn bản Word (.docx) theo Nghị định 30/2020/NĐ-CP.

FILES là các tệp .docx, hoặc thư mục (kiểm tra mọi tệp .docx trong đó, kể cả đuôi .DOCX;
tệp .doc trong thư mục được báo là không đọc được).

\b
Mỗi thông báo ghi: mức, mã quy tắc, vị trí (trang khi biết, đoạn hoặc ô bảng),
nội dung, giá trị hiện tại và yêu cầu, chỗ quy định trong Nghị định; lỗi giống
nhau lặp lại ở nhiều chỗ được gộp thành một dòng kèm số chỗ.

\b
Mức:
  lỗi        điều Nghị định 30 và các phụ lục của nó bắt buộc;
  cảnh báo   thông lệ nên theo, Nghị định không bắt buộc.
Xem danh mục quy tắc: lint --rules.

\b
Chế độ (mặc định tự chọn: tệp có thẻ {% %} là mẫu, còn lại là văn bản):
  --template   mẫu văn bản: bỏ qua chỗ còn thẻ {{ }}, {% %};
  --document   văn bản hoàn chỉnh: thẻ còn sót là lỗi;
  --generated  văn bản lập tự động: thẻ còn sót, “None”, “nan” là lỗi.

\b
Mã trả về:
  0  không có lỗi (có thể có cảnh báo);
  1  có lỗi thể thức (với --strict: có lỗi hoặc cảnh báo);
  2  dùng sai lệnh (không có tệp, thư mục không có văn bản .docx);
  3  có tệp không đọc được (không tìm thấy, tệp .doc, tệp hỏng).
"""


@click.command("lint", help=HELP, short_help="Kiểm tra thể thức Nghị định 30 của văn bản Word.")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--template", "mode", flag_value="template", help="Coi các tệp là mẫu văn bản.")
@click.option("--document", "mode", flag_value="document",
              help="Coi các tệp là văn bản hoàn chỉnh.")
@click.option("--generated", "mode", flag_value="generated",
              help="Coi các tệp là văn bản lập tự động.")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON (cho máy đọc).")
@click.option("--rules", "show_rules", is_flag=True,
              help="In danh mục quy tắc (mã, mức, chỗ quy định, nội dung) rồi thoát.")
@click.option("--strict", is_flag=True, help="Trả mã 1 cả khi chỉ có cảnh báo.")
def lint(files, mode, as_json, show_rules, strict) -> None:
    if show_rules:
        _print_rules(as_json)
        return
    if not files:
        raise click.UsageError("Chưa chỉ ra tệp .docx hoặc thư mục nào để kiểm tra.")
    results = check_all(_collect(files), mode or "auto")
    if as_json:
        click.echo(json.dumps(_as_json(results), ensure_ascii=False, indent=1))
    else:
        for checked in results:
            for line in _lines(checked):
                click.echo(line)
        click.echo(_summary(results), err=True)
    sys.exit(_exit_code(results, strict))


def check_all(paths: list[Path], mode: str) -> list[Checked]:
    """Check the files in order, on both cores when there are many (forked workers start in
    milliseconds and already hold the checker)."""
    from ..cores import fork_pool, two_cores
    if len(paths) < MANY or not two_cores():
        return [check_file(path, mode) for path in paths]
    with fork_pool() as pool:
        return list(pool.map(check_file, paths, [mode] * len(paths), chunksize=2))


def _collect(files) -> list[Path]:
    """Expand folders into their Word files (.docx and .doc in any case, not Word's ``~$``
    owner files nor hidden ones); a folder without any is a usage error."""
    found: list[Path] = []
    for path in files:
        if not path.is_dir():
            found.append(path)
            continue
        inside = sorted(p for p in path.iterdir() if p.is_file()
                        and p.suffix.lower() in (".docx", ".doc")
                        and not p.name.startswith(("~$", ".")))
        if not inside:
            raise click.UsageError(f"Thư mục {path} không có văn bản Word (.docx) nào.")
        found += inside
    return list(dict.fromkeys(found))


def _lines(checked: Checked) -> list[str]:
    """Write a file's findings, one line per group of repeats."""
    if checked.problem:
        return [f"{checked.path}: KHÔNG ĐỌC ĐƯỢC: {checked.problem}"]
    out = []
    for g in group(list(checked.violations)):
        v = g.first
        shown = f" “{v.text}”" if v.text else ""
        line = (f"{checked.path}: {v.level.upper()} [{v.code}] {v.place}{shown}: {v.message}"
                f" ({v.ref})")
        if g.count > 1:
            places = [p for p in dict.fromkeys(g.places) if p != v.place]
            others = "; ".join(places[:SHOWN_PLACES]) + ("…" if len(places) > SHOWN_PLACES else "")
            line += f" — lặp lại {g.count - 1} lần nữa" + (f" ở {others}" if others else "")
        out.append(line)
    return out


def _summary(results: list[Checked]) -> str:
    """Sum up: files checked, errors, warnings, unreadable files."""
    read = [c for c in results if not c.problem]
    errors, warnings = sum(c.errors for c in read), sum(c.warnings for c in read)
    text = (f"Đã kiểm tra {len(read)} văn bản: {errors} lỗi thể thức, {warnings} cảnh báo"
            f" ({sum(c.errors > 0 for c in read)} văn bản có lỗi).")
    bad = len(results) - len(read)
    return text + (f" {bad} tệp không đọc được." if bad else "")


def _exit_code(results: list[Checked], strict: bool) -> int:
    """Unreadable files first (the check is incomplete), then errors (and warnings)."""
    if any(c.problem for c in results):
        return UNREADABLE
    if any(c.errors or (strict and c.warnings) for c in results):
        return FOUND
    return OK


def _as_json(results: list[Checked]) -> dict:
    """Describe the results for a program: per file, its findings with repeats grouped."""
    files = []
    for c in results:
        findings = [{"code": g.first.code, "level": "error" if g.first.is_error else "warning",
                     "ref": g.first.ref, "where": g.first.where, "page": g.first.page,
                     "text": g.first.text, "value": g.first.value, "message": g.first.message,
                     "count": g.count, "places": list(g.places)}
                    for g in group(list(c.violations))]
        files.append({"file": str(c.path), "readable": not c.problem, "problem": c.problem,
                      "mode": c.mode, "errors": c.errors, "warnings": c.warnings,
                      "findings": findings})
    return {"files": files, "exit_code": _exit_code(results, False)}


def _print_rules(as_json: bool) -> None:
    """Print the catalogue of rules."""
    if as_json:
        click.echo(json.dumps([{"code": r.code, "level": "error" if r.level == ERROR else
                                "warning", "ref": r.ref, "what": r.what}
                               for r in RULES.values()], ensure_ascii=False, indent=1))
        return
    for r in RULES.values():
        click.echo(f"{r.code:<20} {r.level:<9} {r.ref:<38} {r.what}")


assert set(MODE_NAMES) | {"auto"} == set(MODES)
