"""`ingest.encoding.decode`: the encodings offices save reports in, and the
inputs that must be refused with a message instead of being read as mojibake."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zfxxgk.errors import BinaryInput, EmptyInput, UndecodableInput
from zfxxgk.ingest import encoding
from zfxxgk.ingest.encoding import decode

TEXT = ("某某街道办事处2023年政府信息公开工作年度报告\n"
        "一、总体情况\n"
        "（七）总计\t3\t0\t0\t0\t0\t0\t3\n"
        "四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0\n")


def test_utf8():
    assert decode(TEXT.encode("utf-8")) == (TEXT, "utf-8")


def test_utf8_bom_is_removed():
    text, encoding = decode(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    assert text == TEXT
    assert encoding == "utf-8-sig"


@pytest.mark.parametrize("codec,bom,name", [
    ("utf-16-le", b"\xff\xfe", "utf-16-le"),
    ("utf-16-be", b"\xfe\xff", "utf-16-be"),
])
def test_utf16_with_bom(codec, bom, name):
    assert decode(bom + TEXT.encode(codec)) == (TEXT, name)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(codec):
    assert decode(TEXT.encode(codec)) == (TEXT, codec)


@pytest.mark.parametrize("codec", ["gb18030", "gbk", "gb2312"])
def test_gb_family_decodes_as_gb18030(codec):
    assert decode(TEXT.encode(codec)) == (TEXT, "gb18030")


def test_gb18030_only_characters():
    text = TEXT + "𠀀㐀\n"  # outside GBK: four-byte GB18030 sequences
    assert decode(text.encode("gb18030")) == (text, "gb18030")


def test_empty():
    with pytest.raises(EmptyInput, match="文件为空"):
        decode(b"")


def test_only_white_space():
    with pytest.raises(EmptyInput):
        decode(b" \r\n\t\n")


@pytest.mark.parametrize("data,word", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "Office"),
])
def test_known_binary_formats_are_named(data, word):
    with pytest.raises(BinaryInput, match=word):
        decode(data + bytes(range(256)))


def test_pdf_message():
    with pytest.raises(BinaryInput) as e:
        decode(b"%PDF-1.4\n" + b"\x00" * 100)
    assert e.value.message == "这是 PDF 文件，不能当作文本读取；zfxxgk parse、check 会按内容识别格式并读取它"


def test_image_message_names_the_formats_read():
    with pytest.raises(BinaryInput) as e:
        decode(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    assert "PDF" in e.value.message and "DOCX" in e.value.message and "OCR" in e.value.message


def test_nul_bytes_are_binary():
    with pytest.raises(BinaryInput):
        decode(bytes(range(256)) * 8)


def test_control_characters_are_binary():
    with pytest.raises(BinaryInput):
        decode(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 100 + b"abc")


def test_control_count_is_category_cc_without_the_layout_controls():
    """The count behind the binary test: every character of category Cc but tab,
    newline, VT, FF and CR, Latin-1 and Chinese text around them not counted."""
    import unicodedata

    layout = set("\t\n\x0b\x0c\r")
    chars = [chr(c) for c in range(0x300)] + list("一年报告\u3000\ufeff\U0001f600")
    for c in chars:
        expected = unicodedata.category(c) == "Cc" and c not in layout
        assert encoding._control_count(f"报告{c}a{c}") == (2 if expected else 0), hex(ord(c))
    assert encoding._control_count("") == 0


def test_undecodable_has_a_chinese_message(monkeypatch):
    # Invalid in UTF-8 and in GB18030 (0xFF is never a GB lead byte); the statistical
    # guesser is told to give up, as it does on bytes no charset explains.
    monkeypatch.setattr(encoding, "_guess", lambda data: None)
    with pytest.raises(UndecodableInput) as e:
        decode(b"\xff\x80\xff\x80" * 50)
    assert "无法识别文件的字符编码" in e.value.message


def test_big5_is_not_taken_for_gbk():
    text = "政府資訊公開工作年度報告 主動公開 申請\n" * 5
    assert decode(text.encode("big5")) == (text, "big5")


def test_bom_that_lies():
    with pytest.raises(UndecodableInput, match="UTF-8"):
        decode(b"\xef\xbb\xbf\xff\xfe\xfa")


REPORTISH = st.text(
    alphabet=st.sampled_from("政府信息公开工作年度报告主动申请予以部分不处理总计结转（）、，。：0123456789 \t\nabcXYZ"),
    max_size=200)
PREFIX = "政府信息公开工作年度报告\n"


@given(REPORTISH)
def test_round_trip_utf8(body):
    assert decode((PREFIX + body).encode("utf-8"))[0] == PREFIX + body


@given(REPORTISH)
def test_round_trip_gb18030(body):
    assert decode((PREFIX + body).encode("gb18030")) == (PREFIX + body, "gb18030")


@given(REPORTISH, st.sampled_from(["utf-16", "utf-8-sig"]))
def test_round_trip_with_bom(body, codec):
    assert decode((PREFIX + body).encode(codec))[0] == PREFIX + body
