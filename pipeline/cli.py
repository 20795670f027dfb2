"""The command line: ``python -m pipeline …``. Parses options, calls one library function,
prints in Vietnamese. Exit status: 0 done, 1 nothing could be done (or --strict and a
finding), 2 wrong usage, 3 some outputs not written, 4 another run holds the output folder.
"""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from . import clickvi
from .errors import OutputBusy, PipelineError
from .findings import Findings
from .model import Period

clickvi.install()
ROOT = Path(__file__).resolve().parent.parent
PERIOD_CHOICES = {p.slug: p for p in Period}
MANY_FILES = 100


def _periods(values: tuple[str, ...]) -> tuple[Period, ...] | None:
    return tuple(PERIOD_CHOICES[v] for v in values) or None


def _progress(items, count: int):
    """Show click's progress bar while reading, when there are many files; it reaches 100%
    and ends its line as the last file comes, whether or not the caller asks for more."""
    if count < MANY_FILES:
        yield from items
        return
    items = iter(items)
    with click.progressbar(length=count, label="Đang đọc", file=sys.stderr) as bar:
        for _ in range(count - 1):
            item = next(items, None)
            bar.update(1)
            yield item
        last = next(items, None)
        bar.update(1)
    yield last
    yield from items


input_option = click.option("--input", "input_dir", type=click.Path(path_type=Path),
                            default=ROOT / "input", show_default="input/",
                            help="Thư mục chứa báo cáo (tệp Excel) của các đơn vị.")
config_option = click.option("--config", "config_dir", type=click.Path(path_type=Path),
                             default=ROOT / "config", show_default="config/",
                             help="Thư mục cấu hình: config/<năm>/chi_tieu.xlsx, don_vi.xlsx, van_ban.xlsx.")
year_option = click.option("--year", type=click.IntRange(2000, 2100), default=None,
                           help="Năm thi đua (mặc định: năm mới nhất trong config/, hoặc năm "
                                "của các tệp trong input/ khi không tệp nào thuộc năm đó).")
output_option = click.option("--output", "output_dir", type=click.Path(path_type=Path),
                             default=ROOT / "output", show_default="output/",
                             help="Thư mục ghi văn bản Word và tệp kết quả kiểm tra.")
period_option = click.option("--period", "periods", multiple=True,
                             type=click.Choice(list(PERIOD_CHOICES)),
                             help="Kỳ báo cáo (lặp lại để chọn nhiều kỳ); mặc định: mọi kỳ có báo cáo.")
strict_option = click.option("--strict", is_flag=True,
                             help="Trả mã lỗi 1 nếu có bất kỳ lỗi hoặc cảnh báo nào.")


class _Commands(click.Group):
    """The commands; ``lint`` is imported only when asked for (or listed in the help): its
    Word checker loads python-docx, 80 ms that ``report`` and ``validate`` do not need."""

    LAZY = {"lint": "pipeline.lint.cli"}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.LAZY})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.LAZY and name not in self.commands:
            self.add_command(getattr(importlib.import_module(self.LAZY[name]), name))
        return super().get_command(ctx, name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Tổng hợp báo cáo phong trào thi đua: đọc tệp Excel của đơn vị, kiểm tra, lập văn bản Word."""


def _year(config_dir: Path, year: int | None) -> int:
    """Return the year asked, or the newest year of the configuration."""
    if year is not None:
        return year
    from .config import default_year
    try:
        return default_year(config_dir)
    except PipelineError as error:
        raise click.ClickException(str(error)) from error


def _check(input_dir, config_dir, year, periods, output_dir):
    """Read and check the inputs; without --year, follow the workbooks' year when none of
    them is of the newest configured year and theirs is configured (saying so). Unchanged
    workbooks' results are taken from those kept in ``output_dir`` (see readcache.py)."""
    from .readcache import kept_in
    from .report import check_folders
    try:                       # before anything, caches too, is written (a missing input
        if input_dir.is_dir():  # folder is said by the reading)
            check_folders(input_dir, output_dir)
    except PipelineError as error:
        raise click.ClickException(str(error)) from error
    with kept_in(output_dir, config_dir):
        return _check_inputs(input_dir, config_dir, year, periods)


def _check_inputs(input_dir, config_dir, year, periods):
    """Read and check the inputs as ``_check`` says."""
    from .report import check_inputs, input_year
    chosen = _year(config_dir, year)
    try:
        checked = check_inputs(input_dir, config_dir, chosen, _periods(periods), _progress)
        found, message = input_year(checked, config_dir, asked=year is not None)
        if message:
            click.echo(message, err=True)
        if found != chosen:
            checked = check_inputs(input_dir, config_dir, found, _periods(periods), _progress)
    except PipelineError as error:
        raise click.ClickException(str(error)) from error
    return checked


def _print_findings(findings) -> None:
    """Print each finding on its line (workbooks of another year are listed in the summary)."""
    from .summary import SET_ASIDE, finding_line
    for f in findings:
        if f.code != SET_ASIDE:
            click.echo(finding_line(f), err=True)


def _holding(write):
    """Return what ``write()`` (a writing step of report.py) produced; another run holding
    the output folder ends this one with EXIT_BUSY, overlapping folders with a message."""
    from .report import EXIT_BUSY
    try:
        return write()
    except OutputBusy as error:
        click.echo(f"Lỗi: {error}", err=True)
        sys.exit(EXIT_BUSY)
    except PipelineError as error:
        raise click.ClickException(str(error)) from error


@main.command()
@input_option
@output_option
@config_option
@year_option
@period_option
@strict_option
def validate(input_dir, output_dir, config_dir, year, periods, strict) -> None:
    """Kiểm tra các tệp báo cáo, in các lỗi tìm thấy và ghi tệp kết quả kiểm tra (bảng tình
    hình gửi, danh sách lỗi, thông báo cho từng đơn vị); không lập văn bản."""
    checked = _check(input_dir, config_dir, year, periods, output_dir)
    _print_findings(checked.findings)
    from .report import write_checks
    outcome = _holding(lambda: write_checks(checked, output_dir))
    _print_findings(outcome.findings[len(checked.findings):])
    _echo_written(outcome.written)
    _echo_summary(checked, outcome.findings)
    if not Findings(outcome.findings).valid or (strict and outcome.findings):
        sys.exit(1)


@main.command()
@input_option
@output_option
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
    from .report import make_report
    checked = _check(input_dir, config_dir, year, periods, output_dir)
    _print_findings(checked.findings)          # before anything is written
    outcome = _holding(lambda: make_report(checked, output_dir, templates_dir))
    _print_findings(outcome.findings[len(checked.findings):])
    documents = [w for w in outcome.written if w.path.suffix == ".docx"]
    _echo_written(outcome.written)
    _echo_summary(checked, outcome.findings)
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


def _echo_written(written) -> None:
    """Print each file written; the units' notices as one line with their folder."""
    from .summary import NOTICES_DIR
    notices = [w for w in written if w.path.parent.name.startswith(NOTICES_DIR)]
    for w in written:
        if w not in notices:
            click.echo(f"{w.status:>9}: {w.path}")
    if notices:
        click.echo(f"Thông báo cho {len(notices)} đơn vị có lỗi (chép gửi từng đơn vị): "
                   f"{notices[0].path.parent}")


def _convert(documents: list[Path], outdir: Path) -> None:
    """Convert documents to PDF, printing where each one went."""
    from .pdf import to_pdf
    click.echo(f"Đang chuyển {len(documents)} văn bản sang PDF bằng LibreOffice (có thể mất "
               "một phút)…", err=True)
    try:
        for path in to_pdf(documents, outdir):
            click.echo(f"      PDF: {path}")
    except PipelineError as error:
        raise click.ClickException(str(error)) from error


def _echo_summary(checked, findings) -> None:
    from .summary import summary_lines
    intake = checked.intake
    names = checked.config.units_title
    missing = {e.period.value: [names.get(c, c) for c in e.missing_units]
               for e in checked.evaluations}
    click.echo(f"Năm tổng hợp: {checked.config.directive.year}.", err=True)
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
              help="Hạn gửi báo cáo, dạng 05/07/2025 (mặc định: theo van_ban.xlsx, trang “Biểu mẫu”).")
def forms(period, year, config_dir, output_dir, deadline) -> None:
    """Lập biểu mẫu báo cáo cho từng đơn vị (mỗi đơn vị một tệp Excel)."""
    from .config import year_warnings
    from .formsets import write_forms
    from .summary import finding_line
    year = _year(config_dir, year)
    for warning in year_warnings(config_dir / str(year), year):    # before any form is written
        click.echo(finding_line(warning), err=True)
    try:
        written = write_forms(config_dir, year, PERIOD_CHOICES[period], output_dir,
                              deadline.date() if deadline else None)
    except PipelineError as error:
        raise click.ClickException(str(error)) from error
    for w in written:
        click.echo(f"{w.status:>9}: {w.path}")
    click.echo(f"Đã lập {len(written)} biểu mẫu năm {year} trong {output_dir}.", err=True)


@main.command()
@year_option
@config_option
@click.option("--output", "output_dir", type=click.Path(path_type=Path), default=ROOT / "input",
              show_default="input/", help="Thư mục ghi dữ liệu mẫu.")
def samples(year, config_dir, output_dir) -> None:
    """Lập lại DỮ LIỆU MẪU (biểu mẫu đã điền số liệu giả) để thử chương trình."""
    from .formsets import write_sample_inputs
    year = _year(config_dir, year)
    try:
        written = write_sample_inputs(config_dir, year, output_dir)
    except PipelineError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Đã ghi {len(written)} tệp dữ liệu mẫu năm {year} vào {output_dir}.", err=True)


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
@click.option("--output", "output_dir", type=click.Path(path_type=Path), default=None,
              help="Thư mục ghi PDF (mặc định: thư mục pdf/ cạnh văn bản).")
def pdf(files, output_dir) -> None:
    """Chuyển văn bản Word (.docx, hoặc mọi văn bản trong một thư mục) sang PDF bằng
    LibreOffice (một lần cho mọi tệp)."""
    documents = _word_files(files)
    if not documents:
        raise click.ClickException("Không có văn bản Word (.docx) nào để chuyển.")
    _convert(documents, output_dir or documents[0].parent / "pdf")
