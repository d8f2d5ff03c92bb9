"""Each agency's letter settings on a page (walk-through: they lived only in letters.toml
in the server's data folder, so every letter the clerk printed was numbered
〔2026〕某某依申公第21号 and left the 复议机关 and the court as blanks)."""

from __future__ import annotations

import html

import pytest

from .test_cases_pages import docx_text, intake

pytestmark = pytest.mark.django_db

AGENCY = "青禾市人民政府"


def _answered(client) -> int:
    pk = intake(client, number="2025-0021")
    r = client.post(f"/cases/{pk}/events/answered", {"on": "2025-10-10", "outcome": "granted"})
    assert r.status_code == 302
    return pk


def _form(client, **values):
    page = client.get(f"/registers/letters?agency={AGENCY}").content.decode()
    version = html.unescape(page.split('name="version" value="', 1)[1].split('"', 1)[0])
    return client.post("/registers/letters", {"agency": AGENCY, "version": version, **values})


def test_the_clerk_sets_the_letters_number_and_remedies_once(login, settings, tmp_path):
    clerk = login("clerk")
    pk = _answered(clerk)
    page = clerk.get(f"/cases/{pk}").content.decode()
    assert 'id="letters-unset"' in page and "/registers/letters?agency=" in page
    assert "〔2025〕某某依申公第21号" in docx_text(clerk.get(f"/cases/{pk}/letters/答复书.docx").content)

    r = _form(clerk, short_name="青政", review_body="青禾省人民政府", court="青禾市中级人民法院")
    assert r.status_code == 302, r.content.decode()[:2000]
    shown = clerk.get(r["Location"]).content.decode()
    assert "〔2026〕青政依申公第21号" in shown and "以下为本页保存的设置" in shown
    text = docx_text(clerk.get(f"/cases/{pk}/letters/答复书.docx").content)
    assert "〔2025〕青政依申公第21号" in text
    assert "60日内向青禾省人民政府申请行政复议" in text and "6个月内向青禾市中级人民法院提起行政诉讼" in text
    assert 'id="letters-unset"' not in clerk.get(f"/cases/{pk}").content.decode()
    body = clerk.get(f"/api/registers?agency={AGENCY}").json()
    assert body["letters"]["short_name"] == "青政"


def test_bad_or_stale_settings_are_refused_and_nothing_changes(login):
    from zfxxgk.web.cases.models import LetterSettingsRecord

    clerk = login("clerk")
    _answered(clerk)
    r = _form(clerk, short_name="青政", number_format="〔{year}〕{short}第{number}号")
    assert r.status_code == 400 and "文号格式" in r.content.decode()
    r = _form(clerk, short_name="青政", number_format="{year:>900000000}")  # a width: 900 MB per letter
    assert r.status_code == 400 and "不是可用的项" in r.content.decode()
    r = _form(clerk, short_name="")
    assert r.status_code == 400 and "请填写文号中的机关简称" in r.content.decode()
    assert not LetterSettingsRecord.objects.exists()
    page = clerk.get(f"/registers/letters?agency={AGENCY}").content.decode()
    old = html.unescape(page.split('name="version" value="', 1)[1].split('"', 1)[0])
    assert _form(clerk, short_name="青政").status_code == 302
    r = clerk.post("/registers/letters", {"agency": AGENCY, "version": old, "short_name": "别的"})
    assert r.status_code == 412 and "已被他人修改" in r.content.decode()
    assert LetterSettingsRecord.objects.get().data["short_name"] == "青政"
    assert login("reader").post("/registers/letters", {"agency": AGENCY, "short_name": "x",
                                                       "version": "*"}).status_code == 403


def test_the_data_folders_file_serves_an_agency_without_a_setting(login, settings):
    (settings.DATA_DIR / "letters.toml").write_text(
        f'["{AGENCY}"]\nshort_name = "青府"\nreview_body = "青禾省人民政府"\n', encoding="utf-8")
    clerk = login("clerk")
    pk = _answered(clerk)
    assert "〔2025〕青府依申公第21号" in docx_text(clerk.get(f"/cases/{pk}/letters/答复书.docx").content)
    page = clerk.get(f"/registers/letters?agency={AGENCY}").content.decode()
    assert "取自服务器数据文件夹中的 letters.toml" in page and 'value="青府"' in page
    assert 'id="letters-unset"' not in clerk.get(f"/cases/{pk}").content.decode()


@pytest.mark.parametrize("bad", ["{year:>900000000}", "{short.__class__.__mro__}", "第{seq号"])
def test_a_row_saved_before_formats_were_checked_falls_back_and_says_so(login, caplog, bad):
    """Written to the database as the page took it before formats were checked: the
    case page gave 500 and every letter failed. Now the letters take the default
    format (the short name kept), the clerk sees why on the case and settings pages,
    a reader sees no warning, the log names the agency, and the upgrade step flags it."""
    import importlib

    from django.apps import apps

    from zfxxgk.web.cases.models import LetterSettingsRecord
    from zfxxgk.web.reports.models import Agency

    clerk = login("clerk")
    pk = _answered(clerk)
    LetterSettingsRecord.objects.create(agency=Agency.objects.get(name=AGENCY), data={
        "short_name": "青政", "number_format": bad, "review_body": "青禾省人民政府", "court": ""})
    page = clerk.get(f"/cases/{pk}")
    assert page.status_code == 200
    shown = page.content.decode()
    assert 'id="letters-fault"' in shown and "文号格式" in shown and "文书暂按默认格式编号" in shown
    assert 'id="letters-unset"' not in shown
    assert 'id="letters-fault"' not in login("reader").get(f"/cases/{pk}").content.decode()
    clerk = login("clerk")
    letter = clerk.get(f"/cases/{pk}/letters/答复书.docx")
    assert letter.status_code == 200
    assert "〔2025〕青政依申公第21号" in docx_text(letter.content)
    settings_page = clerk.get(f"/registers/letters?agency={AGENCY}")
    assert settings_page.status_code == 200 and 'id="letters-fault"' in settings_page.content.decode()
    assert clerk.get(f"/api/registers?agency={AGENCY}").status_code == 200
    assert any(AGENCY in r.getMessage() and r.levelname == "WARNING" for r in caplog.records)
    caplog.clear()
    upgrade = importlib.import_module("zfxxgk.web.cases.migrations.0007_flag_bad_letter_formats")
    upgrade.flag_bad_formats(apps, None)
    assert [r.getMessage() for r in caplog.records if AGENCY in r.getMessage()], caplog.text
    assert _form(clerk, short_name="青政").status_code == 302  # corrected on its page: no fault left
    assert 'id="letters-fault"' not in clerk.get(f"/cases/{pk}").content.decode()
    assert LetterSettingsRecord.objects.get().data["number_format"] == "〔{year}〕{short}依申公第{seq}号"
