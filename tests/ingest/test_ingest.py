"""Loaders (`ingest.text`) and the is-it-a-report check of the API layer."""

from __future__ import annotations

import hashlib
import io

import pytest

from zfxxgk import api
from zfxxgk.errors import EmptyInput, InputError, NotAReport, TooLarge
from zfxxgk.ingest import MAX_BYTES, LoadOptions, load_bytes, load_path, load_stdin

TEXT = "某某街道办事处2023年政府信息公开工作年度报告\r\n一、总体情况\r\n二、主动公开政府信息情况\r\n"


def test_load_bytes_normalises_line_ends_and_hashes_the_bytes():
    data = TEXT.encode("gbk")
    doc = load_bytes(data, source="a.txt")
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.encoding == "gb18030"
    assert doc.source == "a.txt"
    assert [line.text for line in doc.lines] == [
        "某某街道办事处2023年政府信息公开工作年度报告", "一、总体情况", "二、主动公开政府信息情况"]
    assert [line.number for line in doc.lines] == [1, 2, 3]


def test_old_mac_line_ends():
    doc = load_bytes("政府信息公开\r第二行\r".encode())
    assert [line.text for line in doc.lines] == ["政府信息公开", "第二行"]


def test_load_path(tmp_path):
    p = tmp_path / "报告.txt"
    p.write_bytes(TEXT.encode("utf-16"))
    doc = load_path(p)
    assert doc.source == str(p)
    assert doc.lines[0].text.endswith("年度报告")


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="找不到") as e:
        load_path(tmp_path / "nope.txt")
    assert e.value.source == str(tmp_path / "nope.txt")


def test_directory(tmp_path):
    with pytest.raises(InputError, match="文件夹"):
        load_path(tmp_path)


def test_too_large_is_refused_before_reading(tmp_path, monkeypatch):
    p = tmp_path / "big.txt"
    with open(p, "wb") as f:
        f.truncate(51 * 1024 * 1024)  # sparse: no disk space, no reading

    def no_read(*a, **kw):
        raise AssertionError("file was opened")

    monkeypatch.setattr("builtins.open", no_read)
    with pytest.raises(TooLarge, match="51 MB") as e:
        load_path(p)
    assert "50 MB" in e.value.message


def test_limit_is_an_option(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(TEXT, encoding="utf-8")
    with pytest.raises(TooLarge):
        load_path(p, LoadOptions(max_bytes=10))
    with pytest.raises(TooLarge):
        load_bytes(TEXT.encode(), options={"max_bytes": 10})


def test_load_options():
    assert LoadOptions.resolve(None).max_bytes == MAX_BYTES == 50 * 1024 * 1024
    assert LoadOptions.resolve({"max_bytes": 5}) == LoadOptions(5)
    with pytest.raises(ValueError, match="max_bytes"):
        LoadOptions(max_bytes=0)
    with pytest.raises(Exception):
        LoadOptions().max_bytes = 3  # frozen


def test_stdin_binary_and_text_streams():
    assert load_stdin(io.BytesIO(TEXT.encode())).lines[1].text == "一、总体情况"
    wrapper = io.TextIOWrapper(io.BytesIO(TEXT.encode("gbk")), encoding="utf-8")
    assert load_stdin(wrapper).encoding == "gb18030"  # read from .buffer, not as text


def test_stdin_refused_once_over_the_limit():
    with pytest.raises(TooLarge):
        load_stdin(io.BytesIO(b"x" * 101), LoadOptions(max_bytes=100))
    assert load_stdin(io.BytesIO("申请".encode() * 10), LoadOptions(max_bytes=60))


def test_empty_stdin():
    with pytest.raises(EmptyInput, match="文件为空") as e:
        load_stdin(io.BytesIO(b""))
    assert e.value.source == "<stdin>"


def test_not_a_report():
    with pytest.raises(NotAReport, match="不是政府信息公开工作年度报告"):
        api.parse_bytes("今天天气很好，我们去公园散步。\n".encode(), source="x.txt")


def test_spaced_title_is_a_report():
    doc = load_bytes("政 府 信 息 公 开 工 作 年 度 报 告\n".encode())
    assert api.ensure_report(doc) is doc


def test_report_json_is_read_back():
    from zfxxgk.model import Report, report_to_json

    report = Report(agency="某某街道办事处", year=2023, template="2021",
                    applications={"received": {"natural_person": 3}})
    back = api.parse_bytes(report_to_json(report).encode(), source="r.json")
    assert back.applications == {"received": {"natural_person": 3}}
    assert back.source == "r.json"


def test_broken_report_json():
    data = b'{"schema": "zfxxgk.report/1", "year": "two thousand"}'
    with pytest.raises(InputError, match="zfxxgk.report/1"):
        api.parse_bytes(data, source="bad.json")
