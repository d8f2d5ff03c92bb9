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
