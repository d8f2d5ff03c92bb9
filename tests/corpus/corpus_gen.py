"""Text corpora for the corpus tests: reports written in code (tests/strategies.py
builds the tables, tests/layouts prints them in the text layouts the samples
show), many bodies and years, so a batch run has something real to chew on."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from layouts import write  # noqa: E402
from strategies import distinct_report  # noqa: E402

# Layouts that read back exactly and parse fast (run_together is slow and lossy).
FAST_LAYOUTS = ("tab_exact", "tab_residue", "markdown", "spaces", "pdf_text", "cell_per_line")
REGION = "青禾市云岭区"


def body(i: int) -> str:
    return f"{REGION}第{i}街道办事处"


def report(i: int, year: int = 2023):
    template = "2019" if year < 2021 else "2021"
    return distinct_report(template, seed=i * 31 + year, agency=body(i), year=year)


def report_text(i: int, year: int = 2023) -> str:
    return write(FAST_LAYOUTS[i % len(FAST_LAYOUTS)], report(i, year), seed=i)


def write_corpus(folder: Path, n: int, years: tuple[int, ...] = (2023,),
                 start: int = 0) -> list[Path]:
    """Bodies start..start+n-1 × years, one file each; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        for year in years:
            p = folder / f"{i:05d}-{year}.txt"
            p.write_text(report_text(i, year), encoding="utf-8")
            paths.append(p)
    return paths
