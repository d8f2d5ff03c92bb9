"""Random valid reports of both formats, for property tests of the parser (and of
anything else that takes a `Report`).

`reports()` draws a report whose tables satisfy every identity of report-json.md
unless asked otherwise: the leaf cells are drawn and the 总计 cells, the 总计 row and
the 一、本年新收 row are computed from them. `consistent=False` then breaks at least
one identity; `blanks=True` leaves some cells blank (None). `distinct_report()`
builds a fixed report with a different non-zero value in every cell, identities
kept, so a column shift cannot go unnoticed.
"""

from __future__ import annotations

import random
import re
from datetime import date
from decimal import Decimal

from hypothesis import strategies as st

from zfxxgk.model import Report
from zfxxgk.standard import application_rows, get_template

CITIES = ["青禾市", "云岭市", "白沙湾市", "松溪市"]
DISTRICTS = ["", "云岭区", "鹿鸣区", "青杉县", "望江区"]
BODIES = ["人民政府", "望湖街道办事处", "桃溪镇人民政府", "石桥乡人民政府", "交通运输局",
          "生态环境局", "卫生健康委员会", "自然资源和规划局", "市场监督管理局", "教育局"]

# counts: mostly small (as most offices report), sometimes large
counts = st.one_of(st.integers(0, 3), st.integers(0, 40), st.integers(0, 10**6))
small_counts = st.one_of(st.integers(0, 3), st.integers(0, 40), st.integers(0, 5000))
signed = st.one_of(st.integers(-3, 3), st.integers(-500, 500), st.integers(-10**5, 10**5))


@st.composite
def money(draw) -> Decimal:
    """万元 amounts with 0-4 decimals, digits kept as printed ("25.3190"). At most nine
    digits before the point, as the parser reads at most that many in one cell of a
    run-together row (parse/runs.py MAX_RUN_CELL): ten would be 10 万亿元."""
    places = draw(st.integers(0, 4))
    mantissa = draw(st.one_of(st.integers(0, 999), st.integers(0, 10**9 - 1)))
    return Decimal(mantissa).scaleb(-places)


agencies = st.builds(lambda c, d, b: c + d + b, st.sampled_from(CITIES),
                     st.sampled_from(DISTRICTS), st.sampled_from(BODIES))


def _active(draw, template: str) -> dict:
    table = get_template(template).active
    out: dict = {}
    for row in table.rows:
        cells = {}
        for col in table.row_columns(row):
            if col.money:
                cells[col.code] = draw(money())
            elif col.signed:
                cells[col.code] = draw(signed)
            else:
                cells[col.code] = draw(counts)
        out[row.code] = cells
    return out


def result_rows(row_codes: list[str]) -> list[str]:
    """The result rows (summed by （七）总计) among the given rows."""
    return row_codes[row_codes.index("granted"): row_codes.index("total")]


def _applications(draw, template: str, mixed: bool = False) -> dict:
    """Table 三 with its identities holding. `mixed`: a 2021 table that prints
    （六）其他处理 as the single 2019 row (`other`); the three `other.*` rows are null."""
    tpl = get_template(template)
    table = tpl.applications
    codes = [r.code for r in application_rows(tpl, {"other"} if mixed else None)]
    results = [c for c in result_rows(codes) if not (mixed and c.startswith("other."))]
    applicant = [c.code for c in table.columns if c.code != "total"]
    out: dict = {code: {} for code in codes}
    for col in applicant:
        for row in results:
            out[row][col] = draw(small_counts)
        total = sum(out[row][col] for row in results)
        forward = draw(small_counts)
        carried_in = draw(st.integers(0, total + forward))
        out["total"][col] = total
        out["carried_forward"][col] = forward
        out["carried_in"][col] = carried_in
        out["received"][col] = total + forward - carried_in
    for code in codes:
        if code in results or code in ("received", "carried_in", "total", "carried_forward"):
            out[code]["total"] = sum(out[code][c] for c in applicant)
            out[code] = {c.code: out[code][c.code] for c in table.columns}
        else:
            out[code] = {c.code: None for c in table.columns}
    return out


def _review(draw) -> dict:
    table = get_template("2021").review_litigation
    out = {}
    for row in table.rows:
        cells = {c.code: draw(small_counts) for c in table.columns if c.code != "total"}
        cells["total"] = sum(cells.values())
        out[row.code] = cells
    return out


def _cell_codes(tables: dict) -> list[tuple[str, str, str]]:
    return [(t, r, c) for t, rows in tables.items() for r, cells in rows.items() for c in cells]


def broken_identities(template: str, applications: dict, review: dict) -> list[str]:
    """The identities of report-json.md that fail (a None operand makes one uncheckable,
    not failed): T3-1 and T3-2 per column, T3-3 per row, T4-1 per group."""
    tpl = get_template(template)
    cols = [c.code for c in tpl.applications.columns]
    a = applications
    printed = [r for r in a if any(v is not None for v in a[r].values())]
    results = [r for r in result_rows([r.code for r in application_rows(tpl, set(a))]) if r in printed]
    out = []

    def fails(left: list, right: list) -> bool:
        return None not in left + right and sum(left) != sum(right)

    for c in cols:
        if fails([a["received"][c], a["carried_in"][c]], [a["total"][c], a["carried_forward"][c]]):
            out.append(f"T3-1 {c}")
        if fails([a["total"][c]], [a[r][c] for r in results]):
            out.append(f"T3-2 {c}")
    for r, cells in a.items():
        if fails([cells["total"]], [cells[c] for c in cols[:-1]]):
            out.append(f"T3-3 {r}")
    for g, cells in review.items():
        if fails([cells["total"]], [cells[c] for c in ("upheld", "corrected", "other", "pending")]):
            out.append(f"T4-1 {g}")
    return out


def _break_identities(draw, template: str, tables: dict) -> None:
    """Change cells that take part in an identity (T3, T4) until at least one fails
    (several changes could otherwise cancel out)."""
    codes = [(t, r, c) for t, r, c in _cell_codes(tables)
             if t != "active" and tables[t][r][c] is not None]
    picks = draw(st.lists(st.sampled_from(codes), min_size=1, max_size=4, unique=True))
    while True:
        for t, r, c in picks:
            delta = draw(st.integers(1, 50))
            value = tables[t][r][c]
            tables[t][r][c] = value + delta if value < delta or draw(st.booleans()) else value - delta
        if broken_identities(template, tables["applications"], tables["review_litigation"]):
            return
        picks = [draw(st.sampled_from(codes))]


def _blank(draw, tables: dict) -> None:
    """Blank some cells: single cells, and now and then a whole row."""
    codes = _cell_codes(tables)
    for t, r, c in draw(st.lists(st.sampled_from(codes), min_size=1, max_size=12, unique=True)):
        tables[t][r][c] = None
    rows = sorted({(t, r) for t, r, _ in codes})
    for t, r in draw(st.lists(st.sampled_from(rows), max_size=2, unique=True)):
        tables[t][r] = {c: None for c in tables[t][r]}


@st.composite
def reports(draw, template: str | None = None, consistent: bool = True,
            blanks: bool = False, mixed: bool = False) -> Report:
    """A report of `template` ("2019", "2021" or either), identities holding unless
    `consistent` is False, without blank cells unless `blanks` is True; `mixed` makes
    a 2021 report print （六）其他处理 as one row (as both 洪泽 reports do)."""
    template = "2021" if mixed else template or draw(st.sampled_from(["2019", "2021"]))
    year = draw(st.integers(2019, 2020) if template == "2019" else st.integers(2021, 2025))
    tables = {"active": _active(draw, template),
              "applications": _applications(draw, template, mixed),
              "review_litigation": _review(draw)}
    if not consistent:
        _break_identities(draw, template, tables)
    if blanks:
        _blank(draw, tables)
    return Report(agency=draw(agencies), year=year, template=template,
                  published_on=date(year + 1, 1, draw(st.integers(5, 31))), **tables)


# --------------------------------------------------------------------------------------
# a fixed report with a distinct non-zero value in every cell


def distinct_report(template: str, seed: int = 0, agency: str = "青禾市云岭区望湖街道办事处",
                    year: int | None = None) -> Report:
    """Every cell non-zero and different from every other cell of the report (money
    compared by value), all identities of report-json.md holding."""
    for attempt in range(1000):
        report = _distinct_attempt(template, random.Random(seed * 1000 + attempt), agency, year)
        values = [v for t in (report.active, report.applications, report.review_litigation)
                  for cells in t.values() for v in cells.values()]
        if len(set(values)) == len(values):
            return report
    raise RuntimeError("no distinct report found")  # pragma: no cover


def _distinct_attempt(template: str, rng: random.Random, agency: str, year: int | None) -> Report:
    used: set[int] = set()

    def fresh(lo: int, hi: int) -> int:
        while True:
            v = rng.randint(lo, hi)
            if v not in used:
                used.add(v)
                return v

    tpl = get_template(template)
    active: dict = {}
    for row in tpl.active.rows:
        cells = {}
        for col in tpl.active.row_columns(row):
            if col.money:
                cells[col.code] = Decimal(f"{fresh(10, 9999)}.{rng.randint(1, 9999):04d}".rstrip("0"))
            elif col.signed:
                cells[col.code] = -fresh(1, 400) if rng.random() < 0.5 else fresh(1, 400)
            else:
                cells[col.code] = fresh(1, 400)
        active[row.code] = cells
    table = tpl.applications
    results = list(tpl.result_rows)
    applicant = [c.code for c in table.columns if c.code != "total"]
    apps: dict = {r.code: {} for r in table.rows}
    for col in applicant:
        for row in results + ["carried_forward", "carried_in"]:
            apps[row][col] = fresh(1, 400)
        apps["total"][col] = sum(apps[row][col] for row in results)
        apps["received"][col] = apps["total"][col] + apps["carried_forward"][col] - apps["carried_in"][col]
    for row in apps:
        apps[row]["total"] = sum(apps[row][c] for c in applicant)
        apps[row] = {c.code: apps[row][c.code] for c in table.columns}
    review = {}
    for row in tpl.review_litigation.rows:
        cells = {c: fresh(1, 400) for c in ("upheld", "corrected", "other", "pending")}
        cells["total"] = sum(cells.values())
        review[row.code] = cells
    year = year or (2020 if template == "2019" else 2023)
    return Report(agency=agency, year=year, template=template, published_on=date(year + 1, 1, 20),
                  active=active, applications=apps, review_litigation=review)


# --------------------------------------------------------------------------------------
# the text of a report damaged the way scraped and copied texts are (issue 12)

BLANK_MARKS = ("—", "/", "－")  # how a blank cell prints when not left empty (Style.blank)
_TOKEN = r"(?:[+\-]?\d[\d.]*|[—/－])"
_ROW_NUMBERS = re.compile(rf"^(?P<label>.*?[^\d\s.+\-])?(?P<nums>(?:[\t ]+|^){_TOKEN}"
                          rf"(?:[\t ]+{_TOKEN})+)\s*$")
ROW_DAMAGES = ("run", "partial", "stray", "nbsp")
HEADINGS = {"四、政府信息公开行政复议、行政诉讼情况": ("四、政府信息公开行政复议、行政诉讼诉情况",
                                              "政府信息公开行政复议、行政诉讼情况",
                                              "第四部分 政府信息公开行政复议、行政诉讼情况",
                                              "四、政府信息公开行政复议、行政诉情况"),
            "二、主动公开政府信息情况": ("二、主动公开政府信息信息情况", "第二部分 主动公开政府信息情况")}


def damage_row(line: str, kind: str, rng: random.Random) -> str:
    """One table row's numbers damaged: `run` (all separators lost), `partial`
    (some lost), `stray` (a space inside one number), `nbsp` (&nbsp; as separators).
    A blank cell printed as a mark (`BLANK_MARKS`) stays in its place, set off by
    the separator or glued to the digits beside it; an empty cell is lost with the
    separators (the text then no longer says where it was)."""
    if "|" in line:  # " | " between cells: scraped as plain spaces
        line = re.sub(r"\s*\|\s*", " ", line).strip()
    m = _ROW_NUMBERS.match(line)
    if not m or not any(t[-1].isdigit() for t in m.group("nums").split()):
        return line
    label, tokens = m.group("label") or "", m.group("nums").split()
    sep = "\t" if "\t" in m.group("nums") else " "
    lead = sep if label else ""
    if kind == "run":
        if not any(t in BLANK_MARKS for t in tokens):
            return label + "".join(tokens)
        beside = sep if rng.random() < 0.5 else ""
        return label + "".join(beside + t + beside if t in BLANK_MARKS else t for t in tokens)
    if kind == "partial":
        out = tokens[0]
        for t in tokens[1:]:
            out += ("" if rng.random() < 0.5 else sep) + t
        return label + lead + out
    if kind == "stray":
        long = [i for i, t in enumerate(tokens) if len(t) >= 2 and t.isdigit()]
        if not long:
            return line
        i = rng.choice(long)
        k = rng.randint(1, len(tokens[i]) - 1)
        tokens[i] = tokens[i][:k] + " " + tokens[i][k:]
        return label + lead + sep.join(tokens)
    return label + "&nbsp;" + "&nbsp;&nbsp;".join(tokens) + "&nbsp;"


@st.composite
def damaged_text(draw, text: str, report: Report) -> str:
    """`text` (a written report) with some of: rows damaged (`damage_row`), a part
    heading misprinted, the portal's label before the title, the agency named only
    in the preface. The cells and meta of `report` stay what the text means."""
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    rate = draw(st.sampled_from([0.0, 0.1, 0.3, 0.6]))
    kinds = draw(st.lists(st.sampled_from(ROW_DAMAGES), min_size=1, max_size=4, unique=True))
    lines = [damage_row(ln, rng.choice(kinds), rng) if rng.random() < rate else ln
             for ln in text.split("\n")]
    text = "\n".join(lines)
    for heading, typos in HEADINGS.items():
        if heading in text and draw(st.booleans()):
            text = text.replace(heading, draw(st.sampled_from(typos)), 1)
    title = f"{report.agency}{report.year}年政府信息公开工作年度报告"
    if text.startswith(title):
        how = draw(st.sampled_from(["none", "label", "portal", "preface"]))
        if how == "label":
            text = draw(st.sampled_from(["标题：", "【标题】", "名称："])) + text
        elif how == "portal":
            text = f"来源：{report.agency}\n" + text
        elif how == "preface":
            text = f"{report.year}年政府信息公开工作年度报告\n" \
                   f"本报告由{report.agency}根据《中华人民共和国政府信息公开条例》要求编制。\n" \
                   + text[len(title):].lstrip("\n")
    return text
