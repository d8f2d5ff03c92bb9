"""The `zfxxgk` command line: a thin face over `zfxxgk.api`.

Each command reads its inputs one by one; an input that cannot be read becomes one
Chinese line on stderr (exit status 2 at the end) and the run goes on, because a
reviewer checking 300 reports wants 299 results, not a traceback at the first
damaged PDF. Exit statuses follow findings.md: 2 if any input was unreadable, else
1 if `check` found an error, else 0.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
import traceback
from typing import Any, Callable, Iterator, TypeVar

import click

from . import __version__, api
from .runtime import tune_for_batch
from .errors import ZfxxgkError, internal_error
from .files import WRITE_ERRNOS, write_reason
from .model import Report, dumps, json_schema
from .standard.vocabulary import SEVERITY_NAMES
from .outputs import CsvWriter, JsonWriter, Output
from .render.text_table import display_width, format_table  # noqa: F401  (re-exported)
from .commands import click_zh, progress_bar

click_zh.install()  # click's usage errors, 用法： and help headings in Chinese

T = TypeVar("T")

# More inputs than this, with stderr on a terminal, get a progress bar.
PROGRESS_MIN_FILES = 20
STDIN_NAME = "-"


class Run:
    """Per-run bookkeeping: which inputs failed, and the progress bar if any."""

    def __init__(self, files: tuple[str, ...]):
        self.files = files
        self.failed = 0
        self._progress: Any = None
        self._task: Any = None
        self._page_tasks: dict[str, Any] = {}
        self._sandbox: Any = None  # the parser's worker, told to report OCR pages

    def __enter__(self) -> "Run":
        if sys.stderr.isatty():
            from .ingest.sandbox import shared

            self._sandbox = shared()
            self._sandbox.progress = self._pages
            if len(self.files) > PROGRESS_MIN_FILES:
                self._start_bar()
                self._task = self._progress.add_task("处理中", total=len(self.files))
        return self

    def _start_bar(self) -> None:
        self._progress = progress_bar(True)
        self._progress.start()

    def _pages(self, source: str | None, done: int, total: int) -> None:
        """A bar for the pages of a scan being read by OCR (several seconds each)."""
        if total < 2:
            return
        if self._progress is None:
            self._start_bar()
        key = f"ocr:{source}"
        task = self._page_tasks.get(key)
        if task is None:
            task = self._page_tasks[key] = self._progress.add_task(
                f"文字识别 {os.path.basename(source or '')}", total=total)
        self._progress.update(task, completed=done)
        if done >= total:
            self._progress.remove_task(task)

    def __exit__(self, *exc: object) -> None:
        if self._sandbox is not None:
            self._sandbox.progress = None
        if self._progress is not None:
            self._progress.stop()

    def __iter__(self) -> Iterator[str]:
        for name in self.files:
            yield name
            if self._progress is not None:
                self._progress.advance(self._task)

    def guard(self, name: str, func: Callable[..., T], *args: Any, **kw: Any) -> T | None:
        """Call func; a failure becomes one stderr line for this input, not an abort."""
        try:
            return func(*args, **kw)
        except ZfxxgkError as e:
            self.fail(name, e.message)
        except Exception as e:  # one bad input must never stop the run
            if os.environ.get("ZFXXGK_TRACEBACK"):
                traceback.print_exc()
            self.fail(name, internal_error(e))
        return None

    def fail(self, name: str, message: str) -> None:
        self.failed += 1
        shown = "标准输入" if name == STDIN_NAME else name
        line = f"错误：{shown}：{message}"
        if self._progress is not None:
            self._progress.console.print(line, markup=False, highlight=False)
        else:
            click.echo(line, err=True)


def read_report(name: str, previous: Report | None = None) -> Report:
    """One input (a path, or `-` for standard input) -> Report; `previous`
    (--previous) is last year's report, which may settle a damaged 上年结转 row."""
    if name == STDIN_NAME:
        if sys.stdin is None:
            raise ZfxxgkError("没有可读取的标准输入")
        # read from its binary .buffer
        return api.parse_stream(sys.stdin, previous=previous)
    return api.parse_path(name, previous=previous)


@contextlib.contextmanager
def ocr_switch(on: bool) -> Iterator[None]:
    """--no-ocr: the loaders' default (ingest.text.LoadOptions.ocr) follows
    ZFXXGK_NO_OCR, set for the command's duration only, so inputs read by helpers
    and worker processes are left unread too."""
    before = os.environ.get("ZFXXGK_NO_OCR")
    if not on:
        os.environ["ZFXXGK_NO_OCR"] = "1"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("ZFXXGK_NO_OCR", None)
        else:
            os.environ["ZFXXGK_NO_OCR"] = before


no_ocr_option = click.option(
    "--no-ocr", is_flag=True,
    help="不做文字识别：扫描件 PDF 的无文字层页面和图片（PNG、JPEG、TIFF，Word 和网页中的表格图片）不读取。")


def _split_ids(values: tuple[str, ...]) -> list[str] | None:
    ids = [v.strip() for value in values for v in value.split(",") if v.strip()]
    return ids or None


# --- the commands ----------------------------------------------------------------------

# Commands whose modules are imported only when used: `zfxxgk parse` should not
# pay for Django, WeasyPrint or cryptography at start-up.
LAZY_COMMANDS = {
    "cases": "zfxxgk.commands.cases:cases",
    "deadline": "zfxxgk.commands.cases:deadline",  # issue 8 names it at the top level too
    "compile": "zfxxgk.commands.compile:compile_cmd",
    "new": "zfxxgk.commands.render:new",
    "render": "zfxxgk.commands.render:render",
    "fix": "zfxxgk.commands.render:fix",
    "fetch": "zfxxgk.commands.fetch:fetch",
    "batch": "zfxxgk.commands.corpus:batch",
    "aggregate": "zfxxgk.commands.corpus:aggregate",
    "stats": "zfxxgk.commands.corpus:stats",
    "sql": "zfxxgk.commands.sql:sql",
    "serve": "zfxxgk.web.server:serve",
    "worker": "zfxxgk.web.server:worker",
    "backup": "zfxxgk.web.backup:backup",
    "restore": "zfxxgk.web.backup:restore",
    "users": "zfxxgk.commands.users:users",
}


class LazyGroup(click.Group):
    """A click group that imports a command's module on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(LAZY_COMMANDS))

    def invoke(self, ctx: click.Context) -> Any:
        """A refusal no command caught (an output file that cannot be written) is one
        Chinese line and exit status 1, not a traceback."""
        try:
            return super().invoke(ctx)
        except ZfxxgkError as e:
            raise click.ClickException(str(e)) from None

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        command = super().get_command(ctx, name)
        if command is None and name in LAZY_COMMANDS:
            module, attr = LAZY_COMMANDS[name].split(":")
            command = getattr(importlib.import_module(module), attr)
            self.add_command(command, name)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", message="zfxxgk %(version)s")
def cli() -> None:
    """zfxxgk：政府信息公开工作年度报告的解析、核查与数据化。

    \b
    zfxxgk parse 报告.txt            把报告解析为 zfxxgk.report/1 JSON（或 JSON Lines、CSV）
    zfxxgk check 报告.txt            核查报告，列出数字和格式上的问题
    zfxxgk schema                    输出报告 JSON 的 JSON Schema
    zfxxgk rules                     列出全部核查规则
    zfxxgk cases deadline|fee|letter  依申请公开：答复期限（附计算说明）、信息处理费、文书
    zfxxgk cases add|list|show|event --data 文件夹  登记、查看申请，记录办理事件
    zfxxgk cases import 台账.xlsx --agency 名称 --data 文件夹  导入依申请公开台账（全部或全不）
    zfxxgk cases calendar add 2027.toml --data 文件夹  录入当年节假日安排，重算在办申请的期限
    zfxxgk deadline --received 日期   同 zfxxgk cases deadline：答复期限及计算说明
    zfxxgk compile --agency 名称 --year 年 --data 文件夹  由案件和登记编制年度报告 JSON
    zfxxgk new --agency 名称 --year 年  生成年度报告的 YAML 草稿（带中文说明）
    zfxxgk render 报告 --to docx -o 文件  生成官方格式的 HTML、Word、PDF、Excel、Markdown
    zfxxgk fix 报告 -o 文件          安全修正标题、行名、空白总计，打印改动和理由
    zfxxgk fetch 网址 --out 文件夹      下载网站的年报栏目（遵守 robots.txt，可断点续传）
    zfxxgk batch 文件夹 --out 结果      批量解析、核查（多进程或 Dask），输出 Parquet，可断点续跑
    zfxxgk aggregate 结果 --region 名称 --year 年  由各单位报告汇总出地区的年度报告
    zfxxgk stats 结果 [--by agency]  批量结果的统计和指标（实质公开率等，附口径），可生成带图表的网页
    zfxxgk sql "SELECT …" --out 结果  用 SQL 查询批量结果（DuckDB，无需另装）
    zfxxgk serve                     启动网页版（上传核查、批量核查、审核发布、统计、API）
    zfxxgk worker                    网页版批量核查的后台进程（serve 自动启动）
    zfxxgk backup --data 文件夹 -o 备份.zip  备份网页版的数据库和上传的原文件
    zfxxgk restore 备份.zip --data 文件夹  由备份恢复网页版的数据（已有数据时需加 --force）
    zfxxgk users add 名字 --role 录入员 --agency 机关 --password-stdin  网页版的账号（add/list/set/remove/unlock）

    退出状态：有文件无法读取时为 2；check 发现错误级问题时为 1；否则为 0。
    """
    tune_for_batch()


files_argument = click.argument("files", nargs=-1, required=True, metavar="FILE...")
output_option = click.option(
    "-o", "--output", metavar="OUT", default=None,
    help="写入这个文件（完整写完后才替换原文件），默认输出到标准输出。")


@cli.command()
@files_argument
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "csv"]), default="json",
              show_default=True,
              help="json：一个文件输出一个对象，多个文件输出 JSON 数组；jsonl：每行一个报告；"
                   "csv：长表，每个单元格一行（列：source、agency、year、template、table、row、column、value）。")
@output_option
@click.option("--no-provenance", is_flag=True,
              help="不输出 provenance（每个单元格在原文中的位置），文件更小。")
@click.option("--previous", metavar="LAST", default=None,
              help="同一机关上一年度的报告（任一可读取的格式，或 zfxxgk.report/1 JSON）：表格数字连写、"
                   "按本行总计仍有多种拆法的“上年结转”行，用上年的“结转下年度”确定，"
                   "provenance 的 decided_by 记为“上年报告”。")
@no_ocr_option
def parse(files: tuple[str, ...], fmt: str, output: str | None, no_provenance: bool,
          previous: str | None, no_ocr: bool) -> None:
    """把年度报告解析为结构化数据（zfxxgk.report/1）。

    “文件”是年度报告文件，格式按内容识别：文本（.txt、.md；UTF-8、UTF-16 或 GBK/GB18030 编码）、PDF、OFD、网页（HTML）、Word（DOCX）、Excel（XLSX），装有 LibreOffice 时还有旧版 Word（DOC）、WPS、RTF、旧版 Excel（XLS）、WPS 表格（ET）、OpenDocument；也可以是 zfxxgk.report/1 JSON 文件；“-” 表示从标准输入读取。扫描件 PDF 和图片（PNG、JPEG、TIFF，Word 和网页中的表格图片）经离线文字识别读取，每个识别的数字在 provenance 中记有置信度和位置；--no-ocr 时扫描件的表格输出为空（null）。

    无法读取的文件（空文件、图片等不支持的格式、已加密或损坏的文件、超过 50 MB 等）在标准错误输出一行说明，其余文件照常输出，最后退出状态为 2；全部读取成功时为 0。

    \b
    例：zfxxgk parse 2023年报.txt
        zfxxgk parse --format csv -o 全部.csv 报告/*.txt
    """
    with Run(files) as run, Output(output) as out, ocr_switch(not no_ocr):
        last = run.guard(previous, read_report, previous) if previous else None
        count = 0
        if fmt == "csv":
            writer: Any = CsvWriter(out)
        else:
            writer = JsonWriter(out, fmt, many=len(files) > 1)
            writer.begin()
        for name in run:
            report = run.guard(name, read_report, name, previous=last)
            if report is None:
                continue
            if fmt == "csv":
                writer.report(report, source=name)
            else:
                writer.item_report(report, provenance=not no_provenance)
            count += 1
        if fmt != "csv":
            writer.end()
        if count:
            out.commit()
    click.get_current_context().exit(2 if run.failed else 0)


@cli.command()
@files_argument
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl", "html", "xlsx", "csv"]),
              default="text", show_default=True,
              help="text：中文核查意见；json：findings 文档（多个文件为数组）；jsonl：每行一个文件的 findings；"
                   "html：供审核人员阅读的网页（多个文件时 -o 写索引页，含汇总、可排序的列、通过与否和无法读取的文件，"
                   "各报告的网页写在同一文件夹）；xlsx、csv：问题清单（报告、机关、年度、规则、级别、单元格、位置、说明），"
                   "xlsx 须用 -o 指定文件。")
@output_option
@click.option("--select", multiple=True, metavar="RULES",
              help="只运行这些规则，逗号分隔，可写规则编号或类别：T3-1、T3、F-。可重复。")
@click.option("--skip", multiple=True, metavar="RULES",
              help="不运行这些规则（写法同 --select）。可重复。")
@click.option("--previous", metavar="LAST", default=None,
              help="同一机关上一年度的报告，用于跨年度核查（上年结转、现行有效件数等），"
                   "也用于拆分本年报告中连写的“上年结转”数字；"
                   "不给出时，在输入的报告（如文件夹）中按机关和年度自动配对，两种用途相同。")
@no_ocr_option
def check(files: tuple[str, ...], fmt: str, output: str | None, select: tuple[str, ...],
          skip: tuple[str, ...], previous: str | None, no_ocr: bool) -> None:
    """核查年度报告：勾稽关系、表格格式、标签用语等问题。

    “文件”是年度报告文件（文本、PDF、OFD、HTML、DOCX、XLSX，装有 LibreOffice 时还有 DOC、WPS、RTF、XLS、ET、ODT、ODS），或 zfxxgk parse 输出的 zfxxgk.report/1 JSON 文件，均按内容识别；“-” 表示从标准输入读取。扫描件和图片经离线文字识别读取，识别不确定的数字报告为 F-OCR 或按勾稽关系确定（F-INFERRED）；--no-ocr 时扫描件 PDF 报告为 F-TABLE 错误。

    \b
    退出状态：有文件无法读取时为 2（其余文件照常核查）；
              发现错误级（error）问题时为 1；否则为 0。

    \b
    “文件”也可以是文件夹或 zip 压缩包：核查其中全部报告（与 zfxxgk batch 读取的文件相同），
    并把同一机关相邻年度的报告配对做跨年度核查。

    \b
    例：zfxxgk check 2023年报.txt
        zfxxgk check 2024年报.txt --previous 2023年报.txt
        zfxxgk check --select T3,T4 --format json 报告/*.txt
        zfxxgk check 报告/ --format html -o 核查/index.html
        zfxxgk check 报告/ --format xlsx -o 问题清单.xlsx
    """
    from .app import check_many, read_inputs, settle_with_previous
    from .check import exit_status, findings_document

    if fmt == "xlsx" and output in (None, "-"):
        raise click.UsageError("xlsx 格式须用 -o 指定输出文件，例如 -o 问题清单.xlsx")
    selected, skipped = _split_ids(select), _split_ids(skip)
    with Run(files) as run, Output(output) as out, ocr_switch(not no_ocr):
        last = run.guard(previous, read_report, previous) if previous else None
        inputs = list(read_inputs(run, lambda: read_report(STDIN_NAME, previous=last),
                                  previous=last))
        if last is None:  # the folder's own pairs settle damaged 上年结转 rows, as --previous does
            inputs = settle_with_previous(inputs)
        reports, unreadable = _readable(run, inputs)
        found = check_many([r for _, r in reports], selected, skipped, previous=last,
                           guard=lambda i, func: run.guard(reports[i][0], func))
        pages = [(r, f) for (_, r), f in zip(reports, found) if f is not None]
        docs = [findings_document(r, f) for r, f in pages]
        _write_findings(out, output, fmt, docs, pages, many=len(inputs) > 1, unreadable=unreadable)
        if docs or (unreadable and fmt in ("html", "csv", "xlsx")):
            out.commit()
    click.get_current_context().exit(exit_status(docs, run.failed > 0))


def _readable(run: Run, inputs) -> tuple[list[tuple[str, Report]], list[tuple[str, str]]]:
    """The inputs that could be read, and (file, reason) of the others; each of
    those is also one stderr line."""
    out, unreadable = [], []
    for item in inputs:
        if item.report is None:
            run.fail(item.source, item.error or "无法读取")
            unreadable.append((item.source, item.error or "无法读取"))
        else:
            out.append((item.source, item.report))
    return out, unreadable


def _write_findings(out: Output, output: str | None, fmt: str, docs: list, pages: list,
                    many: bool, unreadable: list[tuple[str, str]]) -> None:
    from .app import finding_table
    from .app.review_pages import write_html
    from .check import format_review

    if fmt == "html":
        if pages or unreadable:
            write_html(out, output, pages, unreadable)
    elif fmt in ("csv", "xlsx"):
        entries = finding_table.entries(pages, unreadable)
        if fmt == "csv":
            out.write(finding_table.to_csv(entries))
        else:
            out.write_bytes(finding_table.to_xlsx(entries))
    elif fmt == "text":
        out.write("\n".join(format_review(r, f).rstrip("\n") + "\n" for r, f in pages))
    else:
        writer = JsonWriter(out, fmt, many=many)
        writer.begin()
        for doc in docs:
            writer.item_data(doc)
        writer.end()


@cli.command()
def schema() -> None:
    """输出 zfxxgk.report/1 报告格式的 JSON Schema（供其他工具校验 parse 的输出）。

    \b
    例：zfxxgk schema > report-1.schema.json
    """
    click.echo(dumps(json_schema(), indent=2))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text：中文表格；json：规则目录的 JSON 数组。")
def rules(fmt: str) -> None:
    """列出已实现的核查规则（编号、级别、说明），编号可用于 check 的 --select/--skip。

    \b
    例：zfxxgk rules
        zfxxgk rules --format json
    """
    from .check import rules_catalogue

    catalogue = rules_catalogue()
    if fmt == "json":
        click.echo(dumps(catalogue, indent=1))
        return
    rows = [("编号", "级别", "说明")]
    rows += [(e["id"], SEVERITY_NAMES.get(e["severity"], e["severity"]), e["title"] or e["description"])
             for e in catalogue]
    click.echo(format_table(rows))


def main() -> None:
    """Console entry point: also ends quietly when the reader of stdout goes away
    (`zfxxgk parse … | head`), and in one Chinese line when stdout cannot be written
    (`> /dev/full`, a full disk): every command writes there, and each printed a
    traceback. What stdout still buffers is flushed here, where it can be caught."""
    try:
        try:
            cli()
        finally:
            sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
        sys.exit(1)
    except OSError as e:
        if e.errno not in WRITE_ERRNOS:
            raise
        _quiet_stdout()
        click.echo(f"错误：无法写入标准输出：{write_reason(e)}", err=True)
        sys.exit(1)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush of what it still
    buffers neither fails again nor prints "Exception ignored"."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    main()
