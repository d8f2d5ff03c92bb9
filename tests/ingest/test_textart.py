"""Box-drawn tables in text files (ingest/textart.py)."""

from zfxxgk.ingest.document import Document


def test_drawn_rows_become_pipe_rows_and_rule_lines_empty():
    text = ("某局｜2024年政府信息公开工作年度报告\n┌────┬────┐\n│行政许可│332│\n"
            "├────┼────┤\n┃行政处罚┃—┃\n╚════╩════╝\n｜行政强制｜5｜\n")
    lines = Document.from_text(text).lines
    assert [ln.text for ln in lines] == ["某局｜2024年政府信息公开工作年度报告", "", "|行政许可|332|",
                                         "", "|行政处罚|—|", "", "|行政强制|5|"]
    assert [ln.number for ln in lines] == list(range(1, 8))
