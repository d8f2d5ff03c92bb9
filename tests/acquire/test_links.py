"""The pure half of fetch, on saved pages and headers: links, paging, names."""

from __future__ import annotations

from urllib.parse import quote

import httpx
import pytest

from zfxxgk.acquire.client import Policy, PoliteClient, retry_after
from zfxxgk.acquire.links import extract, names_a_report, script_paging, suffix_of
from zfxxgk.acquire.names import disposition_name, file_name

BASE = "http://www.example.gov.cn/zfxxgk/ndbg/index.html"


def page(body: str, charset: str = "utf-8") -> bytes:
    html = (f'<html><head><meta charset="{charset}"><title>年报</title></head><body>'
            '<div class="nav"><a href="/">首页</a><a href="/x/2023nb.html">2023年年报</a></div>'
            f'{body}<div id="footer"><a href="/about.html">网站地图</a></div></body></html>')
    return html.encode("gb18030" if charset == "gb2312" else charset)


def test_a_gb2312_list_page_gives_its_report_items_and_paging():
    links = extract(page(
        '<ul><li><a href="202401/t1.html" title="青禾市2023年政府信息公开工作年度报告">青禾市2023年…</a></li>'
        '<li><a href="./202301/t2.html">2022年度政府信息公开工作年报</a></li>'
        '<li><a href="202201/t3.html">二〇二一年政府信息公开工作年度报告</a></li>'
        '<li><a href="notice.html">关于政务公开培训的通知</a></li>'
        '<li><a href="javascript:void(0)">2020年年度报告</a></li></ul>'
        '<div class="page"><a href="index_1.html">2</a> <a href="index_1.html">下一页</a>'
        '<a href="index_4.html">尾页</a></div>', "gb2312"), BASE)
    assert links.encoding == "gb18030"
    folder = BASE.rsplit("/", 1)[0]
    assert [link.url for link in links.items] == [
        f"{folder}/202401/t1.html", f"{folder}/202301/t2.html", f"{folder}/202201/t3.html"]
    assert links.items[0].text == "青禾市2023年政府信息公开工作年度报告"
    # 尾页 → index_4: the pages in between are read too; the navigation bar is not
    assert sorted(links.paging) == [f"{folder}/index_{n}.html" for n in range(1, 5)]


def test_the_create_page_html_script_is_read_as_links():
    assert script_paging('createPageHTML(3, 0, "index", "shtml");', BASE) == [
        "http://www.example.gov.cn/zfxxgk/ndbg/index.shtml",
        "http://www.example.gov.cn/zfxxgk/ndbg/index_1.shtml",
        "http://www.example.gov.cn/zfxxgk/ndbg/index_2.shtml"]
    links = extract(page("<script>var a=1; createPageHTML('2','1','index','html');</script>"), BASE)
    assert links.paging == [BASE, BASE.replace("index.html", "index_1.html")]


def test_a_report_page_gives_its_attachments_but_not_its_furniture():
    links = extract(page(
        '<p>附件：<a href="/module/download.jsp?filename=2023%C4%EA%B1%A8.pdf">2023年报.pdf</a></p>'
        '<p><a href="P0202401.docx">附件2</a> <a href="t.wps">附件3</a></p>'
        '<img src="/images/logo.png"><img src="W020240118.jpg" alt="统计表">'), BASE)
    urls = [link.url for link in links.attachments + links.items if link.file]
    assert len(urls) == 4 and all(u.startswith("http://www.example.gov.cn/") for u in urls)
    assert not any("logo" in u for u in urls)
    assert links.items[0].file and suffix_of(links.items[0].url) == ".pdf"


def test_report_words_need_a_year():
    assert names_a_report("2023年政府信息公开工作年度报告")
    assert names_a_report("政府信息公开年报（二〇二二年）")
    assert not names_a_report("政府信息公开指南")
    assert not names_a_report("2023年工作总结")


@pytest.mark.parametrize("header, name", [
    ("attachment; filename*=UTF-8''" + quote("2023年度报告.pdf"), "2023年度报告.pdf"),
    ("attachment; filename=\"" + "2023年度报告.pdf".encode("gbk").decode("latin-1") + '"',
     "2023年度报告.pdf"),
    ("attachment; filename=" + quote("年报.docx".encode("gbk")), "年报.docx"),
    ("attachment; filename=report.pdf", "report.pdf"),
    (None, None),
])
def test_attachment_names_are_decoded(header, name):
    assert disposition_name(header) == name


def test_file_names_are_safe_and_say_their_format():
    assert file_name("http://x.cn/a/view.jsp?id=3", None, "text/html; charset=gbk") == "view.jsp.html"
    assert file_name("http://x.cn/a/" + quote("年报.pdf".encode("gbk")), None, None) == "年报.pdf"
    assert file_name("http://x.cn/a/", 'attachment; filename="../../etc/passwd"', None) == \
        "_.._etc_passwd"


def test_retry_after_in_seconds_or_as_a_date():
    assert retry_after("120", 0) == 120
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1445412470) == 10
    assert retry_after("soon", 0) is None and retry_after(None, 0) is None


def _client(handler, **policy) -> tuple[PoliteClient, list[float]]:
    waits: list[float] = []
    client = PoliteClient(Policy(**policy), sleep=waits.append, clock=lambda: 0.0,
                          transport=httpx.MockTransport(handler))
    return client, waits


def test_back_off_doubles_and_gives_up_on_a_long_retry_after():
    calls = []

    def handler(request):
        calls.append(request.url)
        return httpx.Response(503)

    client, waits = _client(handler, delay=0, backoff=1.0, retries=3)
    response = client.get("http://a.cn/x")
    assert len(calls) == 4 and waits == [1.0, 2.0, 4.0]
    assert "重试 3 次后仍未成功" in response.error
    client, waits = _client(lambda r: httpx.Response(429, headers={"Retry-After": "86400"}))
    assert "超过" in client.get("http://a.cn/x").error and waits == []


def test_the_delay_is_kept_per_host_and_the_size_cap_holds():
    client, waits = _client(lambda r: httpx.Response(200, content=b"x" * 2000),
                            delay=1.5, max_bytes=1000)
    first = client.get("http://a.cn/1")
    client.get("http://a.cn/2")
    client.get("http://b.cn/1")
    assert waits == [1.5]  # the clock stands still: a full delay before a.cn's second request
    assert first.body is None and "文件超过" in first.error


from hypothesis import given, settings, strategies as st  # noqa: E402

from zfxxgk.acquire.journal import Entry, Journal  # noqa: E402
from zfxxgk.ingest.walk import journal_lines  # noqa: E402

_HTML_BITS = st.sampled_from([
    "<a href='{}'>2023年度报告</a>", "<a href=\"{}\">下一页</a>", "<a href='{}'>附件.pdf</a>",
    "<img src='{}'>", "<script>createPageHTML(3, 0, 'index', 'html');</script>", "<base href='{}'>",
    "<div class='nav'>", "</div>", "<table><tr><td>{}</td></tr></table>", "政府信息公开"])
_HREFS = st.sampled_from(["x.html", "/a/b.pdf", "javascript:go()", "mailto:a@b.cn", "ftp://h/f",
                          "//other.cn/y.html", "?page=2", "#top", "index_3.html", "", "%D6%D0.doc",
                          "data:text/html,hi", "http://[::1]:80/", "http://a.cn/%zz"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_HTML_BITS, _HREFS), max_size=30), st.sampled_from(["utf-8", "gb2312"]))
def test_any_page_gives_only_http_links_and_never_raises(bits, charset):
    body = "".join(bit.format(href) for bit, href in bits)
    links = extract(page(body, charset), BASE)
    urls = links.paging + [link.url for link in links.items + links.attachments]
    assert all(u.startswith(("http://", "https://")) and "#" not in u for u in urls)
    assert len(set(links.paging)) == len(links.paging)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=6), st.data())
def test_a_journal_cut_anywhere_keeps_every_complete_line(tmp_path_factory, n, data):
    out = tmp_path_factory.mktemp("journal")
    with Journal(out) as journal:
        for i in range(n):
            journal.record(Entry(f"http://a.cn/{i}", "report", status=200, sha256=str(i) * 8,
                                 reason="同一份报告" if i % 2 else None))
    raw = (out / "fetched.jsonl").read_bytes()
    cut = data.draw(st.integers(min_value=0, max_value=len(raw)))
    (out / "fetched.jsonl").write_bytes(raw[:cut])
    complete = raw[:cut].count(b"\n")
    with Journal(out) as journal:
        assert len(journal.state) == complete
        journal.record(Entry("http://a.cn/new", "list"))
        assert not journal.record(Entry("http://a.cn/new", "list"))  # nothing new: no line
    lines = list(journal_lines(out / "fetched.jsonl"))
    assert [e["url"] for e in lines] == [f"http://a.cn/{i}" for i in range(complete)] + ["http://a.cn/new"]


def test_a_file_name_with_a_long_suffix_fits_the_file_system(tmp_path):
    from zfxxgk.acquire.names import saved_path
    long_tail = 'attachment; filename="a.' + "x" * 500 + '"'
    cjk_tail = "attachment; filename*=UTF-8''" + quote("年报." + "附件" * 200 + ".pdf")
    for disposition, content_type, suffix in ((long_tail, "application/pdf", ".pdf"),
                                              (long_tail, None, "x"),
                                              (cjk_tail, None, ".pdf")):
        name = file_name("http://x.cn/a/", disposition, content_type)
        assert name.endswith(suffix)
        path = tmp_path / saved_path("http://x.cn/a/", name)
        assert len(path.name.encode("utf-8")) <= 255
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"%PDF")  # the old name raised OSError: file name too long
    assert file_name("http://x.cn/a/" + quote("年报" * 100 + ".docx"), None, None).endswith(".docx")
