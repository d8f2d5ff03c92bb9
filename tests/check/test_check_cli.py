"""`zfxxgk check` with --previous, a directory, and --format html."""

from __future__ import annotations

import json
import shutil

from click.testing import CliRunner

from zfxxgk.cli import cli


def _invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_previous_runs_cross_year_rules(samples):
    real = samples / "real"
    result = _invoke("check", real / "hongze-district-2024.txt", "--previous",
                     real / "hongze-district-2023.txt", "--format", "json", "--select", "X,T2,N")
    doc = json.loads(result.stdout)
    assert [f["rule"] for f in doc["findings"]] == ["N-1"]
    assert result.exit_code == 0


def test_previous_that_disagrees_is_an_error(tmp_path, samples):
    real = samples / "real"
    text = (real / "hongze-district-2023.txt").read_text("utf-8")
    changed = text.replace("四、结转下年度继续办理 0 0 0 0 0 0 0", "四、结转下年度继续办理 2 0 0 0 0 0 2")
    assert changed != text
    last = tmp_path / "last.txt"
    last.write_text(changed, "utf-8")
    result = _invoke("check", real / "hongze-district-2024.txt", "--previous", last,
                     "--format", "json", "--select", "X")
    doc = json.loads(result.stdout)
    assert {(f["rule"], f["cells"][0]) for f in doc["findings"]} == {
        ("X-1", "applications.carried_in.natural_person"), ("X-1", "applications.carried_in.total")}
    assert result.exit_code == 1


def test_directory_groups_by_body_and_year(tmp_path, samples):
    for name in ("hongze-district-2023.txt", "hongze-district-2024.txt", "huaian-city-2024.txt"):
        shutil.copy(samples / "real" / name, tmp_path / name)
    result = _invoke("check", tmp_path, "--format", "jsonl", "--select", "X,T2-1")
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(docs) == 3 and all(d["findings"] == [] for d in docs)
    # break 2023's carry-over: the 2024 report is now compared with it
    p = tmp_path / "hongze-district-2023.txt"
    p.write_text(p.read_text("utf-8").replace("四、结转下年度继续办理 0 0 0 0 0 0 0",
                                             "四、结转下年度继续办理 1 0 0 0 0 0 1"), "utf-8")
    result = _invoke("check", tmp_path, "--format", "jsonl", "--select", "X")
    docs = {json.loads(line)["report"]["year"]: json.loads(line)
            for line in result.stdout.splitlines() if "洪泽" in line}
    assert docs[2023]["findings"] == [] and len(docs[2024]["findings"]) == 2


def test_html_review_page_and_index(tmp_path, samples):
    one = tmp_path / "review.html"
    result = _invoke("check", samples / "real" / "hongze-district-2024.txt", "--format", "html",
                     "-o", one)
    assert result.exit_code == 0
    page = one.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "[N-1]" in page
    assert '[data-cell="applications.received.total"]' in page  # the flagged cell is highlighted
    assert 'data-cell="applications.received.total"' in page.split("</style>", 1)[1]
    assert "区政府办代表区政府受理政府信息公开申请 17 件" in page  # the source excerpt
    index = tmp_path / "all" / "index.html"
    index.parent.mkdir()
    result = _invoke("check", samples / "real" / "hongze-district-2023.txt",
                     samples / "real" / "huaian-city-2024.txt", "--format", "html", "-o", index)
    assert result.exit_code == 1  # 洪泽 2023 prints wrong T4 totals
    pages = sorted(p.name for p in index.parent.glob("0*.html"))
    assert len(pages) == 2
    text = index.read_text("utf-8")
    assert all(f'href="{p}"' in text for p in pages)
