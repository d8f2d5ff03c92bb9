"""`zfxxgk cases …`: statutory deadlines and 109号 fees from the command line.

A thin face over `zfxxgk.cases`: parse the arguments, call the library, print.
Exit status: 0; 3 when a deadline is provisional (a year without holiday data — the
warning also goes to stderr, so a script cannot miss it); 2 for bad arguments.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click

from ..cases.calendar import WorkdayCalendar
from ..cases.counting import Pause
from ..standard.dates import zh_date
from ..cases.deadlines import answer_deadline
from ..cases.fees import pages_fee, pieces_fee_in_month
from ..cases.letters import LetterKind as LETTER_KINDS
from . import refusals

EXIT_PROVISIONAL = 3

format_option = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                             show_default=True, help="输出格式。")


class DateType(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(f"日期格式应为 YYYY-MM-DD：{value}", param, ctx)


class PauseType(click.ParamType):
    name = "FROM:TO"

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        if isinstance(value, Pause):
            return value
        try:
            a, b = value.split(":")
            p = Pause(date.fromisoformat(a), date.fromisoformat(b), "暂停计算")
        except ValueError:
            self.fail(f"暂停区间应写作 YYYY-MM-DD:YYYY-MM-DD：{value}", param, ctx)
        if p.end < p.start:
            self.fail(f"暂停区间的结束日期早于开始日期：{value}", param, ctx)
        return p


today_option = click.option("--today", type=DateType(), default=None, help="按这一天计算（默认今天）。")


@click.group(name="cases")
def cases() -> None:
    """依申请公开：登记和办理申请，法定期限、信息处理费和文书。"""


@cases.command()
@click.option("--received", required=True, type=DateType(), help="收到申请之日（第三十一条）。")
@click.option("--days", type=click.IntRange(1, 200), default=None, help="期限的工作日数，默认20。")
@click.option("--corrected", type=DateType(), default=None, help="收到补正后申请之日：期限重新计算。")
@click.option("--pause", "pauses", type=PauseType(), multiple=True,
              help="不计入期限的区间（含首尾），如征求意见期间；可重复。")
@click.option("--extend", type=click.IntRange(0, 20), default=0, help="延长答复期限的工作日数（≤20）。")
@format_option
def deadline(received: date, days: int | None, corrected: date | None,
             pauses: tuple[Pause, ...], extend: int, fmt: str) -> None:
    """计算答复期限：自收到申请的次日起算的第N个工作日，附计算说明。

    例：zfxxgk cases deadline --received 2024-09-27
    """
    try:
        result = answer_deadline(WorkdayCalendar.bundled(), received, days=days,
                                 corrected=corrected, pauses=pauses, extension=extend)
    except ValueError as e:
        raise click.UsageError(str(e)) from None
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
    else:
        mark = "（暂定）" if result.answer.provisional else ""
        click.echo(f"答复期限：{zh_date(result.answer.due, weekday=True)}{mark}")
        click.echo(result.answer.explanation)
        click.echo(f"补正告知期限：{zh_date(result.correction_notice.due, weekday=True)}")
        click.echo(f"日历版本：{result.answer.calendar_version}")
    if result.provisional:
        click.echo("警告：所涉年份尚未录入国务院办公厅的节假日安排，已按法定假日推定，期限为暂定，公布后须重新计算。", err=True)
        sys.exit(EXIT_PROVISIONAL)


@cases.command()
@click.option("--pieces", type=click.IntRange(0), default=None, help="按件计收：本次申请件数。")
@click.option("--already", type=click.IntRange(0), default=0,
              help="按件计收：同一申请人本月此前已有的件数。")
@click.option("--pages", type=click.IntRange(0), default=None, help="按量计收：页数。")
@format_option
def fee(pieces: int | None, already: int, pages: int | None, fmt: str) -> None:
    """计算信息处理费（国办函〔2020〕109号）：--pieces 按件，或 --pages 按量，二选一。

    例：zfxxgk cases fee --pieces 45
    """
    if (pieces is None) == (pages is None):
        raise click.UsageError("请指定 --pieces 或 --pages 之一（同一申请不得同时按件和按量收费）")
    if already and pages is not None:
        raise click.UsageError("--already 只用于按件计收")
    q = pieces_fee_in_month(already, pieces) if pieces is not None else pages_fee(pages or 0)
    if fmt == "json":
        click.echo(json.dumps({"method": q.method.value, "quantity": q.quantity,
                               "already": q.already, "amount": q.amount,
                               "explanation": q.explanation}, ensure_ascii=False, indent=1))
    else:
        click.echo(f"应收信息处理费：{q.amount:,}元")
        click.echo(q.explanation)


@cases.command()
@click.argument("case_ref", metavar="案件文件或编号")
@click.option("--kind", required=True, type=click.Choice([k.value for k in LETTER_KINDS]),
              metavar="种类",  # the seven names in brackets ran past 80 columns
              help="文书种类：受理回执、补正告知书、延期答复告知书、征求意见书、收费通知书、答复书、视为放弃申请告知书（逾期未补正或未缴费）。")
@click.option("--to", "recipient", default="", help="征求意见书的收件人（第三方或有关机关名称）。")
@click.option("--settings", "settings_file", default=None,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="文书设置（TOML，每个机关一节：文号格式、机关简称、复议机关、法院）；未设的项在文书中留空待填。")
@click.option("--data", "data", default=None, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="数据文件夹（与 zfxxgk serve --data 相同）：给出时参数为数据库中的申请编号，按网页版的"
                   "文书设置和工作日日历生成，与案件页下载的文书相同。")
@click.option("--agency", default=None, help="与 --data 同用：受理机关（多个机关有同一编号时必填）。")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="输出文件：.docx 为 Word，.pdf 为 PDF。")
def letter(case_ref: str, kind: str, recipient: str, settings_file: Path | None,
           data: Path | None, agency: str | None, output: Path) -> None:
    """由案件生成文书（Word 或 PDF）：数据库中的申请（--data）或案件 JSON。证件号码脱敏，写明期限日期（不附内部计算过程），有印章和日期栏；案件缺少相应事件时拒绝生成。

    例：zfxxgk cases letter 2026-0001 --data 数据 --kind 答复书 -o 答复书.pdf
    """
    from ..cases.letters import LetterError, build, to_docx

    if output.suffix.lower() not in (".docx", ".pdf"):
        raise click.UsageError("-o 的扩展名应为 .docx 或 .pdf")
    if data is not None:
        if settings_file is not None:
            raise click.UsageError("--settings 只用于案件 JSON；数据库中的申请按网页版“文书设置”生成")
        from .cases_desk import stored_case

        case, cal, settings = stored_case(case_ref, agency, data)
    else:
        case, cal = _case_file(Path(case_ref)), None
        settings = _settings(case, settings_file)
    with refusals(LetterError):
        made = build(case, kind, recipient=recipient, settings=settings, cal=cal)
    if output.suffix.lower() == ".pdf":
        from ..cases.letter_pdf import to_pdf

        output.write_bytes(to_pdf(made))
    else:
        output.write_bytes(to_docx(made))
    click.echo(f"已生成{kind}：{output}", err=True)


def _case_file(path: Path):
    """The one case of a case JSON file; a number typed without --data is told how."""
    from .compile import read_cases

    if not path.is_file():
        raise click.UsageError(f"没有案件文件“{path}”；数据库中的申请请写编号并加 --data 数据文件夹"
                               f"（如 zfxxgk cases letter 2026-0001 --data 数据 --kind 答复书 -o 答复书.pdf）")
    cases = read_cases(path)
    if len(cases) != 1:
        raise click.ClickException(f"{path}：应为一个案件（不是案件列表）")
    return cases[0]


def _settings(case, settings_file: Path | None):
    """The case's agency's section of a settings file (defaults without one)."""
    from ..cases.letter_settings import SettingsError, settings_for

    with refusals(SettingsError, prefix=f"{settings_file}："):
        return settings_for(case.agency, settings_file)


# The commands on the web store, each in its own module; imported last because they
# import today_option and format_option from here.
from .cases_calendar import calendar  # noqa: E402
from .cases_desk import add, event, list_cases, show  # noqa: E402
from .cases_import import import_ledger  # noqa: E402
from .cases_json import import_json  # noqa: E402
from .cases_retention import retention  # noqa: E402
from .cases_work import work  # noqa: E402

for _command in (list_cases, show, add, event, import_json, import_ledger, work, retention, calendar):
    cases.add_command(_command)
