"""Shortcuts taken for parse speed give what the full test gives (bench/parse_cpu.py
compares whole outputs; these pin the single steps)."""

from __future__ import annotations

from zfxxgk.ingest.document import Line
from zfxxgk.parse import regions
from zfxxgk.standard.normalize import normalize_label

T4_LINES = [
    "本年度政府信息公开行政复议、行政诉讼情况如下。",
    "行政复议和行政诉讼，均无",
    "行政复议,行政诉讼",
    "行政复议｡",  # a half-width full stop: 。 once normalised
    "行政复议﹐行政诉讼",  # a small comma: , once normalised
    "行政复议 行政诉讼",
    "| 行政复议 |  |  | 行政诉讼 |",
    "结果 维持\t结果纠正\t其他结果",
    "行政复议" * 11,  # longer than a header
]


def test_table_four_header_test_without_normalising_sentences():
    lines = [Line(i, t) for i, t in enumerate(T4_LINES, 1)]
    normalized = regions._LazyNormalized(lines)
    got = [regions._t4_header_at(normalized, i) for i in range(len(lines))]
    assert got == [regions._is_t4_header(normalize_label(t)) for t in T4_LINES]
    assert got[5] and got[6] and got[7] and not any(got[:5])
    # the lines holding 。，or , were ruled out before they were normalised
    assert set(normalized.cache) == {3, 4, 5, 6, 7, 8}


def test_table_four_found_past_prose_normalising_only_candidates():
    lines = [Line(i, t) for i, t in enumerate(["一段说明文字，没有表头。"] * 30 + ["行政复议"], 1)]
    normalized = regions._LazyNormalized(lines)
    assert regions._has_anchor(normalized, 0, len(lines), "review_litigation")
    assert set(normalized.cache) == {30}


def test_nfkc_as_unicodedata_gives_it():
    import random
    import unicodedata

    from zfxxgk.standard.normalize import _WIDE_FORMS, nfkc

    marks = [chr(c) for c in range(0x300, 0x370)] + ["\u3099", "\u309a", "\u1161", "\u11a8"]
    pool = list(_WIDE_FORMS) + marks + list("a1 。、，か가\u1100㈠①⑴ﬁ½⼀ｶﾞ\ufeff") + ["\U0001f600"]
    rng = random.Random(5)
    texts = ["", "（一）予以公开，３８８０　件。", "ｶﾞ，\u0301", "，\u0301", "\u3000\u0301"]
    texts += ["".join(rng.choice(pool) for _ in range(rng.randint(1, 40))) for _ in range(20000)]
    # long texts of few full-width forms among marks and CJK: the path that replaces them
    few = list(_WIDE_FORMS)[:3] + marks + list("一年报告가ᄀ")
    texts += ["".join(rng.choice(few) for _ in range(rng.randint(16, 40))) for _ in range(20000)]
    for text in texts:
        assert nfkc(text) == unicodedata.normalize("NFKC", text), repr(text)


def test_nfkc_of_prose_leaves_unicodedata_its_quick_check(monkeypatch):
    """A line with full-width punctuation reaches unicodedata with its full-width forms
    already replaced: the quick check passes, the slow path is not taken."""
    import unicodedata

    from zfxxgk.standard import normalize

    seen = []
    real = unicodedata.normalize

    def spy(form, text):
        seen.append(text)
        return real(form, text)

    monkeypatch.setattr(unicodedata, "normalize", spy)
    line = "2023年，本机关坚持以公开为常态，稳步推进各项工作（详见下表）。"
    assert normalize.nfkc(line) == real("NFKC", line)
    assert seen and all(unicodedata.is_normalized("NFKC", t) for t in seen)


def test_lines_of_a_text_with_and_without_carriage_returns():
    from zfxxgk.ingest.document import Document

    text = "标题\n\n一、总体情况\t1\n末行"
    plain = Document.from_text(text).lines
    assert [(ln.number, ln.text, ln.page) for ln in plain] == \
        [(1, "标题", None), (2, "", None), (3, "一、总体情况\t1", None), (4, "末行", None)]
    for ends in ("\r\n", "\r"):
        assert Document.from_text(text.replace("\n", ends)).lines == plain
    paged = Document.from_text("甲\f乙\n丙\n")
    assert [(ln.text, ln.page) for ln in paged.lines] == [("甲乙", 2), ("丙", 2)]


def test_web_archive_headers_end_at_the_first_blank_line():
    import re

    from zfxxgk.ingest.mht import is_mht

    def reference(head: bytes) -> bool:
        end = re.search(rb"\r?\n\r?\n", head)
        headers = (head[:end.start()] if end else head).lower()
        return b"mime-version:" in headers and b"multipart/related" in headers

    headers = b"MIME-Version: 1.0\r\nContent-Type: Multipart/Related; boundary=x"
    for blank in (b"\r\n\r\n", b"\n\n", b"\n\r\n", b"\r\n\n", b"\r\r\n\n", b""):
        for body in (b"", b"body", b"\n\nmore\r\n\r\n"):
            for head in (headers + blank + body, b"x\n\n" + headers + blank + body,
                         headers.replace(b"\r\n", b"\n") + blank + body):
                assert is_mht(head) == reference(head), head
    assert is_mht(headers + b"\r\n\r\nbody")
    assert not is_mht(b"report\n\n" + headers)


def test_space_split_row_tries_the_glued_mark_pattern_only_on_tokens_with_more_than_digits(
        monkeypatch):
    from zfxxgk.parse import cells

    tried = []
    real = cells._GLUED_MARK

    class Spy:
        def match(self, token):
            tried.append(token)
            return real.match(token)

    monkeypatch.setattr(cells, "_GLUED_MARK", Spy())
    got = cells._split_spaces("（一）予以公开 224 355 20/ —4296 ３８")
    assert [c.text for c in got] == ["(一)予以公开", "224", "355", "20", "/", "—", "4296", "38"]
    assert tried == ["（一）予以公开", "20/", "—4296"]


def test_label_normalisation_as_by_a_translation_table_and_a_white_space_pattern():
    import random
    import re

    from zfxxgk.standard import normalize

    quotes = str.maketrans({c: '"' for c in "“”„「」'‘’『』〝〞"})

    def reference(text: str) -> str:
        s = re.sub(r"\s+", "", normalize.visible(normalize.nfkc(text)).translate(quotes))
        if "、" in s:
            s = normalize._ITEM_COMMA.sub(r"\1.", s)
        if "." in s:
            s = normalize._ITEM_NUMBER.sub(r"\1.", s)
            s = normalize._CN_ITEM.sub(r"\1、", s)
        return s.rstrip(":|")

    pool = list("“”„「」'‘’『』〝〞\"一二三1 2、．.:|（）\t\u3000\u2028\x1c\x85\xa0\u200b危及稳定")
    rng = random.Random(9)
    texts = ["3．危及“三安全一稳定”", "（ 一 ）予以公开 ： ", "1 、 其他"]
    texts += ["".join(rng.choice(pool) for _ in range(rng.randint(0, 14))) for _ in range(20000)]
    for text in texts:
        assert normalize.normalize_label.__wrapped__(text) == reference(text), repr(text)


def test_cell_minus_sign_read_as_a_minus():
    from zfxxgk.parse.cells import classify

    assert classify.__wrapped__("−12").value == -12
    assert classify.__wrapped__(" − 3 ").value == -3


def test_printed_cell_is_the_provenance_the_class_builds():
    from dataclasses import fields

    from zfxxgk.model import Provenance, printed_cell

    for args in ((12, None, None, None, "25", None), (3, 2, 1, 4, "1,234", "件")):
        fast = printed_cell(*args)
        slow = Provenance(*args[:4], None, *args[4:])
        assert fast == slow and type(fast) is Provenance
        assert all(getattr(fast, f.name) == getattr(slow, f.name) for f in fields(Provenance))
        assert fast.to_dict() == slow.to_dict()


def test_furniture_look_at_table_three_words_line_by_line():
    """A line of table 三's header words without a number says furniture may be there;
    the search goes on at the next line once a line has a number (the same answer for
    every word of it), as when it went through every word."""
    import random

    from zfxxgk.parse import furniture

    def reference(text: str, first: int) -> bool:
        for m in furniture._T3_HINT.finditer(text, first):
            stop = text.find("\n", m.end())
            line = text[text.rfind("\n", 0, m.start()) + 1:stop if stop >= 0 else len(text)]
            if not furniture._DIGIT.search(line):
                return True
        return False

    words = ["本年新收", "申请人", "自然人 法人", "商业企业", "科研机构", "12", "3 4", "社会公益组织",
             "上年结转", "其他", "法律服务机构 5"]
    rng = random.Random(4)
    for _ in range(3000):
        lines = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 4)))
                 for _ in range(rng.randint(1, 6))]
        rows = [Line(i, t) for i, t in enumerate(lines, 1)]
        text = "\n".join(lines)
        first = min((k for k in (text.find("本年新收"), text.find("上年结转")) if k >= 0), default=-1)
        got = furniture._any_furniture(rows, {"applications": (0, len(rows))}, set())
        want = "报告" in text or bool(furniture._HINT.search(text)) or \
            (first >= 0 and reference(text, first))
        assert got == want, lines


def test_compact_drops_what_the_white_space_pattern_drops():
    import random
    import re
    import sys

    from zfxxgk.parse.furniture import _shape
    from zfxxgk.parse.meta import compact
    from zfxxgk.standard.normalize import nfkc

    spaces = [c for c in map(chr, range(sys.maxunicode + 1)) if re.match(r"\s", c)]
    pool = spaces + list("标题２０２３年报告，（）ab1")
    rng = random.Random(2)
    for _ in range(5000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 12)))
        want = re.sub(r"\s+", "", nfkc(text))
        assert compact(text) == want
        if not text.isspace():
            assert _shape.__wrapped__(text)[0] == want
