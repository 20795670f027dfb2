"""The command line: ``python -m pipeline …``. Parses options, calls one library function,
prints in Vietnamese. Exit status: 0 done, 1 nothing could be done (or --strict and a
finding), 2 wrong usage, 3 some outputs not written, 4 another run holds the output folder.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import OutputBusy, PipelineError
from .model import Period, Severity
from .report import EXIT_BUSY, ROOT, Checked, check_inputs, make_report
from .summary import finding_line, summary_lines

PERIOD_CHOICES = {p.slug: p for p in Period}
MANY_FILES = 100


def _periods(values: tuple[str, ...]) -> tuple[Period, ...] | None:
    return tuple(PERIOD_CHOICES[v] for v in values) or None


def _progress(items, count: int):
    """Show click's progress bar while reading, when there are many files."""
    if count < MANY_FILES:
        yield from items
        return
    with click.progressbar(items, length=count, label="Đang đọc", file=sys.stderr) as bar:
        yield from bar


input_option = click.option("--input", "input_dir", type=click.Path(path_type=Path),
                            default=ROOT / "input", show_default="input/",
                            help="Thư mục chứa báo cáo (tệp Excel) của các đơn vị.")
config_option = click.option("--config", "config_dir", type=click.Path(path_type=Path),
                             default=ROOT / "config", show_default="config/",
                             help="Thư mục cấu hình: config/<năm>/chi_tieu.xlsx, don_vi.xlsx, van_ban.xlsx.")
year_option = click.option("--year", type=click.IntRange(2000, 2100), default=2024,
                           show_default=True, help="Năm thi đua.")
period_option = click.option("--period", "periods", multiple=True,
                             type=click.Choice(list(PERIOD_CHOICES)),
                             help="Kỳ báo cáo (lặp lại để chọn nhiều kỳ); mặc định: mọi kỳ có báo cáo.")
strict_option = click.option("--strict", is_flag=True,
                             help="Trả mã lỗi 1 nếu có bất kỳ lỗi hoặc cảnh báo nào.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Tổng hợp báo cáo phong trào thi đua: đọc tệp Excel của đơn vị, kiểm tra, lập văn bản Word."""


def _check(input_dir, config_dir, year, periods) -> Checked:
    try:
        return check_inputs(input_dir, config_dir, year, _periods(periods), _progress)
    except PipelineError as error:
        raise click.ClickException(str(error)) from error


def _print_findings(checked_findings) -> None:
    for f in checked_findings:
        click.echo(finding_line(f), err=True)


@main.command()
@input_option
@config_option
@year_option
@period_option
@strict_option
def validate(input_dir, config_dir, year, periods, strict) -> None:
    """Kiểm tra các tệp báo cáo và in các lỗi tìm thấy, không lập văn bản."""
    checked = _check(input_dir, config_dir, year, periods)
    _print_findings(checked.findings)
    _echo_summary(checked, checked.findings)
    errors = any(f.severity is Severity.ERROR for f in checked.findings)
    if errors or (strict and checked.findings):
        sys.exit(1)


@main.command()
@input_option
@click.option("--output", "output_dir", type=click.Path(path_type=Path), default=ROOT / "output",
              show_default="output/", help="Thư mục ghi văn bản Word và tệp kết quả kiểm tra.")
@config_option
@click.option("--templates", "templates_dir", type=click.Path(path_type=Path),
              default=ROOT / "templates", show_default="templates/", help="Thư mục mẫu văn bản.")
@year_option
@period_option
@strict_option
@click.option("--pdf", "make_pdf", is_flag=True,
              help="Chuyển thêm các văn bản sang PDF để xem trước, in (cần LibreOffice).")
def report(input_dir, output_dir, config_dir, templates_dir, year, periods, strict,
           make_pdf) -> None:
    """Lập các văn bản (báo cáo kỳ, báo cáo tổng kết, xếp hạng, tờ trình, quyết định)."""
    checked = _check(input_dir, config_dir, year, periods)
    try:
        outcome = make_report(checked, output_dir, templates_dir)
    except OutputBusy as error:
        click.echo(f"Lỗi: {error}", err=True)
        sys.exit(EXIT_BUSY)
    except PipelineError as error:
        raise click.ClickException(str(error)) from error
    _print_findings(outcome.findings)
    _echo_summary(checked, outcome.findings)
    documents = [w for w in outcome.written if w.path.suffix == ".docx"]
    for w in outcome.written:
        click.echo(f"{w.status:>9}: {w.path}")
    if not documents:
        click.echo("Không lập được văn bản nào (xem các lỗi ở trên).", err=True)
        sys.exit(outcome.exit_status)
    if make_pdf:
        _convert([w.path for w in documents], output_dir / "pdf")
    if outcome.exit_status:
        click.echo("Có văn bản hoặc tệp kết quả chưa ghi được (xem các lỗi ở trên).", err=True)
        sys.exit(outcome.exit_status)
    if strict and outcome.findings:
        sys.exit(1)


def _convert(documents: list[Path], outdir: Path) -> None:
    """Convert documents to PDF, printing where each one went."""
    from .pdf import to_pdf
    try:
        for path in to_pdf(documents, outdir):
            click.echo(f"      PDF: {path}")
    except PipelineError as error:
        raise click.ClickException(str(error)) from error


def _echo_summary(checked: Checked, findings) -> None:
    intake = checked.intake
    names = checked.config.units_title
    missing = {e.period.value: [names.get(c, c) for c in e.missing_units]
               for e in checked.evaluations}
    for line in summary_lines(intake.files_seen, intake.files_read, len(intake.submissions),
                              len({s.unit for s in intake.submissions}), intake.rejected,
                              missing, findings):
        click.echo(line, err=True)


@main.command()
@click.option("--period", "period", required=True, type=click.Choice(list(PERIOD_CHOICES)),
              help="Kỳ báo cáo của biểu mẫu.")
@year_option
@config_option
@click.option("--output", "output_dir", type=click.Path(path_type=Path),
              default=ROOT / "output" / "bieu_mau", show_default="output/bieu_mau/",
              help="Thư mục ghi biểu mẫu.")
@click.option("--deadline", type=click.DateTime(["%d/%m/%Y", "%Y-%m-%d"]), default=None,
              help="Hạn gửi báo cáo, dạng 05/07/2024 (mặc định: theo van_ban.xlsx, trang “Biểu mẫu”).")
def forms(period, year, config_dir, output_dir, deadline) -> None:
    """Lập biểu mẫu báo cáo cho từng đơn vị (mỗi đơn vị một tệp Excel)."""
    from .formsets import write_forms
    try:
        written = write_forms(config_dir, year, PERIOD_CHOICES[period], output_dir,
                              deadline.date() if deadline else None)
    except PipelineError as error:
        raise click.ClickException(str(error)) from error
    for w in written:
        click.echo(f"{w.status:>9}: {w.path}")
    click.echo(f"Đã lập {len(written)} biểu mẫu trong {output_dir}.", err=True)


@main.command()
@year_option
@config_option
@click.option("--output", "output_dir", type=click.Path(path_type=Path), default=ROOT / "input",
              show_default="input/", help="Thư mục ghi dữ liệu mẫu.")
def samples(year, config_dir, output_dir) -> None:
    """Lập lại DỮ LIỆU MẪU (biểu mẫu đã điền số liệu giả) để thử chương trình."""
    from .formsets import write_sample_inputs
    try:
        written = write_sample_inputs(config_dir, year, output_dir)
    except PipelineError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Đã ghi {len(written)} tệp dữ liệu mẫu vào {output_dir}.", err=True)


def _word_files(paths) -> list[Path]:
    """Return the documents named, a folder standing for the .docx files in it (not Word's
    ``~$`` owner files, nor hidden temporary files)."""
    found = set()
    for path in paths:
        if path.is_dir():
            found.update(p for p in path.glob("*.docx") if not p.name.startswith(("~$", ".")))
        else:
            found.add(path)
    return sorted(found)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def lint(files) -> None:
    """Kiểm tra thể thức Nghị định 30 của các văn bản Word (.docx, hoặc mọi văn bản trong một
    thư mục); trả mã 1 nếu có lỗi."""
    from .lint import format_violation, lint_files
    found = lint_files(_word_files(files))
    for path, violations in found.items():
        for violation in violations:
            click.echo(format_violation(path, violation))
    total = sum(len(v) for v in found.values())
    click.echo(f"Đã kiểm tra {len(found)} văn bản: {total} lỗi thể thức.", err=True)
    if total:
        sys.exit(1)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--output", "output_dir", type=click.Path(path_type=Path), default=None,
              help="Thư mục ghi PDF (mặc định: thư mục pdf/ cạnh văn bản).")
def pdf(files, output_dir) -> None:
    """Chuyển văn bản Word (.docx, hoặc mọi văn bản trong một thư mục) sang PDF bằng
    LibreOffice (một lần cho mọi tệp)."""
    documents = _word_files(files)
    if not documents:
        raise click.ClickException("Không có văn bản Word (.docx) nào để chuyển.")
    _convert(documents, output_dir or documents[0].parent / "pdf")
