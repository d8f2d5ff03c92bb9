"""The YAML draft staff fill in (`zfxxgk new`); reading one back is `parse.draft`.

The draft is written by hand here (not by a YAML dumper) so that every field has
a Chinese comment naming the official row and column it stands for; the labels in
those comments come from `zfxxgk.standard`. Each table row is one flow list in the
official column order, so a row reads like the row of the printed form.

Reading: numbers keep their digits (a float scalar becomes a Decimal built from its
text: ``25.3190`` stays ``25.3190``); an empty list item (``~`` or nothing) is a
blank cell, never 0. Anything the draft gets wrong becomes a `DraftError` with a
Chinese message naming the field.
"""

from __future__ import annotations

from typing import Any

from ..model import Report, cell_text
from ..parse.draft import DRAFT_SCHEMA
from ..standard import SECTIONS, TABLE_CODES, Table, Template, get_template, template_for_year
from .layout import TABLE_PARTS, split_at_table, t3_rows


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _cell(value: Any) -> str:
    return "~" if value is None else cell_text(value)  # YAML's null


def carried_values(last: Report) -> dict[str, dict[str, dict[str, Any]]]:
    """What a new year takes from last year's report: 上年结转 is last year's 结转下年度
    继续办理, and each 现行有效件数 starts from last year's (the clerk adds this year's
    制发 and takes off its 废止). Everything else is this year's fact: left blank."""
    out: dict[str, dict[str, dict[str, Any]]] = {"applications": {}, "active": {}}
    forward = (last.applications or {}).get("carried_forward")
    if forward:
        out["applications"]["carried_in"] = dict(forward)
    for code, row in (last.active or {}).items():
        if row.get("in_force") is not None:
            out["active"][code] = {"in_force": row["in_force"]}
    return out


def _text_field(key: str, text: str) -> list[str]:
    if not text.strip():
        return [f'  "{key}": ""']
    return [f'  "{key}": |', *(f"    {line}" for line in text.split("\n"))]


def _split_sections(report: Report | None) -> tuple[dict[str, str], dict[str, str]]:
    """A report's part texts as the draft holds them: (before the table, the rest)."""
    sections = (report.sections or {}) if report else {}
    places = (report.text_before_table or {}) if report else {}
    before, after = {}, dict(sections)
    for key in TABLE_PARTS:
        if key in sections:
            before[key], after[key] = split_at_table(sections[key], places.get(key, 0))
    return before, after


def new_draft(agency: str, year: int, template: str | None = None,
              report: Report | None = None, last_year: Report | None = None) -> str:
    """A draft for `agency`'s report of `year`: every cell blank (``~``), or the
    report's values when one is given (to turn a parsed report into an editable
    draft), or with what `last_year`'s report carries into this one."""
    tcode = template or template_for_year(year) or "2021"
    out = _draft_head(agency, year, tcode, report) + _draft_sections(report)
    data = {k: (getattr(report, k) or {}) if report else {} for k in TABLE_CODES}
    if report is None and last_year is not None:
        data.update(carried_values(last_year))
        out += ["", f"# 上年结转、现行有效件数取自{last_year.year}年度报告"
                    f"（{last_year.source or last_year.agency}），请核对；其余各格留空待填。"]
    tpl = get_template(tcode)
    for table in tpl.tables:
        out += _draft_table(tpl, table, data, report)
    return "\n".join(out) + "\n"


def _draft_head(agency: str, year: int, tcode: str, report: Report | None) -> list[str]:
    """How to fill and render the draft, and its facts (agency, year, template, date)."""
    return [
        "# 政府信息公开工作年度报告草稿（zfxxgk）",
        "# 填好后运行：zfxxgk render 本文件 --to docx -o 报告.docx（也可 --to html、pdf、xlsx、md）",
        "# 生成前会先核查勾稽关系；有错误时列出问题并拒绝生成（确需照原样生成时加 --force）。",
        "# 数字照实填写；某格不填（留空）请写 ~ ，不要写 0：空白和 0 是不同的事实。",
        f"draft: {DRAFT_SCHEMA}",
        "# 机关名称：与标题、落款一致，如“青禾市云岭区望湖街道办事处”",
        f"agency: {_q(agency)}",
        "# 统计年度：报告统计的是哪一年（不是发布年份）",
        f"year: {year}",
        f"# 表格格式：2021 = 国办公开办函〔2021〕30号（2021年度起）；2019 = 国办公开办函〔2019〕60号（2019、2020年度）",
        f'template: "{tcode}"',
        "# 落款日期，格式 YYYY-MM-DD，如 2025-01-20；未定可写 ~",
        f"published_on: {report.published_on.isoformat() if report and report.published_on else '~'}",
    ]


def _draft_sections(report: Report | None) -> list[str]:
    """The six parts' texts, then the texts printed before the tables of parts 二–四."""
    out = ["", "# 六个部分的文字。二、三、四部分的表格在下面填写，这里写印在表格之后的说明文字（可不写）。",
           "sections:"]
    before, after = _split_sections(report)
    hints = {"1": "主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等情况",
             "5": "本年工作中存在的主要问题，以及相应的改进措施",
             "6": "其他需要报告的事项；收取信息处理费的情况在此报告"}
    for key, heading in SECTIONS.items():
        out.append(f"  # {heading}" + (f"：{hints[key]}" if key in hints else ""))
        out += _text_field(key, after.get(key) or "")
    out += ["", "# 二、三、四部分印在标题之下、表格之前的文字（可不写），如“本年度收到和处理申请的情况见下表。”",
            "text_before:"]
    for key in TABLE_PARTS:
        out.append(f"  # {SECTIONS[key]}")
        out += _text_field(key, before.get(key) or "")
    return out


def _draft_table(tpl: Template, table: Table, data: dict, report: Report | None) -> list[str]:
    """One table's rows, each under a comment naming the row (and group) it is."""
    out = ["", f"# {table.title}"]
    cols = "、".join(c.label for c in table.columns)
    rows = list(table.rows)
    if table.code == "applications":
        out.append(f"# 每行依次为：{cols}（“其他”指其他法人或组织）")
        out.append("# 勾稽关系：一 + 二 = （七）总计 + 四；（七）总计 = （一）至（六）之和；总计列 = 前六列之和")
        rows = t3_rows(tpl, data["applications"]) if report else rows
    elif table.code == "review_litigation":
        out.append(f"# 每行依次为：{cols}；总计 = 前四项之和")
    out.append(f"{table.code}:")
    groups = {g.code: g.label for g in table.groups}
    for row in rows:
        cols = table.row_columns(row)
        where = groups.get(row.group, "")
        label = row.label if row.code != "other" or row.code in {r.code for r in table.rows} \
            else "（六）其他处理"
        if table.code == "active":
            hint = f"{where} {label}：" + "、".join(c.label for c in cols)
        elif table.code == "review_litigation":
            hint = f"{groups.get(row.group, '') + '·' if row.group else ''}{groups.get(row.code, row.label)}"
        else:
            hint = f"{where + ' ' if where and where != groups.get('results') else ''}{label}"
        values = data.get(table.code, {}).get(row.code, {})
        cells = ", ".join(_cell(values.get(c.code)) for c in cols)
        out.append(f"  # {hint.strip()}")
        out.append(f"  {row.code}: [{cells}]")
    return out
