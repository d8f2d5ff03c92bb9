"""Chinese names of cells, as the printed table says them."""

from __future__ import annotations

import pytest

from zfxxgk.check.labels import describe_cell, describe_cells
from zfxxgk.standard import TEMPLATES


@pytest.mark.parametrize("code,template,name", [
    ("applications.total.natural_person", "2021", "（七）总计·自然人"),
    ("review_litigation.review.total", "2021", "行政复议·总计"),
    ("review_litigation.suit_after_review.upheld", "2019", "行政诉讼·复议后起诉·结果维持"),
    ("active.fees.amount", "2021", "行政事业性收费·本年收费金额"),
    ("active.fees.change", "2019", "行政事业性收费·本年增/减"),
    ("active.procurement.amount", "2019", "政府集中采购·采购总金额"),
    ("applications.withheld.state_secret.total", "2021", "（三）不予公开·1.属于国家秘密·总计"),
    ("applications.partly_granted.research", "2021", "（二）部分公开·科研机构"),
    ("applications.received.other_org", "2021", "一、本年新收政府信息公开申请数量·其他"),
    ("applications.other.total", "2021", "（六）其他处理·总计"),  # the 2019 row in a 2021 report
    ("applications.other.misc.legal_service", "2019", "（六）其他处理·3.其他·法律服务机构"),
    ("active.fees.amount", None, "行政事业性收费·本年收费金额"),
])
def test_names(code, template, name):
    assert describe_cell(code, template) == name


def test_unknown_codes_come_back_unchanged():
    for code in ("nonsense", "applications.nowhere.total", "tables.x.y"):
        assert describe_cell(code, "2021") == code


def test_every_template_cell_has_a_chinese_name():
    for template in TEMPLATES.values():
        for table in template.tables:
            for code in table.cell_codes():
                name = describe_cell(code, template)
                assert name != code and "·" in name


def test_several_cells_are_counted_beyond_the_limit():
    codes = [f"review_litigation.review.{c}" for c in ("upheld", "corrected", "other",
                                                       "pending", "total")]
    assert describe_cells(codes[:1]) == "行政复议·结果维持"
    assert describe_cells(codes[:2]) == "行政复议（结果维持、结果纠正）"
    many = [f"applications.{r}.total" for r in ("received", "carried_in", "granted",
                                                  "partly_granted", "total")]
    assert describe_cells(many) == ("一、本年新收政府信息公开申请数量·总计、二、上年结转政府信息公开申请数量·总计、"
                                    "（一）予以公开·总计、（二）部分公开·总计等5个单元格")
