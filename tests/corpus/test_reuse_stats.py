"""A batch pairs a body's consecutive reports: a part copied from last year is an
X-4 finding in findings.parquet, and `stats` gives the reuse rate per part."""

from __future__ import annotations

from pathlib import Path

from zfxxgk.corpus import stats
from zfxxgk.corpus.engines import LocalEngine
from zfxxgk.corpus.run import run_batch

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "wanghu-street-2023.txt"


def test_batch_flags_a_copied_part_and_stats_counts_it(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "2023.txt").write_text(text, encoding="utf-8")
    later = text.replace("2023年", "2024年").replace("2024年1月22日", "2025年1月20日")
    (tmp_path / "in" / "2024.txt").write_text(later, encoding="utf-8")
    run_batch([str(tmp_path / "in")], tmp_path / "out", LocalEngine(1))
    reuse = {r["key"]: r for r in stats.compute(tmp_path / "out")["reuse"]}
    assert reuse["5"]["value"] == 1 and reuse["5"]["share"] == 1.0
    assert reuse["3"]["value"] == 0
    assert "存在的主要问题" in stats.format_text({"reuse": list(reuse.values())})
