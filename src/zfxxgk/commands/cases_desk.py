"""`zfxxgk cases list / show / add / event`: the 依申请公开 desk on the command line,
for an office without the web application. The same store and the same builders
as the web pages (`web.cases.store`, `web.cases.data`, `web.cases.forms`): a case
added here is the case the pages show, replayed, indexed and audit-logged alike;
deadlines are told in working days as the case page tells them.

Exit status: 0; 1 when the store or the state machine refuses (a Chinese message
on stderr, nothing stored).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import click

from ..standard import FIRST_YEAR, LAST_YEAR
from ..standard.dates import zh_day
from ..cases.fees import FeeMethod
from ..cases.personal import FIELD_LABELS
from ..cases.model import ApplicantType, CaseStatus, Channel, ConsultParty, EventKind
from ..cases.worklists import left_text
from ..render.text_table import format_table
from . import refusals
from .cases import DateType, format_option, today_option
from .compile import data_option, open_store


def _by_label(enum) -> dict[str, Any]:
    """An enum's values by code and by Chinese label (either may be typed)."""
    return {m.value: m for m in enum} | {m.label: m for m in enum}


APPLICANTS = _by_label(ApplicantType)
CHANNELS = _by_label(Channel)
STATUSES = {k: v.value for k, v in _by_label(CaseStatus).items()} | {"open": "open", "未办结": "open"}
PARTIES = _by_label(ConsultParty)
KINDS = {k: v for k, v in _by_label(EventKind).items() if v is not EventKind.RECEIVED}
# the code, the label `cases show` and the page print (按件计收), and the short 按件
FEE_METHODS = _by_label(FeeMethod) | {m.label.removesuffix("计收"): m for m in FeeMethod}


def _choice(table: dict[str, Any]) -> click.Choice:
    return click.Choice(sorted(table))


def _day(text: str | None) -> str:
    """An ISO day of the builders as people read it (—: none)."""
    return zh_day(text) or "—"


def _record(number: str, agency: str | None):
    """The stored case with this number (in `agency` when given)."""
    from ..web.cases import store
    from ..web.cases.models import CaseRecord

    qs = CaseRecord.objects.select_related("agency").filter(number=number)
    with refusals(store.StoreError):
        if agency:
            qs = qs.filter(agency=store.agency_for(agency))
    found = list(qs[:2])
    if not found:
        raise click.ClickException(f"没有编号为{number}的申请" + (f"（{agency}）" if agency else ""))
    if len(found) > 1:
        raise click.ClickException(f"有多个机关登记了编号为{number}的申请，请用 --agency 指明机关")
    return found[0]


@click.command(name="list")
@data_option()
@click.option("--status", default=None, metavar="状态",
              type=_choice(STATUSES),
              help="只列出这一状态的申请：未办结（open）或" + "、".join(s.label for s in CaseStatus) + "。")
@click.option("--agency", default=None, help="只列出这一机关的申请（名称或机关标识）。")
@click.option("--year", type=click.IntRange(FIRST_YEAR, LAST_YEAR), default=None, help="只列出这一年收到的申请。")
@click.option("-q", "--search", default=None, help="编号或申请内容中含有这些字。")
@today_option
@format_option
def list_cases(data: Path | None, status: str | None, agency: str | None, year: int | None,
               search: str | None, today: date | None, fmt: str) -> None:
    """列出数据库中的依申请公开案件（与网页版的案件列表相同）：答复期限写明还剩几个工作日。

    例：zfxxgk cases list --status 未办结 --data 数据
    """
    open_store(data)
    from ..web.cases import data as case_data

    listed = case_data.case_list({"status": STATUSES.get(status or ""), "agency": agency, "year": year,
                                  "q": search}, today=today)
    if fmt == "json":
        click.echo(json.dumps(listed, ensure_ascii=False, indent=1))
        return
    rows = [("编号", "机关", "状态", "收到日期", "答复期限", "剩余", "申请内容")]
    for c in listed["cases"]:
        due = _day(c["due_on"]) + ("（暂定）" if c["due_on"] and c["provisional"] else "")
        rows.append((c["number"], c["agency"], c["status"]["label"], _day(c["received_on"]), due,
                     c["left_text"], c["subject"][:20]))
    shown = len(listed["cases"])
    click.echo(format_table(rows) if shown else "没有符合条件的申请。")
    more = f"，显示前{shown}件" if listed["count"] > shown else ""
    click.echo(f"共{listed['count']}件{more}；剩余天数按工作日计算，截至{_day(listed['today'])}。", err=True)


def stored_case(number: str, agency: str | None, data: Path | None):
    """A stored case with what its letters are built from, as the case page builds
    them: the calendar with entered years and the agency's 文书设置."""
    open_store(data)
    from ..web.cases import store

    record = _record(number, agency)
    return store.case_of(record), store.calendar(), store.letter_settings(record.agency)


@click.command(name="show")
@click.argument("number", metavar="编号")
@click.option("--agency", default=None, help="受理机关（多个机关有同一编号时必填）。")
@data_option()
@format_option
def show(number: str, agency: str | None, data: Path | None, fmt: str) -> None:
    """一件申请：状态、各项期限（还剩几个工作日及计算说明）、办理经过、下一步可记录的事件。

    例：zfxxgk cases show 2026-0001 --data 数据
    """
    open_store(data)
    from ..web.cases import data as case_data

    detail = case_data.case_detail(_record(number, agency))
    if fmt == "json":
        click.echo(json.dumps(detail, ensure_ascii=False, indent=1))
        return
    for line in detail_lines(detail):
        click.echo(line)


def detail_lines(d: dict[str, Any]) -> list[str]:
    """A case's page as lines of text."""
    who = d["applicant"] or {}
    masked = "，".join(f"{label}{who[f]}" for f, label in FIELD_LABELS.items() if who.get(f))
    out = [f"申请{d['number']}  {d['agency']['name']}  {d['status']['label']}",
           f"申请人：{who.get('name') or '—'}（{d['applicant_type']['label']}）"
           + (f"  {masked}" if masked else ""),
           f"收到申请之日：{_day(d['received_on'])}" + (f"（{d['channel']['label']}）" if d['channel'] else ""),
           f"申请内容：{d['subject']}"]
    out += [f"  {i}. {item}" for i, item in enumerate(d["items"], 1)]
    if d["outcome"]:
        out.append(f"办理结果：{d['outcome']['label']}（{_day(d['closed_on'])}办结）")
    for dl in d["deadlines"]:
        mark = "（暂定）" if dl["provisional"] else ""
        left = "" if dl["remaining"] is None else "  " + left_text(dl["remaining"])
        if dl["kind"] == "correction_notice" and (dl["remaining"] or 0) < 0:
            left = "  （已过；申请无须补正的，不受影响）"  # as the case page says it
        out += [f"{dl['label']}：{dl['due_text']}{mark}{left}", f"  {dl['explanation']}"]
    out += [f"提示：{w}" for w in d["warnings"]]
    out.append("办理经过：")
    out += [f"  {_day(e['on'])}  {e['label']}" + (f"（{e['details']}）" if e["details"] else "")
            for e in d["events"]]
    if d["actions"]:
        out.append("可记录：" + "、".join(f"{EventKind(a).label}（{a}）" for a in d["actions"]))
    return out


def _agency_default(agency: str | None) -> str:
    if agency:
        return agency
    from ..web.reports.models import Agency

    names = list(Agency.objects.values_list("name", flat=True)[:2])
    if len(names) == 1:  # an office's own data folder: its one agency
        return names[0]
    raise click.UsageError("请用 --agency 写明受理机关")


@click.command(name="add")
@click.option("--agency", default=None, help="受理机关（名称或机关标识；数据库只有一个机关时可不写）。")
@click.option("--number", required=True, help="申请编号，如 2026-0001。")
@click.option("--name", required=True, help="申请人姓名或名称。")
@click.option("--type", "applicant_type", type=_choice(APPLICANTS), default="自然人", metavar="类型",
              show_default=True, help="申请人类型：" + "、".join(t.label for t in ApplicantType) + "。")
@click.option("--channel", type=_choice(CHANNELS), default="当面提交", metavar="渠道", show_default=True,
              help="提交渠道：" + "、".join(c.label for c in Channel) + "。")
@click.option("--arrived", type=DateType(), required=True, help="申请到达日期。")
@click.option("--confirmed", type=DateType(), default=None,
              help="签收或确认日期（邮寄、平常信函、互联网、传真：收到申请之日以此为准）。")
@click.option("--subject", required=True, help="申请公开的政府信息内容。")
@click.option("--item", "items", multiple=True, help="申请有多项内容时，每项一个 --item。")
@click.option("--id-number", default="", help="证件号码（加密保存，显示时脱敏）。")
@click.option("--phone", default="", help="电话（加密保存）。")
@click.option("--email", default="", help="电子邮箱（加密保存）。")
@click.option("--address", default="", help="地址（加密保存）。")
@click.option("--note", default="", help="备注。")
@click.option("--by", "officer", default="", help="登记人（写入办理经过）。")
@data_option()
@format_option
def add(agency: str | None, number: str, name: str, applicant_type: Any, channel: Any,
        arrived: date, confirmed: date | None, subject: str, items: tuple[str, ...], id_number: str,
        phone: str, email: str, address: str, note: str, officer: str, data: Path | None,
        fmt: str) -> None:
    """登记一件新申请，算出答复期限（与网页版“登记新申请”相同）；编号已有时拒绝。

    例：zfxxgk cases add --number 2026-0001 --name 张三 --arrived 2026-02-10 --subject 某项目批复 --data 数据
    """
    open_store(data)
    from ..web.cases import data as case_data, forms, store

    form = {"number": number, "agency": _agency_default(agency), "name": name,
            "applicant_type": APPLICANTS[applicant_type].value, "channel": CHANNELS[channel].value,
            "arrived_on": arrived.isoformat(), "confirmed_on": confirmed.isoformat() if confirmed else "",
            "subject": subject, "items": "\n".join(items), "id_number": id_number, "phone": phone,
            "email": email, "address": address, "note": note}
    with refusals(store.StoreError, suffix="；没有登记"):
        record = store.create_case(forms.intake(form, None, by=officer), None)
    _told(case_data.case_detail(record), fmt, f"已登记申请{record.number}")


def _told(detail: dict[str, Any], fmt: str, done: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(detail, ensure_ascii=False, indent=1))
    else:
        for line in detail_lines(detail):
            click.echo(line)
    click.echo(f"{done}：{detail['status']['label']}。", err=True)


@click.command(name="event")
@click.argument("number", metavar="编号")
@click.argument("kind", metavar="事件", type=_choice(KINDS))
@click.option("--agency", default=None, help="受理机关（多个机关有同一编号时必填）。")
@click.option("--on", type=DateType(), default=None, help="事件的日期（默认今天）。")
@click.option("--days", type=int, default=None, help="补正期限或延长答复期限的工作日数。")
@click.option("--reply-by", type=DateType(), default=None, help="补正期限（日期）。")
@click.option("--party", type=_choice(PARTIES), default=None, metavar="对象",
              help="征求意见对象：" + "、".join(p.label for p in ConsultParty) + "。")
@click.option("--approver", default="", help="延期答复的批准人（政府信息公开工作机构负责人）。")
@click.option("--notice-on", type=DateType(), default=None,
              help="延期答复告知书发出之日；收费：申请人收到收费通知之日。")
@click.option("--fee-method", type=_choice(FEE_METHODS), default=None, metavar="方式", help="信息处理费的计收方式。")
@click.option("--quantity", type=int, default=None, help="计收数量（件数或页数）。")
@click.option("--already", type=int, default=None, help="按件计收：本月此前已申请的件数。")
@click.option("--outcome", default=None, metavar="结果",
              help="作出答复：办理结果，写表三的行名（如 予以公开）或其代码（granted）。")
@click.option("--item-outcome", "item_outcomes", multiple=True, metavar="结果",
              help="多项内容的申请：逐项的办理结果，按事项顺序各写一个。")
@click.option("--note", default="", help="备注。")
@click.option("--by", "officer", default="", help="经办人（写入办理经过）。")
@data_option()
@format_option
def event(number: str, kind: str, agency: str | None, on: date | None, days: int | None,
          reply_by: date | None, party: str | None, approver: str, notice_on: date | None,
          fee_method: str | None, quantity: int | None, already: int | None, outcome: str | None,
          item_outcomes: tuple[str, ...], note: str, officer: str, data: Path | None, fmt: str) -> None:
    """记录一件申请的办理事件（事件写中文名或代码，如 作出答复 或 answered），期限随之重算；
    申请的状态不允许时拒绝并说明。命令行记录的延期答复须写明批准人（--approver），视为已经同意。

    例：zfxxgk cases event 2026-0001 作出答复 --on 2026-02-26 --outcome 予以公开 --data 数据
    """
    open_store(data)
    from ..web.cases import data as case_data, forms, store

    record = _record(number, agency)
    form = {"on": (on or store.today()).isoformat(), "note": note, "days": days, "reply_by": reply_by,
            "party": PARTIES[party].value if party else None, "approver": approver,
            "notice_on": notice_on, "quantity": quantity, "already": already,
            "fee_method": FEE_METHODS[fee_method].value if fee_method else None,
            "outcome": _outcome(outcome), "item_outcomes": [_outcome(o) for o in item_outcomes]}
    form = {k: v.isoformat() if isinstance(v, date) else v for k, v in form.items()}
    with refusals(store.StoreError, prefix=f"申请{number}：", suffix="；没有记录"):
        done = forms.event(KINDS[kind].value, form, None, store.case_of(record).items, by=officer)
        record = store.record_event(record, done, None)
    _told(case_data.case_detail(record), fmt, f"已记录{done.kind.label}")


def _outcome(text: str | None) -> str | None:
    """A result row typed as its code, its full label (不予公开：属于国家秘密) or the
    label's end (属于国家秘密, 予以公开)."""
    from ..web.cases.data import OUTCOME_CHOICES

    if not text:
        return None
    text = text.strip()
    for code, label in OUTCOME_CHOICES:
        if text in (code, label, label.rpartition("：")[2]):
            return code
    known = "、".join(label for _, label in OUTCOME_CHOICES)
    raise click.UsageError(f"没有这种办理结果：{text}；可写：{known}")
