"""zfxxgk fetch against the look-alike portal on 127.0.0.1 (no internet): what is
fetched, what is never requested, politeness, fetched.jsonl, re-runs and resumes."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from click.testing import CliRunner

from zfxxgk.acquire import Options, Policy, fetch
from zfxxgk.cli import cli

FIELDS = {"url", "final_url", "status", "path", "sha256", "content_type", "etag", "last_modified",
          "fetched_at", "referer", "kind", "reason"}
# path on the portal -> kind in fetched.jsonl after one full run
EXPECTED_KINDS = {
    "/ndbg/index.html": "list", "/ndbg/index_1.html": "list", "/ndbg/list_more.html": "list",
    "/ndbg/2023/t1.html": "report", "/ndbg/2022/t2.html": "report", "/old/t5.html": "report",
    "/ndbg/2024/t3.html": "page", "/ndbg/2020/t4.html": "page",
    "/module/download.jsp?id=88": "attachment", "/ndbg/2020/%BD%BB%CD%A8%D4%CB%CA%E4%BE%D62024%C4%EA%B1%A8.docx": "attachment",
    "/private/t9.html": "skipped", "/ndbg/2023/qinghe.docx": "skipped",
    "/module/download.jsp?id=89": "skipped",
}


def run(portal, out: Path, waits: list | None = None, **options):
    return fetch([portal.base + "/ndbg/index.html"], out, Policy(delay=0.5),
                 Options(**options), sleep=(waits if waits is not None else []).append)


def journal(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "fetched.jsonl").read_text("utf-8").splitlines()]


def by_path(portal, lines: list[dict]) -> dict[str, dict]:
    return {e["url"].removeprefix(portal.base): e for e in lines}


def test_a_column_is_fetched_whole_politely_and_once(portals, tmp_path):
    portal, other = portals
    waits: list[float] = []
    outcome = run(portal, tmp_path, waits)
    requested = Counter(portal.paths())
    assert outcome.failed == 0 and not outcome.stopped
    # every report and attachment downloaded once; a 429 and a 500 cost one extra try each
    for path, kind in EXPECTED_KINDS.items():
        if kind != "skipped" or path.endswith(".docx"):
            assert requested[path] == (2 if path in ("/ndbg/2022/t2.html", "/module/download.jsp?id=88")
                                       else 1), path
    assert not [p for p in requested if p.startswith("/private/")]  # robots.txt obeyed
    assert other.log == []  # nothing off-site
    assert "/zwgk/notice.html" not in requested  # not an annual report
    # back-off: the 429's Retry-After (3 s), then 2 s for the 500; 0.5 s between requests
    assert 3.0 in waits and 2.0 in waits
    assert all(w <= 0.5 for w in waits if w not in (3.0, 2.0))
    assert all("zfxxgk/" in headers["user-agent"] for _, headers in portal.log)

    lines = journal(tmp_path)
    entries = by_path(portal, lines)
    assert len(entries) == len(lines)  # one line per URL
    off_site = [e for e in lines if not e["url"].startswith(portal.base)]
    assert [e["kind"] for e in off_site] == ["skipped"] and "站" in off_site[0]["reason"]
    assert {p: e["kind"] for p, e in entries.items() if p in EXPECTED_KINDS} == EXPECTED_KINDS
    assert len(entries) == len(EXPECTED_KINDS) + 1
    assert all(FIELDS <= set(e) for e in lines)
    assert "robots.txt" in entries["/private/t9.html"]["reason"]
    assert entries["/old/t5.html"]["final_url"] == portal.base + "/ndbg/2021/t5.html"
    twin = entries["/ndbg/2023/qinghe.docx"]
    assert twin["path"] is None and "是同一份" in twin["reason"] and "/t1.html" in twin["reason"]
    copy = entries["/module/download.jsp?id=89"]
    assert "内容相同" in copy["reason"] and copy["path"] == entries["/module/download.jsp?id=88"]["path"]
    assert len({e["path"] for e in lines if e["path"]}) == 10  # stored once each
    for e in lines:
        if e["path"]:
            data = (tmp_path / e["path"]).read_bytes()
            assert __import__("hashlib").sha256(data).hexdigest() == e["sha256"]
    # names from a GBK Content-Disposition and a GBK-percent-encoded URL
    assert entries["/module/download.jsp?id=88"]["path"].endswith("-望湖街道2023年度报告.pdf")
    assert entries["/ndbg/2020/%BD%BB%CD%A8%D4%CB%CA%E4%BE%D62024%C4%EA%B1%A8.docx"]["path"] \
        .endswith("-交通运输局2024年报.docx")


def test_a_second_run_revalidates_and_downloads_nothing(portals, tmp_path):
    portal, _ = portals
    run(portal, tmp_path)
    before = (tmp_path / "fetched.jsonl").read_bytes()
    mark = len(portal.log)
    outcome = run(portal, tmp_path)
    assert outcome.downloaded == 0 and outcome.failed == 0
    assert outcome.not_modified == sum(1 for e in journal(tmp_path) if e["sha256"])
    assert (tmp_path / "fetched.jsonl").read_bytes() == before  # nothing new to say
    again = portal.log[mark:]
    saved = {e["url"].removeprefix(portal.base) for e in journal(tmp_path) if e["path"]}
    for path, headers in again:
        if path in saved:
            assert "if-none-match" in headers and "if-modified-since" in headers, path
    assert not [p for p, _ in again if p.startswith("/private/")]


def test_a_stopped_run_resumes_without_duplicates(portals, tmp_path):
    portal, _ = portals
    first = run(portal, tmp_path, max_requests=8)
    assert first.stopped
    done_before = {e["url"] for e in journal(tmp_path)}
    with open(tmp_path / "fetched.jsonl", "ab") as f:
        f.write(b'{"url": "http://127.0.0.1/torn", "kind": "rep')  # a line torn by a kill
    mark = len(portal.log)
    second = run(portal, tmp_path)
    assert not second.stopped and second.failed == 0 and second.already_done >= 3
    lines = journal(tmp_path)
    assert len({e["url"] for e in lines}) == len(lines) == len(EXPECTED_KINDS) + 1
    assert {p: e["kind"] for p, e in by_path(portal, lines).items() if p in EXPECTED_KINDS} \
        == EXPECTED_KINDS
    # what the stopped run fetched is not requested again
    again = {p for p, _ in portal.log[mark:]}
    assert not {u.removeprefix(portal.base) for u in done_before} & again


def test_max_pages_limits_the_list_pages_read(portals, tmp_path):
    portal, _ = portals
    outcome = run(portal, tmp_path, max_pages=2)
    assert outcome.kinds["list"] == 2 and "/ndbg/list_more.html" not in portal.paths()
    assert outcome.failed == 0


def test_follow_external_reaches_the_other_host_politely(portals, tmp_path):
    portal, other = portals
    outcome = run(portal, tmp_path, follow_external=True)
    assert [p for p, _ in other.log] == ["/robots.txt", "/ndbg/x.html"]
    entry = next(e for e in journal(tmp_path) if e["url"].endswith("/ndbg/x.html"))
    assert entry["kind"] == "page" and outcome.failed == 0


def test_the_command_line_says_what_it_did_and_fails_on_a_dead_link(portals, tmp_path):
    portal, _ = portals
    result = CliRunner().invoke(cli, ["fetch", portal.base + "/ndbg/index.html", "--out",
                                      str(tmp_path / "a"), "--delay", "0"])
    assert result.exit_code == 0, result.output
    assert "列表页 3，报告页（网页即报告） 3，报告页（附件另存） 2，附件 2，跳过 4" in result.output
    from portal import Page, html_page

    portal.pages["/ndbg/index_1.html"] = Page(html_page("年报", (
        '<a href="2019/gone.html">某局2019年政府信息公开工作年度报告</a>')))
    result = CliRunner().invoke(cli, ["fetch", portal.base + "/ndbg/index.html", "--out",
                                      str(tmp_path / "b"), "--delay", "0"])
    assert result.exit_code == 2
    assert "gone.html：服务器答复 404" in result.output
    result = CliRunner().invoke(cli, ["fetch", "ftp://example.org/", "--out", str(tmp_path / "c")])
    assert result.exit_code == 2 and "不是 http 或 https 网址" in result.output
    (tmp_path / "file").write_text("x")
    result = CliRunner().invoke(cli, ["fetch", portal.base + "/ndbg/index.html", "--out",
                                      str(tmp_path / "file")])
    assert result.exit_code == 1 and "无法写入" in result.output and "Traceback" not in result.output
