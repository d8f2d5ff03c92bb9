"""`zfxxgk compile`: a year's `zfxxgk.report/1` from the case and register files.

Data folder layout (`--data DIR`):

    DIR/cases/*.json      one case per file (`Case.to_dict()`), or a list of cases;
                          a case with events is replayed on the bundled calendar, so
                          a hand-written file may give just id, agency,
                          applicant_type and events
    DIR/registers/*.json  `zfxxgk.register/1` files: table 四 (litigation) and
                          table 二 (active) entries, see `zfxxgk.cases.registers`

Either folder may be missing: then the table it feeds stays blank (tables 二/四) or
empty (table 三).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..cases.calendar import WorkdayCalendar
from ..cases.compile import compile_year
from ..cases.model import Case
from ..cases.registers import RegisterError, Registers, load
from ..cases.workflow import TransitionError, replay


def load_cases(folder: Path, cal: WorkdayCalendar | None = None) -> list[Case]:
    """Every case in `folder/*.json`; an error names the file and the case."""
    cal = cal or WorkdayCalendar.bundled()
    out: list[Case] = []
    for p in sorted(folder.glob("*.json")):
        try:
            data: Any = json.loads(p.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            raise click.ClickException(f"{p}：不是有效的 JSON（{e}）") from None
        for d in data if isinstance(data, list) else [data]:
            try:
                case = Case.from_dict(d)
                out.append(replay(case, cal) if case.events else case)
            except TransitionError as e:
                raise click.ClickException(f"{p}：案件{d.get('id', '')}的事件有误：{e}") from None
            except (KeyError, ValueError, TypeError, AttributeError) as e:
                raise click.ClickException(f"{p}：案件格式有误（{e!r}）") from None
    return out


@click.command(name="compile")
@click.option("--agency", required=True, help="机关名称，与案件、登记中的 agency 一致。")
@click.option("--year", required=True, type=click.IntRange(2008, 2100), help="报告年度。")
@click.option("--data", "data", required=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="数据文件夹：cases/*.json 为案件，registers/*.json 为表二、表四登记。")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="输出的 zfxxgk.report/1 JSON 文件，默认写到标准输出。")
def compile_cmd(agency: str, year: int, data: Path, output: Path | None) -> None:
    """由案件和登记编制年度报告的表格：表三来自案件，表二、表四来自登记，输出 zfxxgk.report/1 JSON。

    例：zfxxgk compile --agency 青禾市人民政府 --year 2025 --data 数据 -o 2025.json
    """
    from ..model import report_to_json

    cases = load_cases(data / "cases") if (data / "cases").is_dir() else []
    registers: Registers | None = None
    if (data / "registers").is_dir():
        try:
            registers = load((data / "registers").glob("*.json"))
        except RegisterError as e:
            raise click.ClickException(str(e)) from None
    comp = compile_year(cases, year, agency,
                        litigation=registers.litigation if registers else None,
                        active_figures=registers.active if registers else None)
    text = report_to_json(comp.report).rstrip("\n")
    if output:
        output.write_text(text + "\n", encoding="utf-8")
    else:
        click.echo(text)
    counted = len({cid for ids in comp.cases_by_row.values() for cid in ids})
    click.echo(f"{agency}{year}年：表三计入{counted}件申请；{comp.policy_note}", err=True)
    if registers is None or not any(r.agency == agency and r.year == year for r in registers.active):
        click.echo("提示：没有本年度的表二登记，表二留空。", err=True)
    if registers is None:
        click.echo("提示：没有复议、诉讼登记（registers/），表四留空。", err=True)
