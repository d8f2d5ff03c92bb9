"""`--previous` reaches the parser: last year's 结转下年度 settles a damaged
上年结转 row that its own digits leave open (X-1), through `zfxxgk parse` and
`zfxxgk check`, and `decided_by` names last year's report."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from zfxxgk.cli import cli
from zfxxgk.model import Report, report_to_json

COLS = ["natural_person", "commercial", "research", "nonprofit", "legal_service",
        "other_org", "total"]
# `110000011` is 1|10|0|0|0|0|11 or 11|0|0|0|0|0|11 under its own total (11)
THIS_YEAR = ("某某区人民政府2023年政府信息公开工作年度报告\n"
             "三、收到和处理政府信息公开申请情况\n"
             "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n"
             "\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n"
             "二、上年结转政府信息公开申请数量110000011\n")
CARRIED = "applications.carried_in"


@pytest.fixture
def files(tmp_path):
    this = tmp_path / "2023.txt"
    this.write_text(THIS_YEAR, encoding="utf-8")
    last = tmp_path / "2022.json"
    last.write_text(report_to_json(Report(
        year=2022, template="2021", agency="某某区人民政府",
        applications={"carried_forward": dict(zip(COLS, [1, 10, 0, 0, 0, 0, 11]))})),
        encoding="utf-8")
    return this, last


def _parse(*args: str) -> dict:
    result = CliRunner().invoke(cli, ["parse", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_parse_alone_leaves_the_ambiguous_cells_null(files):
    this, _ = files
    report = _parse(str(this))
    # a blank may also have gone with the separators: not even 总计 11 is sure
    assert set(report["applications"]["carried_in"].values()) == {None}


def test_parse_with_previous_takes_last_years_carried_forward(files):
    this, last = files
    report = _parse("--previous", str(last), str(this))
    assert list(report["applications"]["carried_in"].values()) == [1, 10, 0, 0, 0, 0, 11]
    for col in ("natural_person", "commercial"):
        assert report["provenance"][f"{CARRIED}.{col}"]["decided_by"] == "上年报告"


def test_parse_with_previous_as_text_report(files, tmp_path):
    """The previous year given as a report text, parsed like any input."""
    this, _ = files
    last = tmp_path / "2022.txt"
    last.write_text("某某区人民政府2022年政府信息公开工作年度报告\n"
                    "三、收到和处理政府信息公开申请情况\n"
                    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n"
                    "\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n"
                    "四、结转下年度继续办理\t1\t10\t0\t0\t0\t0\t11\n", encoding="utf-8")
    report = _parse("--previous", str(last), str(this))
    assert list(report["applications"]["carried_in"].values()) == [1, 10, 0, 0, 0, 0, 11]
    assert report["provenance"][f"{CARRIED}.natural_person"]["decided_by"] == "上年报告"


def test_unreadable_previous_is_one_error_line_and_the_report_still_parsed(files, tmp_path):
    this, _ = files
    missing = tmp_path / "没有这个文件.txt"
    result = CliRunner().invoke(cli, ["parse", "--previous", str(missing), str(this)])
    assert result.exit_code == 2
    assert "找不到这个文件" in result.output
    assert "Traceback" not in result.output


def _ambiguous_cells(args: list[str]) -> set[str]:
    result = CliRunner().invoke(cli, ["check", "--format", "json", *args])
    docs = json.loads(result.stdout)
    docs = docs if isinstance(docs, list) else [docs]  # a folder: one document per report
    return {c for doc in docs if doc.get("year") in (None, 2023) for f in doc["findings"]
            if f["rule"] == "F-INFERRED" and "可拆为" in f["message"] for c in f.get("cells", [])}


def test_check_with_previous_settles_the_row(files):
    this, last = files
    assert f"{CARRIED}.natural_person" in _ambiguous_cells([str(this)])
    assert _ambiguous_cells(["--previous", str(last), str(this)]) == set()


LAST_YEAR_TEXT = ("{agency}2022年政府信息公开工作年度报告\n"
                  "三、收到和处理政府信息公开申请情况\n"
                  "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n"
                  "\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n"
                  "四、结转下年度继续办理\t1\t10\t0\t0\t0\t0\t11\n")


def _folder(tmp_path, last_agency: str):
    folder = tmp_path / "报告"
    folder.mkdir()
    (folder / "2023.txt").write_text(THIS_YEAR, encoding="utf-8")
    (folder / "2022.txt").write_text(LAST_YEAR_TEXT.format(agency=last_agency), encoding="utf-8")
    return folder


def test_check_folder_feeds_last_years_report_to_the_parser(tmp_path):
    """`zfxxgk check FOLDER` pairs the folder's reports and parses a report whose
    上年结转 row is open again with its pair, as `--previous` would: the tie is
    broken only by last year's 结转下年度."""
    folder = _folder(tmp_path, "某某区人民政府")
    assert _ambiguous_cells([str(folder)]) == set()


def test_check_folder_without_the_same_bodys_last_year_leaves_the_tie(tmp_path):
    folder = _folder(tmp_path, "某某县人民政府")
    assert f"{CARRIED}.natural_person" in _ambiguous_cells([str(folder)])


def test_settled_report_says_last_years_report_decided(tmp_path):
    from zfxxgk.app import read_inputs, settle_with_previous

    folder = _folder(tmp_path, "某某区人民政府")
    inputs = settle_with_previous(list(read_inputs([str(folder)])))
    this = next(i.report for i in inputs if i.report.year == 2023)
    assert [this.cell(f"{CARRIED}.{c}") for c in COLS] == [1, 10, 0, 0, 0, 0, 11]
    assert this.provenance[f"{CARRIED}.natural_person"].decided_by == "上年报告"
    assert all(i.reparse is None for i in inputs)


@pytest.mark.parametrize("last_agency,settled", [("某某区人民政府", True), ("某某县人民政府", False)])
def test_batch_feeds_last_years_report_of_the_folder_to_the_parser(tmp_path, last_agency, settled):
    """`zfxxgk batch`: a folder's files go to a worker together, which pairs them as
    `check FOLDER` does; another body's report settles nothing."""
    from zfxxgk.corpus.engines import LocalEngine
    from zfxxgk.corpus.run import run_batch

    folder = _folder(tmp_path, last_agency)
    out = tmp_path / "out"
    summary = run_batch([str(folder)], out, LocalEngine(1))
    assert summary.reports == 2
    reports = [json.loads(line) for line in (out / "reports.jsonl").read_text("utf-8").splitlines()]
    this = next(r for r in reports if r["year"] == 2023)
    carried = list(this["applications"]["carried_in"].values())
    assert carried == ([1, 10, 0, 0, 0, 0, 11] if settled else [None] * 7)
