"""Seconds per report for each output format, and the PDF time per CJK font.

    .venv/bin/python bench/render_bench.py [N]

Renders N generated reports (distinct values, both templates, with narrative text)
per format after one warm-up; the target is ≤ 1 s per report for PDF."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from strategies import distinct_report  # noqa: E402
from zfxxgk.render import FORMATS, render  # noqa: E402
from zfxxgk.render.layout import build  # noqa: E402
from zfxxgk.render.pdf import render_pdf  # noqa: E402

TEXT = ("本机关坚持以公开为常态、不公开为例外，全年主动公开政府信息一千余条。\n"
        "（一）主动公开情况。通过门户网站、政务新媒体等渠道及时发布各类信息。\n") * 6
FONTS = ("Noto Serif CJK SC", "AR PL UMing CN", "WenQuanYi Zen Hei")


def reports(n: int):
    out = []
    for i in range(n):
        r = distinct_report("2021" if i % 2 else "2019", seed=i)
        r.sections = {"1": TEXT, "5": TEXT[:120], "6": "全年未收取信息处理费。"}
        out.append(r)
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 6
    batch = reports(n)
    print(f"{n} 份报告，每份平均耗时（秒）：")
    for fmt in FORMATS:
        render(batch[0], fmt)  # warm-up: imports, font loading
        t = time.perf_counter()
        for r in batch:
            render(r, fmt)
        print(f"  {fmt:5s} {(time.perf_counter() - t) / n:.3f}")
    print("PDF 按字体：")
    layouts = [build(r) for r in batch]
    for font in FONTS:
        render_pdf(layouts[0], font=font)
        t = time.perf_counter()
        sizes = [len(render_pdf(lay, font=font)) for lay in layouts]
        print(f"  {font:20s} {(time.perf_counter() - t) / n:.3f} s  {sum(sizes) / n / 1024:.0f} KB")


if __name__ == "__main__":
    main()
