"""The editor says where a table part's text prints: the line 〔表格〕 in the part's
textarea stands for the table; text above it prints before the table in every
download, text below after it. A client sending the text without that line keeps
the place while the text before the table is unchanged."""

from __future__ import annotations

import pytest

from zfxxgk.web.reports.models import Report
from zfxxgk.web.reports.tablemark import MARK, editor_text, placement, take_mark

from .conftest import current

pytestmark = pytest.mark.django_db


def test_mark_round_trip():
    assert take_mark(f"甲。\n乙。\n{MARK}\n丙。") == ("甲。\n乙。\n丙。", 2)
    assert take_mark(f"{MARK}\n丙。") == ("丙。", 0)
    assert take_mark("丙。") == ("丙。", None)
    assert editor_text("3", "甲。\n乙。\n丙。", 2) == f"甲。\n乙。\n{MARK}\n丙。"
    assert editor_text("5", "甲。", 0) == "甲。"  # a part without a table has no mark
    assert placement("3", "甲。\n乙。\n新的一句。", None, "甲。\n乙。\n丙。", 2) == 2
    assert placement("3", "改了。\n乙。\n丙。", None, "甲。\n乙。\n丙。", 2) == 0


def test_text_above_the_mark_prints_before_the_table(login, stored):
    row = stored("qinghe-city-2024.txt")
    clerk = login("clerk")
    r = clerk.post(f"/reports/{row.pk}/edit", {"version": current(row.pk), "section:3": f"本年度收到的申请见下表。\n{MARK}\n申请均按期答复。"})
    assert r.status_code == 302
    row = Report.objects.get(pk=row.pk)
    assert row.data["sections"]["3"] == "本年度收到的申请见下表。\n申请均按期答复。"
    assert row.data["text_before_table"] == {"3": 1}
    html = clerk.get(f"/reports/{row.pk}/download.html").content.decode()
    part = html[html.index('id="part-3"'):html.index('id="part-4"')]
    assert part.index("<p>本年度收到的申请见下表。") < part.index("<table") < part.index("<p>申请均按期答复。")
    edit = clerk.get(f"/reports/{row.pk}/edit").content.decode()
    assert f"本年度收到的申请见下表。\n{MARK}\n申请均按期答复。</textarea>" in edit
    # sent without the mark, the text before the table unchanged: the place stays
    clerk.post(f"/reports/{row.pk}/edit", {"version": current(row.pk), "section:3": "本年度收到的申请见下表。\n申请均按期答复，无超期。"})
    assert Report.objects.get(pk=row.pk).data["text_before_table"] == {"3": 1}
    # the mark moved to the top: everything prints after the table
    clerk.post(f"/reports/{row.pk}/edit", {"version": current(row.pk), "section:3": f"{MARK}\n本年度收到的申请见下表。"})
    assert "text_before_table" not in Report.objects.get(pk=row.pk).data


def test_the_report_page_prints_each_part_text_around_its_table(login, stored):
    """The reading page, as the downloads: part 三's lead-in (no full stop) above
    table 三, its other sentence below, and each table inside its own part."""
    row = stored("qinghe-city-2024.txt")
    clerk = login("clerk")
    clerk.post(f"/reports/{row.pk}/edit", {"version": current(row.pk), "section:3": f"本年度收到申请情况如下：\n{MARK}\n申请均按期答复。",
                                           "section:4": f"{MARK}\n未发生行政复议。"})
    page = clerk.get(f"/reports/{row.pk}").content.decode()
    text = page[page.index('<section class="report-text"'):page.index("</section>")]
    three = text[text.index('id="text-part-3"'):text.index('id="text-part-4"')]
    assert three.index("<p>本年度收到申请情况如下：</p>") < three.index(
        '<table class="official" data-table="applications" aria-labelledby="text-part-3">') \
        < three.index("<p>申请均按期答复。</p>")
    four = text[text.index('id="text-part-4"'):text.index('id="text-part-5"')]
    assert four.index('data-table="review_litigation"') < four.index("<p>未发生行政复议。</p>")
    assert text[:text.index('id="text-part-3"')].count('data-table="active"') == 1
    assert page.count('<table class="official"') == 3
