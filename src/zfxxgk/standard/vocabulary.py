"""The words every stage shares: table codes, cell codes, severities, rule families
and the short Chinese names of rows and columns.

Parser, checker, renderer, corpus statistics, the web pages and the exports all
print these names; defining them once means a page, a CSV and a finding can never
call the same row two things. The full official labels stay in the templates
(`common.py`); the names here are the short forms people quote in sentences and
table headers, derived from the templates where the two coincide.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from .common import APPLICANT_COLUMNS, T4_COLUMNS

# --- tables and cells ---------------------------------------------------------------------
TABLE_CODES: tuple[str, ...] = ("active", "applications", "review_litigation")
TABLE_NAMES: dict[str, str] = {"active": "表二", "applications": "表三", "review_litigation": "表四"}
# No cell of a report holds a figure this large: no body counts or spends 10^15 of
# anything, and a spreadsheet keeps 15 significant digits, so an export could not keep
# it exactly. A figure beyond it is damage (a row's digits run together), never a value.
CELL_LIMIT = 10**15


def within_limit(value) -> bool:
    """Whether a cell's value (int, Decimal or None) can be a report's figure."""
    if value is None:
        return True
    if isinstance(value, Decimal) and not value.is_finite():  # NaN cannot be compared
        return False
    return -CELL_LIMIT < value < CELL_LIMIT


@lru_cache(maxsize=4096)
def split_code(code: str) -> tuple[str, str, str]:
    """`table.row.column` -> its parts; the row may hold a dot (`withheld.state_secret`).
    Cached: the checker asks for the same few hundred codes in every report."""
    table, rest = code.split(".", 1)
    row, col = rest.rsplit(".", 1)
    return table, row, col


# --- findings -----------------------------------------------------------------------------
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")  # most serious first
SEVERITY_NAMES: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}

# Rule families in catalogue order: the identities first, then the format checks.
RULE_FAMILIES: tuple[str, ...] = ("T3", "T4", "T2", "X", "N", "P", "F")
# Families whose errors make a unit's tables unfit to add up into a region's.
IDENTITY_FAMILIES: tuple[str, ...] = ("T3", "T4")


# --- table 三 -----------------------------------------------------------------------------
# The six official result groups of （一）…（六）, as the dashboard and statistics sum them.
OUTCOME_NAMES: dict[str, str] = {
    "granted": "予以公开", "partly_granted": "部分公开", "withheld": "不予公开",
    "unavailable": "无法提供", "not_processed": "不予处理", "other": "其他处理",
}
# The rows around the results: intake, the （七） total and what is carried forward.
INTAKE_NAMES: dict[str, str] = {
    "received": "本年新收政府信息公开申请",
    "carried_in": "上年结转政府信息公开申请",
    "total": "本年度办理结果·总计",
    "carried_forward": "结转下年度继续办理",
}
NOT_OUTCOMES: tuple[str, ...] = tuple(INTAKE_NAMES)
APPLICANT_NAMES: dict[str, str] = {c.code: c.label for c in APPLICANT_COLUMNS if c.code != "total"}

# --- table 四 -----------------------------------------------------------------------------
CASE_GROUP_NAMES: dict[str, str] = {"review": "行政复议", "suit": "行政诉讼"}
CASE_RESULT_NAMES: dict[str, str] = {c.code: c.label for c in T4_COLUMNS}

# --- table 二 -----------------------------------------------------------------------------
DOCUMENT_NAMES: dict[str, str] = {"rules": "规章", "normative_docs": "行政规范性文件"}

# --- the report as a whole ----------------------------------------------------------------
SCOPE_NAMES: dict[str, str] = {"agency": "本机关", "region": "本行政区域汇总"}
# An agency's level in the tree of governments, as its name proves it (parse.placement).
LEVEL_NAMES: dict[str, str] = {"province": "省", "city": "市", "county": "区县",
                               "township": "乡镇街道", "department": "部门"}
TEMPLATE_NAMES: dict[str | None, str] = {"2019": "2019年格式", "2021": "2021年格式", None: "无表格"}
