"""A scan's agency name is read by OCR: confirmed by a second place that prints
it (the signature, the prose, the file's name) or said to be unconfirmed; two
readings of one name a character apart are a misread, not a second body."""

from __future__ import annotations

from zfxxgk.check import run
from zfxxgk.ingest.document import Document, Line
from zfxxgk.parse import parse_document

BODY = ["一、总体情况", "本年度工作平稳。", "六、其他需要报告的事项", "无。"]
STREET = "青禾市云岭区望湖街道办事处"


def _parse(head: list[str], signature: str, ocr: bool = True, source: str = "scan.pdf"):
    texts = head + BODY + ([signature, "2024年1月20日"] if signature else [])
    lines = [Line(k, text, page=1) for k, text in enumerate(texts, 1)]
    report = parse_document(Document(lines, source=source, meta={"ocr": "1"} if ocr else {}))
    return report, [f.message for f in run(report) if f.rule == "F-META"]


def test_a_misread_signature_under_a_scanned_title_leaves_the_titles_name():
    # a 75 dpi grey scan: the title's larger print read 青禾市, the signature 青未市;
    # the signature won as "another body" and the report was filed under 青未市
    report, said = _parse([STREET, "2023年政府信息公开工作年度报告"], "青未市云岭区望湖街道办事处")
    assert report.agency == STREET
    assert said == [f"机关名称“{STREET}”由文字识别读出，报告其他位置和文件名中没有同一名称印证，"
                    "落款识别为“青未市云岭区望湖街道办事处”，可能有识别错误"]


def test_in_a_text_a_different_signature_under_a_banner_still_wins():
    report, said = _parse([STREET, "2023年政府信息公开工作年度报告"], "青未市云岭区望湖街道办事处", ocr=False)
    assert report.agency == "青未市云岭区望湖街道办事处"
    assert not any("文字识别" in m for m in said)


def test_a_scanned_name_the_signature_or_the_file_name_prints_is_confirmed():
    for signature, source in ((STREET, "scan.pdf"), ("", f"{STREET}2023年报.pdf")):
        report, said = _parse([STREET, "2023年政府信息公开工作年度报告"], signature, source=source)
        assert report.agency == STREET and said == []


def test_a_scanned_name_printed_once_is_kept_and_said_unconfirmed():
    report, said = _parse([f"{STREET}2023年政府信息公开工作年度报告"], "")
    assert report.agency == STREET
    assert said == [f"机关名称“{STREET}”由文字识别读出，报告其他位置和文件名中没有同一名称印证，可能有识别错误"]
