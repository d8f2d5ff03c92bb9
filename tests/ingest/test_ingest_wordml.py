"""Word 2003 XML (as template-based "export to Word" writes it, published as .doc)
is read as the Word document it is, not as markup text."""

from __future__ import annotations

from zfxxgk.ingest import detect
from zfxxgk.ingest.load import load_document

HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<?mso-application progid="Word.Document"?>\n'
        '<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml" '
        'xmlns:wx="http://schemas.microsoft.com/office/word/2003/auxHint" '
        'xmlns:aml="http://schemas.microsoft.com/aml/2001/core" '
        'xmlns:o="urn:schemas-microsoft-com:office:office">'
        "<o:DocumentProperties><o:Title>某某乡2024年政府信息公开工作年度报告</o:Title>"
        "</o:DocumentProperties>")


def _tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def wordml() -> bytes:
    deleted = ('<aml:annotation aml:id="1" w:type="Word.Deletion"><aml:content><w:r>'
               "<w:delText>9</w:delText></w:r></aml:content></aml:annotation>")
    inserted = ('<aml:annotation aml:id="2" w:type="Word.Insertion"><aml:content><w:r>'
                "<w:t>81</w:t></w:r></aml:content></aml:annotation>")
    comment = ('<aml:annotation aml:id="3" w:type="Word.Comment"><aml:content><w:p><w:r>'
               "<w:t>上年为77</w:t></w:r></w:p></aml:content></aml:annotation>")
    rows = ("<w:tr>" + _tc("行政处罚", '<w:vmerge w:val="restart"/>') + _tc("一般", "")
            + f"<w:tc><w:p><w:r><w:t>8</w:t></w:r>{deleted}{inserted}{comment}</w:p></w:tc></w:tr>"
            "<w:tr>" + _tc("", "<w:vmerge/>") + _tc("简易") + _tc("82") + "</w:tr>"
            "<w:tr>" + _tc("合计", '<w:gridSpan w:val="2"/>') + _tc("163") + "</w:tr>")
    body = ("<w:body><wx:sect><w:p><w:r><w:t>某某乡2024年政府信息公开工作年度报告</w:t></w:r></w:p>"
            f"<wx:sub-section><w:tbl>{rows}</w:tbl></wx:sub-section>"
            "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>草稿</w:t></w:r></w:p></wx:sect></w:body>")
    return (HEAD + body + "</w:wordDocument>").encode("utf-8")


def test_word_2003_xml_is_sniffed_as_old_word_and_read_without_converting():
    data = wordml()
    assert detect.sniff(data) == detect.DOC
    doc = load_document(data, "报告.doc")  # no LibreOffice needed
    assert [(ln.text, ln.table, ln.row, ln.cols) for ln in doc.lines] == [
        ("某某乡2024年政府信息公开工作年度报告", None, None, None),
        ("行政处罚\t一般\t881", 1, 1, (1, 2, 3)),
        ("简易\t82", 1, 2, (2, 3)),
        ("合计\t163", 1, 3, (1, 3)),
    ]
    assert doc.meta["doc_title"] == "某某乡2024年政府信息公开工作年度报告"
