"""`zfxxgk fix`: safe corrections of a flawed report, each with its reason.

Safe means the published facts stay as published:
- wording: the agency name without a doubled word, the official title, part
  headings, row and column labels and the template's preface — all of which the
  re-rendered document prints from `zfxxgk.standard` anyway; `fix` lists each
  difference the parser noticed (its notes) so the clerk sees what changes;
- a blank 总计 cell that the identities determine (the six applicant cells of its
  row are all filled, or all result rows of its column, or the four results of a
  复议/诉讼 group): filled with the sum.

Never changed: a printed number, even one that breaks an identity. Those are
listed as "not changed" with the checker's message, for a person to decide.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..check.labels import describe_cell
from ..model import Report
from ..standard import get_template
from .identities import equations
from .layout import cell_text

WHAT = {"row": "行名", "column": "列名", "section": "标题", "caption": "表头"}


@dataclass
class Change:
    where: str  # Chinese: which field or cell
    before: str
    after: str
    reason: str
    cell: str | None = None


@dataclass
class FixResult:
    report: Report
    changes: list[Change]
    kept: list[str]  # Chinese: problems left for a person (error findings)


def fix_report(report: Report) -> FixResult:
    fixed = report.model_copy(deep=True)
    fixed._notes = list(report.notes)
    fixed._source_lines = dict(report.source_lines)
    changes: list[Change] = []
    changes += _wording(report)
    changes += _fill_totals(fixed)
    fixed.provenance = None  # the fixed report is no longer a reading of the source
    from ..check import run

    kept = [f"{f.rule}：{f.message}" for f in run(fixed) if f.severity == "error"]
    return FixResult(fixed, changes, kept)


def _wording(report: Report) -> list[Change]:
    out: list[Change] = []
    seen: set[tuple[str, str]] = set()
    for note in report.notes:
        data = note.data or {}
        if note.kind == "meta_doubled" or (note.kind.startswith("meta") and "reduced" in data):
            out.append(Change("机关名称", str(data.get("printed")), str(data.get("reduced")),
                              "机关名称中有重复的词，按落款和标题应有的名称去掉重复"))
        elif note.kind == "label" and data.get("printed") and data.get("official"):
            key = (str(data["printed"]), str(data["official"]))
            if key in seen or key[0] == key[1]:
                continue
            seen.add(key)
            what = WHAT.get(str(data.get("what")), "用语")
            out.append(Change(what, key[0], key[1],
                              f"{what}与官方格式（{get_template(report.template).name}）的用语不一致，"
                              "改为官方用语", note.cells[0] if note.cells else None))
    return out


def _fill_totals(report: Report) -> list[Change]:
    """Fill blank 总计 cells from filled parts, repeating until nothing changes
    (a row total can make a column total determinable)."""
    out: list[Change] = []
    progress = True
    while progress:
        progress = False
        for eq in equations(report):
            if eq.rule not in ("T3-2", "T3-3", "T4-1") or len(eq.left) != 1:
                continue
            target = eq.left[0]
            if report.cell(target) is not None or not report.has_cell(target):
                continue
            parts = [report.cell(c) for c in eq.right]
            if any(v is None for v in parts):
                continue
            value = sum(parts)
            report.set_cell(target, value)
            out.append(Change(describe_cell(target, report.template), "（空白）", cell_text(value),
                              f"总计为空，由{eq.what.split('：')[0]}的各项之和确定（{eq.rule}）", target))
            progress = True
    return out


def format_diff(result: FixResult) -> str:
    """The changes as a readable diff, then what was deliberately left alone."""
    lines: list[str] = []
    if not result.changes:
        lines.append("没有可以安全修正的内容。")
    for ch in result.changes:
        lines += [f"@ {ch.where}" + (f"（{ch.cell}）" if ch.cell else ""),
                  f"- {ch.before}", f"+ {ch.after}", f"  理由：{ch.reason}"]
    if result.kept:
        lines.append("")
        lines.append("以下问题涉及已公开的数字，未作改动，请核实后自行修改：")
        lines += [f"  {k}" for k in result.kept]
    return "\n".join(lines) + "\n"
