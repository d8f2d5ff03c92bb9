"""The YAML draft staff fill in (`zfxxgk new`), and reading one back into a Report.

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

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from ..errors import InputError
from ..model import Report, cell_text
from ..standard import SECTIONS, TABLE_CODES, application_rows, get_template, template_for_year
from .layout import t3_rows

DRAFT_SCHEMA = "zfxxgk.draft/1"
TABLE_KEYS = TABLE_CODES


class DraftError(InputError):
    """A YAML draft that cannot be read into a report."""


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _cell(value: Any) -> str:
    return "~" if value is None else cell_text(value)  # YAML's null


def new_draft(agency: str, year: int, template: str | None = None,
              report: Report | None = None) -> str:
    """A draft for `agency`'s report of `year`: every cell 0 (or the report's values
    when one is given, e.g. to turn a parsed report into an editable draft)."""
    tcode = template or template_for_year(year) or "2021"
    tpl = get_template(tcode)
    out = [
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
        "",
        "# 六个部分的文字。二、三、四部分的表格在下面填写，这里可写表格前的说明文字（可不写）。",
        "sections:",
    ]
    sections = (report.sections or {}) if report else {}
    hints = {"1": "主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等情况",
             "5": "本年工作中存在的主要问题，以及相应的改进措施",
             "6": "其他需要报告的事项；收取信息处理费的情况在此报告"}
    for key, heading in SECTIONS.items():
        out.append(f"  # {heading}" + (f"：{hints[key]}" if key in hints else ""))
        text = sections.get(key) or ""
        if text.strip():
            out.append(f'  "{key}": |')
            out += [f"    {line}" for line in text.split("\n")]
        else:
            out.append(f'  "{key}": ""')
    data = {k: getattr(report, k) if report else {} for k in TABLE_KEYS}
    for table in tpl.tables:
        out += ["", f"# {table.title}"]
        if table.code == "applications":
            cols = "、".join(c.label for c in table.columns)
            out.append(f"# 每行依次为：{cols}（“其他”指其他法人或组织）")
            out.append("# 勾稽关系：一 + 二 = （七）总计 + 四；（七）总计 = （一）至（六）之和；总计列 = 前六列之和")
            rows = t3_rows(tpl, data["applications"]) if report else list(table.rows)
        elif table.code == "review_litigation":
            cols = "、".join(c.label for c in table.columns)
            out.append(f"# 每行依次为：{cols}；总计 = 前四项之和")
            rows = list(table.rows)
        else:
            rows = list(table.rows)
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
            values = data[table.code].get(row.code, {}) if report else {}
            cells = ", ".join(_cell(values.get(c.code)) if report else "0" for c in cols)
            out.append(f"  # {hint.strip()}")
            out.append(f"  {row.code}: [{cells}]")
    return "\n".join(out) + "\n"


class _Loader(yaml.SafeLoader):
    """Floats as Decimal from their own text; dates stay strings until checked."""


def _decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    return Decimal(loader.construct_scalar(node).replace("_", ""))


_Loader.add_constructor("tag:yaml.org,2002:float", _decimal)


def is_draft(text: str) -> bool:
    return f"draft: {DRAFT_SCHEMA}" in text[:2000]


def read_draft(text: str, source: str | None = None) -> Report:
    """A filled-in draft -> Report; a mistake is a DraftError naming the field."""
    def fail(message: str) -> DraftError:
        return DraftError(f"草稿有误：{message}", source=source)

    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"第{mark.line + 1}行" if mark else ""
        raise fail(f"{where}不是有效的 YAML（{getattr(e, 'problem', None) or e}）") from None
    if not isinstance(data, dict):
        raise fail("文件内容不是草稿（应以 draft: zfxxgk.draft/1 开头）")
    year = data.get("year")
    if not isinstance(year, int) or not 1990 <= year <= 2100:
        raise fail(f"year（统计年度）应为四位年份，现为 {year!r}")
    tcode = str(data.get("template") or template_for_year(year))
    if tcode not in ("2019", "2021"):
        raise fail(f"template（表格格式）只能是 2019 或 2021，现为 {tcode!r}")
    tpl = get_template(tcode)
    agency = data.get("agency")
    if not isinstance(agency, str) or not agency.strip():
        raise fail("agency（机关名称）不能为空")
    published = data.get("published_on")
    if published is not None and not isinstance(published, date):
        try:
            published = date.fromisoformat(str(published))
        except ValueError:
            raise fail(f"published_on（落款日期）应写成 YYYY-MM-DD，现为 {published!r}") from None
    sections_in = data.get("sections") or {}
    if not isinstance(sections_in, dict):
        raise fail("sections 应为“编号: 文字”的列表")
    sections = {str(k): str(v).rstrip("\n") for k, v in sections_in.items() if v not in (None, "")}
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        raise fail(f"sections 只有 1 到 6 部分，多了：{'、'.join(sorted(unknown))}")
    tables: dict[str, dict] = {}
    for table in tpl.tables:
        given = data.get(table.code) or {}
        if not isinstance(given, dict):
            raise fail(f"{table.code}（{table.title}）应为按行填写的表")
        known = {r.code: r for r in table.rows}
        if table.code == "applications" and "other" in given and "other" not in known:
            from ..standard.common import OTHER_SINGLE_ROW
            known["other"] = OTHER_SINGLE_ROW
        rows: dict[str, dict] = {}
        for code, values in given.items():
            row = known.get(code)
            if row is None:
                raise fail(f"{table.code} 没有 {code} 这一行")
            cols = table.row_columns(row)
            if not isinstance(values, list) or len(values) != len(cols):
                raise fail(f"{table.code}.{code}（{row.label}）应填 {len(cols)} 个数"
                           f"（{'、'.join(c.label for c in cols)}），现为 {values!r}")
            rows[code] = {c.code: _number(v, c, f"{table.code}.{code}.{c.code}", fail)
                          for c, v in zip(cols, values)}
        for row in table.rows:  # rows left out of the draft are blank, not 0
            if row.code not in rows:
                rows[row.code] = {c.code: None for c in table.row_columns(row)}
        order = [r.code for r in (application_rows(tpl, set(rows)) if table.code == "applications"
                                  else table.rows)]
        tables[table.code] = {code: rows[code] for code in order if code in rows}
    return Report(agency=agency.strip(), year=year, template=tcode, published_on=published,
                  sections=sections or None, source=source, **tables)


def _number(value: Any, column, code: str, fail) -> int | Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise fail(f"{code} 应为数字，现为 {value!r}")
    if isinstance(value, str):
        try:
            value = Decimal(value.strip())
        except InvalidOperation:
            raise fail(f"{code}（{column.label}）应为数字，现为 {value!r}") from None
    if isinstance(value, Decimal):
        if column.money:
            return value
        if value == value.to_integral_value() and value.as_tuple().exponent == 0:
            return int(value)
        raise fail(f"{code}（{column.label}）应为整数，现为 {value}")
    if isinstance(value, int):
        if value < 0 and not column.signed:
            raise fail(f"{code}（{column.label}）不能为负数，现为 {value}")
        return value
    raise fail(f"{code}（{column.label}）应为数字，现为 {value!r}")
