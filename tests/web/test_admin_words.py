"""The admin site in Chinese: every word of Django's own admin and auth catalogues
has a Chinese translation once the project's catalogue (src/zfxxgk/web/locale)
fills what Django's zh_Hans lacks, and the compiled .mo files say what the .po
files say (`make locale` was run after the last change)."""

from __future__ import annotations

import gettext
import json
import re
from pathlib import Path

import django
import pytest
from django.utils import translation

LOCALE = Path(__file__).resolve().parents[2] / "src" / "zfxxgk" / "web" / "locale" / "zh_Hans" / "LC_MESSAGES"
DJANGO = Path(django.__file__).parent / "contrib"
SAME = {"%(class_name)s %(instance)s"}  # nothing to translate


def _entries(po: Path) -> dict[str, str]:
    """msgid -> msgstr (the first form) of a .po file with one-line entries."""
    text = po.read_text(encoding="utf-8")
    out = {}
    for block in text.split("\n\n"):
        mid = re.search(r'^msgid "(.+)"$', block, re.M)
        mstr = re.search(r'^msgstr(?:\[0\])? "(.+)"$', block, re.M)
        if mid and mstr:
            out[mid.group(1)] = mstr.group(1)
    return out


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_compiled_catalogue_matches_its_source(domain):
    entries = _entries(LOCALE / f"{domain}.po")
    assert entries
    compiled = gettext.GNUTranslations((LOCALE / f"{domain}.mo").open("rb"))
    assert {k: compiled.gettext(k) for k in entries} == entries


def _english_ids(app: str, domain: str) -> list[str]:
    """The msgids without context of Django's catalogue for `app`, a long one written
    over several lines joined (those are the help texts of the two-list selector)."""
    text = (DJANGO / app / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po").read_text(encoding="utf-8")
    blocks = [b for b in text.split("\n\n") if "msgctxt" not in b]
    ids = ("".join(re.findall(r'"(.*)"', m.group(1)))
           for b in blocks if (m := re.search(r'^msgid ((?:".*"\n?)+)', b, re.M)))
    return [i.replace('\\"', '"') for i in ids if i]


@pytest.mark.parametrize("app", ["admin", "auth"])
def test_every_admin_word_of_django_is_chinese(app):
    with translation.override("zh-hans"):
        missing = [m for m in _english_ids(app, "django")
                   if m not in SAME and translation.gettext(m) == m and translation.ngettext(m, m, 2) == m]
    assert missing == []


def test_every_admin_script_word_is_chinese():
    """The admin's JavaScript catalogue (/admin/jsi18n/) has every word of its scripts:
    the selector of groups said “Choose 组 by selecting them …” in English."""
    from django.utils.translation.trans_real import DjangoTranslation

    js = DjangoTranslation("zh-hans", domain="djangojs")
    missing = [m for m in _english_ids("admin", "djangojs")
               if js.gettext(m) == m and js.ngettext(m, m, 2) == m]
    assert missing == []


@pytest.mark.django_db
def test_the_two_list_selector_speaks_chinese(admin_client):
    """The admin's script words (the pickers of groups and permissions) come from the
    same catalogues, through the admin's JavaScript catalogue."""
    js = admin_client.get("/admin/jsi18n/").content.decode("utf-8")
    for english, chinese in (("Choose all %s", "全部选择%s"), ("Remove all %s", "全部移除%s"),
                             ("(click to clear)", "（点击清除）")):
        assert f'"{english}": {json.dumps(chinese)}' in js, english  # as Django writes it: \\u escapes
