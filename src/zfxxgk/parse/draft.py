"""Reading a filled-in YAML draft (`zfxxgk.draft/1`, written by `zfxxgk new`) into a
Report. Every face reads drafts the same way — check, parse, render, the web upload
and the API all go through `api.parse_bytes`, which recognises a draft by content.

Numbers keep their digits (a float scalar becomes a Decimal built from its text:
``25.3190`` stays ``25.3190``); an empty list item (``~`` or nothing) is a blank
cell, never 0. Anything the draft gets wrong becomes a `DraftError` with a Chinese
message naming the field.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from ..errors import InputError
from ..model import Report
from ..standard import SECTIONS, Table, Template, application_rows, get_template, template_for_year
from ..standard.vocabulary import within_limit

DRAFT_SCHEMA = "zfxxgk.draft/1"
_MARK = re.compile(r"^draft:[ \t]*[\"']?zfxxgk\.draft/1[\"']?[ \t]*(?:#.*)?$", re.MULTILINE)


class DraftError(InputError):
    """A YAML draft that cannot be read into a report."""


@lru_cache(maxsize=1)
def _loader() -> type:
    """The YAML loader of drafts: floats as Decimal from their own text; dates stay
    strings until checked. Made (and yaml imported) at the first draft read: every
    parse asks `is_draft`, and importing yaml costs a batch of report texts ~30 ms."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    def decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
        return Decimal(loader.construct_scalar(node).replace("_", ""))

    Loader.add_constructor("tag:yaml.org,2002:float", decimal)
    return Loader


def is_draft(text: str) -> bool:
    """Whether the text is a draft: a top-level `draft: zfxxgk.draft/1` line near
    its start (by content, whatever the file is called)."""
    head = text[:4000]
    return "draft:" in head and _MARK.search(head) is not None  # (the plain test is much faster)


def read_draft(text: str, source: str | None = None) -> Report:
    """A filled-in draft -> Report; a mistake is a DraftError naming the field."""
    def fail(message: str) -> DraftError:
        return DraftError(f"草稿有误：{message}", source=source)

    import yaml

    try:
        data = yaml.load(text, Loader=_loader())
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
    sections, before = _with_text_before(sections, data.get("text_before"), fail)
    tables = {table.code: _draft_table(tpl, table, data.get(table.code) or {}, fail)
              for table in tpl.tables}
    return Report(agency=agency.strip(), year=year, template=tcode, published_on=published,
                  sections=sections or None, text_before_table=before or None, source=source, **tables)


def _draft_table(tpl: Template, table: Table, given: Any, fail) -> dict[str, dict]:
    """One table of the draft, row code -> cells, in the template's order; a row
    left out of the draft is blank, not 0."""
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
    for row in table.rows:
        if row.code not in rows:
            rows[row.code] = {c.code: None for c in table.row_columns(row)}
    order = [r.code for r in (application_rows(tpl, set(rows)) if table.code == "applications"
                              else table.rows)]
    return {code: rows[code] for code in order if code in rows}


TABLE_PARTS = ("2", "3", "4")


def _with_text_before(sections: dict[str, str], given: Any, fail) -> tuple[dict[str, str], dict[str, int]]:
    """`text_before` (the text of parts 二–四 printed before their table) joined to
    the front of the part's text, and how many of its lines come before the table
    (report.text_before_table), as a parsed report holds them."""
    if given in (None, ""):
        return sections, {}
    if not isinstance(given, dict):
        raise fail("text_before 应为“编号: 文字”的列表（二、三、四部分）")
    texts = {str(k): str(v).strip("\n") for k, v in given.items() if v not in (None, "")}
    unknown = set(texts) - set(TABLE_PARTS)
    if unknown:
        raise fail(f"text_before 只用于有表格的二、三、四部分，多了：{'、'.join(sorted(unknown))}")
    out, counts = dict(sections), {}
    for key, text in texts.items():
        if text.strip():
            out[key] = "\n".join(t for t in (text, sections.get(key, "")) if t)
            counts[key] = text.count("\n") + 1
    return {k: out[k] for k in sorted(out)}, counts


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
    if isinstance(value, (int, Decimal)) and not within_limit(value):
        raise fail(f"{code}（{column.label}）不是报告中可能的数（位数过多或不是有限的数），现为 {value}")
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
