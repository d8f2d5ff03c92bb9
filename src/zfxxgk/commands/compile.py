"""`zfxxgk compile`: a year's `zfxxgk.report/1` from the cases and registers stored
in a data folder's database — the same one `zfxxgk serve --data DIR` uses (one
store: the web application and the CLI see the same cases).

JSON files are an import format (`zfxxgk cases import-json`), read here by
`load_cases`:

    cases/*.json      one case per file (`Case.to_dict()`), or a list of cases;
                      a case with events is replayed on the bundled calendar, so
                      a hand-written file may give just id, agency,
                      applicant_type and events
    registers/*.json  `zfxxgk.register/1` files: table 四 (litigation) and
                      table 二 (active) entries, see `zfxxgk.cases.registers`
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import click

from ..cases.calendar import WorkdayCalendar
from ..cases.model import Case
from ..cases.workflow import TransitionError, replay
from ..errors import InputError
from ..ingest.text import read_json
from ..standard import FIRST_YEAR, LAST_YEAR
from . import refusals, write_out


def read_cases(path: Path, cal: WorkdayCalendar | None = None) -> list[Case]:
    """The case, or list of cases, of one JSON file, each replayed when it has events;
    an error names the file and the case."""
    cal = cal or WorkdayCalendar.bundled()
    try:
        data: Any = read_json(path)
    except InputError as e:
        raise click.ClickException(str(e)) from None
    out: list[Case] = []
    for d in data if isinstance(data, list) else [data]:
        if not isinstance(d, dict):
            raise click.ClickException(f"{path}：案件格式有误（应为一个案件对象 {{…}} 或案件对象的列表）")
        if _is_case_page(d):
            raise click.ClickException(
                f"{path}：这是案件页的 JSON（zfxxgk cases show --format json 的输出），不是案件文件；"
                f"数据库中的申请请写编号并加 --data 数据文件夹"
                f"（如 zfxxgk cases letter {str(d.get('number', '2026-0001'))[:40]} --data 数据 --kind 答复书 -o 答复书.pdf）")
        try:
            case = Case.from_dict(d)
            out.append(replay(case, cal) if case.events else case)
        except TransitionError as e:
            raise click.ClickException(f"{path}：案件{d.get('id', '')}的事件有误：{e}") from None
        except (KeyError, ValueError, TypeError, AttributeError) as e:
            raise click.ClickException(f"{path}：案件格式有误（{_case_fault(e)}）") from None
    return out


def _is_case_page(d: dict[str, Any]) -> bool:
    """`cases show` JSON: a page's view of a stored case (number, coded fields with
    their labels), which a clerk may well save and hand to `cases letter`."""
    return "id" not in d and "number" in d and isinstance(d.get("applicant_type"), dict)


_NOT_VALID = re.compile(r"^(.*) is not a valid \w+$", re.S)


def _case_fault(e: Exception) -> str:
    """What is wrong with a case object, in Chinese: the missing fields, a value no
    field takes; never Python's own text (a repr of the value and a class name)."""
    missing = re.search(r"missing \d+ required (?:positional |keyword-only )?arguments?: (.*)", str(e))
    if missing:
        return "缺少 " + "、".join(re.findall(r"'([^']+)'", missing.group(1)))
    if isinstance(e, KeyError):
        return f"缺少 {e.args[0]}"
    bad = _NOT_VALID.match(str(e))
    if bad:
        value = bad.group(1).strip("'\"")[:60]
        return f"有一项的值“{value}”不是可用的取值，应按 zfxxgk cases import-json 所读的案件格式填写"
    return "有一项的值类型不对，应按 zfxxgk cases import-json 所读的案件格式填写"


def load_cases(folder: Path) -> list[Case]:
    """Every case in `folder/*.json`."""
    cal = WorkdayCalendar.bundled()
    return [case for p in sorted(folder.glob("*.json")) for case in read_cases(p, cal)]


def data_option(exists: bool = False) -> Any:
    """--data of the commands that work on the web application's database."""
    return click.option(
        "--data", "data", default=None, type=click.Path(exists=exists, file_okay=False, path_type=Path),
        help="数据文件夹（与 zfxxgk serve --data 相同），默认为环境变量 ZFXXGK_DATA；"
             "设置了 DATABASE_URL 时使用该数据库。")


def open_store(data: Path | None) -> None:
    """Set Django up on the data folder's database (migrated), as `zfxxgk serve` does."""
    try:
        from ..web.server import prepare
    except ImportError:
        raise click.ClickException("此命令使用网页应用的数据库，请先安装：pip install 'zfxxgk[web]'") from None
    prepare(data)


@click.command(name="compile")
@click.option("--agency", required=True, help="机关名称（或机关标识），与登记案件时的受理机关一致。")
@click.option("--year", type=click.IntRange(FIRST_YEAR, LAST_YEAR), default=None,
              help="报告年度；不写时1至11月为上一年度，12月起为本年度。")
@data_option(exists=True)
@click.option("--no-litigation", is_flag=True,
              help="本年度没有行政复议、行政诉讼：表四填0（不加时，没有登记的表四留空）。")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="输出的 zfxxgk.report/1 JSON 文件，默认写到标准输出。")
def compile_cmd(agency: str, year: int | None, data: Path | None, no_litigation: bool,
                output: Path | None) -> None:
    """由数据库中的案件和登记编制年度报告：表三来自案件，表二、表四来自登记，正文六个部分写好草稿，输出 zfxxgk.report/1 JSON。

    例：zfxxgk compile --agency 青禾市人民政府 --year 2025 --data 数据 -o 2025.json
    """
    from ..app.years import RULE, default_report_year, unfinished_year_note
    from ..model import report_to_json

    open_store(data)
    from ..web.cases import store

    today = store.today()
    if year is None:
        year = default_report_year(today)
        click.echo(f"年度：{year}（没有写 --year，{RULE}）", err=True)
    if note := unfinished_year_note(year, today):
        click.echo(f"提示：{note}", err=True)
    with refusals(store.StoreError):
        comp = store.compile(agency, year, no_litigation=no_litigation)
    write_out(output, report_to_json(comp.report).rstrip("\n") + "\n")
    name = comp.report.agency
    click.echo(f"{name}{year}年：表三计入{comp.cases_counted}件申请；{comp.policy_note}", err=True)
    regs = store.registers(name)
    if not any(r.year == year for r in regs.active):
        click.echo("提示：没有本年度的表二登记，表二留空。", err=True)
    if not regs.litigation and not no_litigation:
        click.echo("提示：没有复议、诉讼登记，表四留空；如本年度确实没有，请加 --no-litigation。", err=True)
    from ..standard.placeholders import placeholders_left

    where = placeholders_left(comp.report.sections)
    if where:
        click.echo(f"提示：正文草稿已按表格写入数字，还有【待补充】的内容（{where}）需要本机关补写。", err=True)
    if data is not None and any(data.glob("cases/*.json")):
        click.echo(f"提示：{data / 'cases'} 里的 JSON 案件不直接参与编制，"
                   "请先用 zfxxgk cases import-json 导入数据库。", err=True)
