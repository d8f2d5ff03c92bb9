"""Text damage of the thirteenth pass, hunt4_probe's kind.

Classes:
  t3_col_missing_2lvl  table 三 under its two-level header (申请人情况 / 自然人
                   法人或其他组织 总计 / the five kinds) printed without one of its
                   columns (a kind, 自然人 or 总计): the header and every row; the
                   group's colspan collapsed or kept as blank cells

A column left out stays in the truth where the identities give it (as hunt4_probe's
t3_col_missing: each row's T3-3).
Run: `PYTHONPATH=src python3 bench/hunt5_probe.py [-n 6] [--seed 1] [--only NAME]`.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "bench")]
sys.path.append(str(ROOT / "src"))  # after PYTHONPATH: another checkout may be probed

import hunt_probe  # noqa: E402
from hunt2_probe import LAYOUTS, _laid, _tabs  # noqa: E402
from hunt4_probe import _drop_column  # noqa: E402

_KINDS = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")


def t3_col_missing_2lvl(report, other, rng, layout):
    """The two-level header as a web page or Word table prints it, one column (k: 1
    自然人, 2-6 a kind, 7 总计) left out of it and of every row."""
    lines = _tabs(report, rng).split("\n")
    i = next(k for k, ln in enumerate(lines) if "自然人" in ln)
    j = next(k for k, ln in enumerate(lines) if k > i and ln.startswith("四、政府"))
    k = rng.randint(1, 7)
    _drop_column(lines, i, j, k)
    note = lines[i].split("\t")[0]
    top = ["自然人", "法人或其他组织", "总计"]
    kinds = list(_KINDS)
    if k == 1:
        top.remove("自然人")
    elif k == 7:
        top.remove("总计")
    else:
        kinds.pop(k - 2)
    if rng.random() < 0.5:  # the group's colspan kept as blank cells, the kinds' line without 自然人's
        top = [t + "\t" * (len(kinds) - 1) if t == "法人或其他组织" else t for t in top]
        head = [note + "\t申请人情况", "\t" + "\t".join(top), "\t" + "\t".join(kinds)]
    else:
        head = [note + "\t申请人情况", "\t" + "\t".join(top), "\t\t" + "\t".join(kinds)]
    return _laid("\n".join(lines[:i] + head + lines[i + 1:]), layout)


CLASSES = {
    "t3_col_missing_2lvl": (t3_col_missing_2lvl, LAYOUTS),
}


if __name__ == "__main__":
    hunt_probe.main(CLASSES, __doc__)
