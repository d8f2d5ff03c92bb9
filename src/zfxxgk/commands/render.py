"""`zfxxgk render`, `zfxxgk new`, `zfxxgk fix`: argument handling over
`zfxxgk.render` (the library does the work; these print and pick exit codes).

Exit statuses as elsewhere: 2 when the input cannot be read (one Chinese line on
stderr), 1 when `render` refuses a report with error findings (listed on stderr),
0 otherwise.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from ..errors import ZfxxgkError
from ..model import Report, report_to_json
from ..render import FORMATS, format_for_path, render as render_report
from . import write_out

STDIN = "-"


def load_any(name: str) -> Report:
    """A report JSON, a YAML draft, or any report file the parser reads (drafts are
    told by content, as `check` and `parse` tell them)."""
    from .. import api

    if name == STDIN:  # read up to the size limit: `render - < /dev/zero` took all memory
        return api.parse_stream(sys.stdin, source="标准输入")
    path = Path(name)
    if not path.is_file():
        raise ZfxxgkError("文件不存在或不是普通文件", source=name)
    if name.lower().endswith((".yaml", ".yml")):
        return api.read_draft_bytes(path.read_bytes(), source=name)
    return api.parse_path(name)


def _fail(message: str, code: int = 2) -> NoReturn:
    click.echo(f"错误：{message}", err=True)
    click.get_current_context().exit(code)


def _load(name: str) -> Report:
    """`load_any`, or one Chinese line on stderr and exit status 2."""
    try:
        return load_any(name)
    except ZfxxgkError as e:
        _fail(str(e) if e.source else f"{name}：{e.message}")


def _pick_format(to: str | None, output: str | None) -> str:
    fmt = to or (format_for_path(output) if output and output != STDIN else None)
    if fmt is None:
        _fail("请用 --to 指定输出格式（html、docx、pdf、xlsx、md），或用 -o 给出带扩展名的文件名")
    if fmt in ("docx", "pdf", "xlsx") and (output is None or output == STDIN):
        _fail(f"{fmt} 是二进制文件，请用 -o 指定输出文件")
    return fmt


@click.command()
@click.argument("report", metavar="REPORT")
@click.option("--to", "to", type=click.Choice(FORMATS), default=None,
              help="输出格式；不写时按 -o 文件的扩展名判断。")
@click.option("-o", "--output", metavar="OUT", default=None,
              help="输出文件（完整写完后才替换原文件）；html、md 不写时输出到标准输出。")
@click.option("--fragment", is_flag=True,
              help="只输出 HTML 片段（<article>…</article>，带内联样式），可直接粘贴到网站内容管理系统。")
@click.option("--force", is_flag=True, help="核查发现错误时仍然生成（照原样输出，不改动数字）。")
def render(report: str, to: str | None, output: str | None, fragment: bool, force: bool) -> None:
    """把报告生成为符合官方格式的 HTML、Word（docx）、PDF、Excel（xlsx）或 Markdown 文件。

    “报告”可以是 zfxxgk.report/1 JSON、zfxxgk new 生成并填好的 YAML 草稿，或 zfxxgk 能解析的报告文件。

    生成前先核查：有错误级问题（如勾稽关系不符）时列出问题并拒绝生成，退出状态为 1；加 --force 照原样生成。

    \b
    例：zfxxgk render 草稿.yaml --to docx -o 2025年报.docx
        zfxxgk render 报告.json -o 报告.pdf
        zfxxgk render 草稿.yaml --to html --fragment > 正文.html
    """
    fmt = _pick_format(to, output)
    data = _load(report)
    from ..check import run

    errors = [f for f in run(data) if f.severity == "error"]
    if errors and not force:
        click.echo(f"错误：{report}：核查发现 {len(errors)} 个错误，未生成文件（确需照原样生成请加 --force）：",
                   err=True)
        for f in errors:
            click.echo(f"  {f.rule}：{f.message}", err=True)
        click.get_current_context().exit(1)
    if errors:
        click.echo(f"注意：核查发现 {len(errors)} 个错误，已按 --force 照原样生成。", err=True)
    write_out(output, render_report(data, fmt, fragment=fragment))
    from ..standard.placeholders import placeholders_left

    if left := placeholders_left(data.sections):  # drafted by compile, not yet written
        click.echo(f"注意：正文{left}还有【待补充】的内容，已照原样生成；请补写后再公开。", err=True)


@click.command()
@click.option("--agency", required=True, metavar="名称", help="机关名称，如“青禾市云岭区望湖街道办事处”。")
@click.option("--year", required=True, type=click.IntRange(2019, 2100), help="统计年度，如 2025。")
@click.option("--template", "template", type=click.Choice(["2019", "2021"]), default=None,
              help="表格格式；不写时按年度选择（2021年度起为 2021）。")
@click.option("--from", "last_year", metavar="LAST_YEAR_REPORT", default=None,
              help="上一年度的报告（任何可读的格式或草稿）：带入上年结转和现行有效件数，其余留空。")
@click.option("-o", "--output", metavar="OUT", default=None, help="草稿文件，默认输出到标准输出。")
def new(agency: str, year: int, template: str | None, last_year: str | None,
        output: str | None) -> None:
    """生成年度报告的 YAML 草稿：每一项都有中文说明，不填的格为 ~（空白），填好后用 zfxxgk check 核查、zfxxgk render 生成报告。

    \b
    例：zfxxgk new --agency 青禾市交通运输局 --year 2025 -o 草稿.yaml
        zfxxgk new --agency 青禾市交通运输局 --year 2025 --from 2024年报.pdf -o 草稿.yaml
    """
    from ..render.draft import new_draft

    if not agency.strip():
        _fail("机关名称不能为空")
    last = _load(last_year) if last_year else None
    if last is not None and last.year is not None and last.year != year - 1:
        click.echo(f"注意：{last_year} 是{last.year}年度的报告，不是{year - 1}年度。", err=True)
    write_out(output, new_draft(agency.strip(), year, template, last_year=last))
    if output not in (None, STDIN):  # a silent success left the clerk unsure anything was written
        click.echo(f"已生成{agency.strip()}{year}年度报告的草稿：{output}"
                   f"（填好后用 zfxxgk check 核查，再用 zfxxgk render 生成报告）", err=True)


@click.command()
@click.argument("report", metavar="REPORT")
@click.option("-o", "--output", metavar="FIXED", required=True,
              help="修正后的文件：.json 为报告 JSON，.yaml 为草稿，.html/.docx/.pdf/.xlsx/.md 为按官方格式生成的报告。")
def fix(report: str, output: str) -> None:
    """安全地修正报告：官方行名、标题和格式用语，机关名称中重复的词，可由勾稽关系确定的空白总计。

    每处改动连同理由打印出来；已公开的数字即使不符合勾稽关系也不改动，只列出来请人核实。

    \b
    例：zfxxgk fix 2024年报.txt -o 修正后.docx
        zfxxgk fix 2024年报.txt -o 修正后.json
    """
    from ..render.draft import new_draft
    from ..render.fix import fix_report, format_diff

    lower = output.lower()
    fmt = format_for_path(output)
    if not (fmt or lower.endswith((".json", ".yaml", ".yml"))):
        _fail("-o 的扩展名应为 .json、.yaml、.html、.docx、.pdf、.xlsx 或 .md")
    result = fix_report(_load(report))
    if lower.endswith(".json"):
        out: bytes | str = report_to_json(result.report) + "\n"
    elif lower.endswith((".yaml", ".yml")):
        fixed = result.report
        out = new_draft(fixed.agency or "", fixed.year or 0, fixed.template, report=fixed)
    else:
        out = render_report(result.report, fmt or "html")
    write_out(output, out)
    click.echo(format_diff(result), nl=False)
