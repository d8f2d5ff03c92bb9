"""Damaged JSON bodies sent to the API's writes: each is refused in the API's one
error shape with a Chinese reason, nothing is stored, and none is a server error
(a cell code without two dots and a lone UTF-16 surrogate in a part's text were
500s; `true` was stored as 1; ninja answered "Cannot parse request body")."""

from __future__ import annotations

import pytest

from zfxxgk.web.reports.models import Report

pytestmark = pytest.mark.django_db
CODE = "applications.received.natural_person"

BODIES = {
    "a cell code without its column": ('{"cells": {"bogus.code": 1}}', 400, "没有这个单元格：bogus.code"),
    "a cell code of one word": ('{"cells": {"x": 1}}', 400, "没有这个单元格：x"),
    "a lone surrogate in a part": ('{"cells": {}, "sections": {"1": "\\ud800"}}', 400,
                                   "请求内容不是有效的 JSON：文字中有无效的字符（单独的 UTF-16 代理项"),
    "true in a cell": ('{"cells": {"%s": true}}' % CODE, 422, "请求数据有误：cells的格式不对"),
    "a body cut short": ('{"cells": {"%s": 1' % CODE, 400, "请求内容不是有效的 JSON：JSON 格式错误（第 1 行"),
    "nested 10000 deep": ('{"cells": ' + "[" * 10000 + "]" * 10000 + "}", 400,
                          "请求内容不是有效的 JSON：JSON 嵌套层数太多"),
    "an empty body": ("", 400, "请求内容为空：应为 JSON 对象（{…}）"),
    "an array": ("[]", 400, "请求内容应为 JSON 对象（{…}），不是数组"),
    "null": ("null", 400, "请求内容应为 JSON 对象（{…}），不是 null"),
    "a bare number": ("1", 400, "请求内容应为 JSON 对象（{…}），不是数字"),
    "an exponent as a JSON number": ('{"cells": {"%s": 1e1}}' % CODE, 400, f"{CODE}：“1e1”不是数字"),
    "an exponent typed": ('{"cells": {"%s": "1e3"}}' % CODE, 400, f"{CODE}：“1e3”不是数字"),
    "underscores typed": ('{"cells": {"%s": "1_000"}}' % CODE, 400, f"{CODE}：“1_000”不是数字"),
    "another script's digit": ('{"cells": {"%s": "\u0663"}}' % CODE, 400, f"{CODE}：“\u0663”不是数字"),
    "a cell given twice": ('{"cells": {"%s": 1, "%s": 2}}' % (CODE, CODE), 400,
                           f"请求内容不是有效的 JSON：“{CODE}”一项出现了两次"),
    "NaN in a cell": ('{"cells": {"%s": NaN}}' % CODE, 400, "请求内容不是有效的 JSON：NaN 不是数"),
    "a list in a cell": ('{"cells": {"%s": [1]}}' % CODE, 422, f"请求数据有误：{CODE}的格式不对"),
    "a misspelt key": ('{"cell": {"%s": 1}}' % CODE, 422, "请求数据有误：没有cell这一项"),
    "a number of 5000 digits": ('{"cells": {"%s": %s}}' % (CODE, "9" * 5000), 400,
                                "请求内容不是有效的 JSON：数字位数太多（5000 位）"),
}


@pytest.mark.parametrize("name", BODIES)
@pytest.mark.parametrize("method, path", [("patch", "cells"), ("post", "check-cells")])
def test_a_damaged_body_is_refused_in_chinese_and_nothing_changes(login, stored, name, method, path):
    row = stored("qinghe-city-2024.txt")
    before = Report.objects.get(pk=row.pk).data
    body, status, words = BODIES[name]
    c = login("clerk")
    r = getattr(c, method)(f"/api/reports/{row.pk}/{path}", body, content_type="application/json",
                           HTTP_IF_MATCH="*")  # any version: the body is what is tried
    assert r.status_code == status, r.content[:300]
    answer = r.json()
    assert answer["ok"] is False and answer["error"].startswith(words), answer["error"]
    assert Report.objects.get(pk=row.pk).data == before


def test_a_misspelt_verdict_key_is_refused_not_read_as_a_withdrawal(login, stored):
    """`{"verdit": "confirmed"}` was read as `{"verdict": ""}`: the reviewer's verdict withdrawn."""
    row = stored("qinghe-city-2024.txt")
    r = login("reviewer").post(f"/api/reports/{row.pk}/findings/0/verdict", '{"verdit": "confirmed"}',
                               content_type="application/json")
    assert r.status_code == 422 and r.json()["error"] == "请求数据有误：没有verdit这一项"


CASE_BODIES = {
    "nested 10000 deep": ('{"agency": ' + "[" * 10000 + "]" * 10000 + "}", "JSON 嵌套层数太多"),
    "a number of 5000 digits": ('{"agency": %s}' % ("9" * 5000), "数字位数太多（5000 位）"),
    "an array": ("[]", "请求内容应为 JSON 对象（{…}），不是数组"),
}


@pytest.mark.parametrize("name", CASE_BODIES)
def test_a_damaged_case_body_is_refused_in_chinese(login, name):
    """The cases API read its bodies with json.loads: a deep nesting and a long number were 500s."""
    body, words = CASE_BODIES[name]
    r = login("clerk").post("/api/cases", body, content_type="application/json")
    assert r.status_code == 400 and words in r.json()["error"], r.content[:300]


def test_an_empty_change_is_answered_with_the_report_unchanged(login, stored):
    """`{}` is a change of nothing (as an empty JSON merge patch): 200 and the report as
    it is, no audit entry; a body that is no object at all is refused above."""
    row = stored("qinghe-city-2024.txt")
    before = Report.objects.get(pk=row.pk)
    r = login("clerk").patch(f"/api/reports/{row.pk}/cells", "{}", content_type="application/json",
                             HTTP_IF_MATCH="*")
    assert r.status_code == 200 and r.json()["report"]["applications"] == before.data["applications"]
    assert Report.objects.get(pk=row.pk).updated_at == before.updated_at


def test_full_width_digits_are_the_digits_they_show(login, stored):
    row = stored("qinghe-city-2024.txt")
    body = '{"cells": {"%s": "１２"}}' % CODE
    r = login("clerk").patch(f"/api/reports/{row.pk}/cells", body, content_type="application/json",
                             HTTP_IF_MATCH="*")
    assert r.status_code == 200 and Report.objects.get(pk=row.pk).data["applications"]["received"]["natural_person"] == 12


def test_a_typed_megabyte_is_not_echoed_back(login, stored):
    row = stored("qinghe-city-2024.txt")
    body = '{"cells": {"%s": "%s"}}' % (CODE, "1" * 1_000_000)
    r = login("clerk").patch(f"/api/reports/{row.pk}/cells", body, content_type="application/json",
                             HTTP_IF_MATCH="*")
    assert r.status_code == 400 and len(r.content) < 1000
    assert "位数过多" in r.json()["error"]


def test_a_small_amount_written_as_a_json_number_is_taken(login, stored):
    """A float made 0.0000001 the text 1e-07, refused as an exponent typed."""
    row = stored("qinghe-city-2024.txt")
    r = login("clerk").patch(f"/api/reports/{row.pk}/cells", '{"cells": {"active.fees.amount": 0.0000001}}',
                             content_type="application/json", HTTP_IF_MATCH="*")
    assert r.status_code == 200, r.content[:300]
    assert Report.objects.get(pk=row.pk).data["active"]["fees"]["amount"] * 10**7 == 1
