"""A 复议/诉讼 register entry names the applications it concerns as links: entered on
the register's form or through the API, shown on the entry's page and on each
application's page, refused for a number that is not one of the entry's agency's
registered applications (another agency's included), carried by import-json and
by the 0006 upgrade of entries whose 涉及申请 was one line of text."""

from __future__ import annotations

import importlib
import json
from datetime import date

import pytest
from django.apps import apps

from zfxxgk.web.cases.models import CaseRecord, LitigationRecord

from .conftest import PASSWORD
from .test_scope import TRANSPORT, WANGHU, _as, team  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

ENTRY = {"agency": WANGHU, "number": "云复〔2025〕3号", "kind": "review", "received_on": "2025-11-02"}


def _case(number: str, agency: str = WANGHU, subject: str = "某小区规划许可证") -> CaseRecord:
    from zfxxgk.cases.model import ApplicantType, Case, Channel, Event, EventKind
    from zfxxgk.web.cases import store

    case = Case(number, agency, ApplicantType.NATURAL_PERSON, subject=subject,
                events=[Event(EventKind.RECEIVED, date(2025, 9, 1), channel=Channel.IN_PERSON)])
    return store.create_case(case, None, agency=store.agency_for(agency, create=True))


def test_the_form_links_the_entry_and_both_pages_show_it(client, team):  # noqa: F811
    first, second = _case("2025-0011"), _case("2025-0012", subject="道路养护资金")
    c = _as(client, team["clerk_w"])
    r = c.post("/registers/", {**ENTRY, "cases": "2025-0012、2025-0011"})
    assert r.status_code == 302, r.content.decode()[:500]
    row = LitigationRecord.objects.get()
    assert set(row.cases.all()) == {first, second} and row.data["cases"] == ["2025-0012", "2025-0011"]
    listing = c.get(f"/registers/?agency={WANGHU}").content.decode()
    assert f'<a href="/cases/{first.pk}">2025-0011</a>、<a href="/cases/{second.pk}">2025-0012</a>' in listing
    page = c.get(f"/registers/litigation/{row.pk}").content.decode()
    assert f'<a href="/cases/{second.pk}">2025-0012</a>（道路养护资金）' in page
    assert 'name="cases" value="2025-0011、2025-0012"' in page
    case_page = c.get(f"/cases/{first.pk}").content.decode()
    assert f'<a href="/registers/litigation/{row.pk}">行政复议 云复〔2025〕3号</a>' in case_page
    twin = c.get(f"/api/cases/{first.pk}").json()["litigation"]
    assert [(x["number"], x["outcome_label"]) for x in twin] == [("云复〔2025〕3号", "尚未审结")]
    assert [x["number"] for x in c.get(f"/api/registers/litigation/{row.pk}").json()["cases"]] == [
        "2025-0011", "2025-0012"]
    # edited on its page: one link taken away
    version = c.get(f"/api/registers/litigation/{row.pk}")["ETag"].strip('"')
    r = c.post(f"/registers/litigation/{row.pk}", {**ENTRY, "cases": "2025-0011", "version": f'"{version}"'})
    assert r.status_code == 302
    assert list(row.cases.all()) == [first] and "行政复议" not in c.get(f"/cases/{second.pk}").content.decode()


@pytest.mark.parametrize("typed, named", [("2025-0099", "2025-0099"), ("2025-0011、T-1", "T-1")])
def test_a_number_not_of_the_agencys_applications_is_refused(client, team, typed, named):  # noqa: F811
    _case("2025-0011")
    _case("T-1", TRANSPORT)  # registered, but by another agency
    c = _as(client, team["clerk_w"])
    r = c.post("/registers/", {**ENTRY, "cases": typed})
    text = r.content.decode()
    assert r.status_code == 400 and f"{WANGHU}没有编号为{named}的申请" in text
    assert f'name="cases" value="{typed}"' in text  # what was typed stays in the form
    assert not LitigationRecord.objects.exists()


def test_another_agencys_clerk_can_neither_link_nor_learn_its_numbers(client, team):  # noqa: F811
    _case("2025-0011")
    c = _as(client, team["clerk_t"])
    for number in ("2025-0011", "2025-0099"):  # one registered, one not: the same refusal
        r = c.post("/api/registers/litigation", {**ENTRY, "cases": [number]},
                   content_type="application/json")
        assert r.status_code == 403 and "没有编号" not in r.json()["error"]
    assert not LitigationRecord.objects.exists()


def test_the_api_takes_a_list_and_the_earlier_text(client, team):  # noqa: F811
    a, b = _case("2025-0011"), _case("2025-0012")
    c = _as(client, team["clerk_w"])
    r = c.post("/api/registers/litigation", {**ENTRY, "cases": ["2025-0011"], "case_ref": "2025-0012"},
               content_type="application/json")
    assert r.status_code == 201, r.content
    assert [x["number"] for x in r.json()["cases"]] == ["2025-0011", "2025-0012"]
    assert set(LitigationRecord.objects.get().cases.all()) == {a, b}
    r = c.post("/api/registers/litigation", {**ENTRY, "number": "x", "cases": [f"{n}" for n in range(51)]},
               content_type="application/json")
    assert r.status_code == 400 and "最多50个" in r.json()["error"]


def test_import_json_links_the_entries(tmp_path, users):
    from zfxxgk.cases.registers import Registers
    from zfxxgk.web.cases.exchange import import_exchange

    case = _case("2025-0011")
    regs = Registers.from_dict({"format": "zfxxgk.register/1", "litigation": [
        {**ENTRY, "id": "A", "cases": ["2025-0011"]},
        {**ENTRY, "id": "B", "case_ref": "2025-0011"}]})  # a file of the earlier format
    import_exchange([], regs)
    assert [list(r.cases.all()) for r in LitigationRecord.objects.order_by("number")] == [[case], [case]]
    bad = Registers.from_dict({"format": "zfxxgk.register/1",
                               "litigation": [{**ENTRY, "id": "C", "cases": ["none"]}]})
    with pytest.raises(Exception, match="没有编号为none的申请"):
        import_exchange([], bad)
    assert LitigationRecord.objects.count() == 2


def test_the_upgrade_links_the_numbers_of_the_old_text_and_keeps_the_rest(users):
    upgrade = importlib.import_module("zfxxgk.web.cases.migrations.0006_litigation_cases")
    case = _case("2025-0011")
    _case("T-1", TRANSPORT)
    agency = case.agency
    row = LitigationRecord.objects.create(
        agency=agency, number="A", kind="review", received_on=date(2025, 3, 1),
        data={"id": "A", "agency": WANGHU, "kind": "review", "received_on": "2025-03-01",
              "case_ref": "2025-0011，T-1 旧件", "note": "口头"})
    untouched = LitigationRecord.objects.create(
        agency=agency, number="B", kind="review", received_on=date(2025, 3, 1),
        data={"id": "B", "agency": WANGHU, "kind": "review", "received_on": "2025-03-01"})
    upgrade.link_case_refs(apps, None)
    row.refresh_from_db()
    assert list(row.cases.all()) == [case] and row.data["cases"] == ["2025-0011"]
    assert "case_ref" not in row.data and row.data["note"] == "口头；涉及申请（未在本系统登记）：T-1、旧件"
    assert not untouched.cases.exists() and "cases" not in LitigationRecord.objects.get(pk=untouched.pk).data


def test_a_new_entrys_result_starts_as_pending(client, team):  # noqa: F811
    """The form offered 维持 first: a 复议 just received, saved as it came, was refused
    for want of a 审结日期 (the walk-through of this change met it)."""
    page = _as(client, team["clerk_w"]).get(f"/registers/?agency={WANGHU}").content.decode()
    assert '<option value="pending" selected>尚未审结</option>' in page
    assert '<option value="upheld">维持</option>' in page
