"""台账 import page and API: preview, per-row errors, all or nothing, idempotent."""

from __future__ import annotations

import io

import pytest

from cases.ledger_books import AGENCY, ROWS, register

pytestmark = pytest.mark.django_db


def _upload(client, data: bytes, **extra):
    f = io.BytesIO(data)
    f.name = "台账.xlsx"
    return client.post("/cases/import", {"agency": AGENCY, "file": f, "action": "upload", **extra})


def _import(client, response):
    ctx = response.context
    post = {"agency": AGENCY, "sha": ctx["sha"], "file_name": ctx["file_name"],
            "prev_header_line": ctx["p"].header.line, "header_line": ctx["p"].header.line,
            "action": "import"}
    for code, col in ctx["p"].mapping.items():
        post[f"map:{code}"] = "" if col is None else str(col)
    return client.post("/cases/import", post)


def test_only_clerks_and_admins_import(login, client):
    assert login("reader").get("/cases/import").status_code == 403
    assert login("reviewer").get("/cases/import").status_code == 403
    assert login("nobody").post("/cases/import", {}).status_code == 403
    client.logout()
    assert client.get("/cases/import").status_code == 302  # to the login page
    r = login("clerk").get("/cases/import")
    assert r.status_code == 200 and "导入依申请公开台账" in r.content.decode()
    assert r["Link"] == '</api/registers/imports>; rel="alternate"; type="application/json"'


def test_preview_then_import_then_reimport(login):
    from zfxxgk.web.audit.models import AuditEntry
    from zfxxgk.web.cases.models import CaseRecord

    client = login("clerk")
    r = _upload(client, register())
    page = r.content.decode()
    assert r.status_code == 200 and "导入5件申请" in page and "答复情况／答复结果" in page
    assert "<td>2025年3月31日</td>" in page  # QH-2025-001: received 3 March, 20 working days on
    assert CaseRecord.objects.count() == 0  # a preview stores nothing
    # each row says where it will count, where its words differ from table 三's
    # (the preview showed 企业, 公民, 涉及商业秘密 only)
    assert '企业<br><span class="meta read-as">计为商业企业</span>' in page
    assert '律师事务所<br><span class="meta read-as">计为法律服务机构</span>' in page
    assert '不予公开（涉及商业秘密）<br><span class="meta read-as">计为（三）不予公开·4.保护第三方合法权益</span>' in page
    assert '<td>自然人</td>' in page  # the same words: said once
    r = _import(client, r)
    assert r.status_code == 200 and "新增5件" in r.content.decode()
    rows = {c.number: c for c in CaseRecord.objects.all()}
    assert sorted(rows) == sorted(x[0] for x in ROWS)
    assert rows["QH-2025-001"].outcome == "granted" and rows["QH-2025-005"].status == "in_progress"
    assert rows["QH-2025-001"].agency.name == AGENCY
    assert AuditEntry.objects.filter(action="import").count() == 1

    # the same file again: nothing new, nothing duplicated
    r = _import(client, _upload(client, register()))
    assert "新增0件，已存在且相同5件" in r.content.decode()
    assert CaseRecord.objects.count() == 5

    # the register now has QH-2025-005 answered: that case is brought up to date
    rows2 = list(ROWS)
    rows2[4] = ROWS[4][:6] + ("2026.1.5", "予以公开")
    r = _import(client, _upload(client, register(rows2)))
    assert "新增0件，更新1件，已存在且相同4件" in r.content.decode()
    five = CaseRecord.objects.get(number="QH-2025-005")
    assert (five.status, str(five.closed_on)) == ("closed", "2026-01-05")


def test_one_bad_row_imports_nothing(login):
    from zfxxgk.web.cases.models import CaseRecord

    client = login("clerk")
    rows = list(ROWS)
    rows[2] = ("QH-2025-003", "李四", "学生", "当面", "2025-05-06", "x", None, None)
    r = _upload(client, register(rows))
    page = r.content.decode()
    assert "第7行（QH-2025-003）：申请人类型“学生”无法对应表三的申请人栏目" in page
    assert 'value="import"' not in page  # no import button while a row is wrong
    r = _import(client, r)  # forced anyway
    assert r.status_code == 400 and "未导入任何申请" in r.content.decode()
    assert CaseRecord.objects.count() == 0


def test_store_refusal_rolls_back_the_rows_already_saved(login, monkeypatch):
    """A failure while saving row 3 leaves rows 1 and 2 unsaved too."""
    from zfxxgk.web.cases import store
    from zfxxgk.web.cases.models import CaseRecord

    client = login("clerk")
    r = _upload(client, register())
    real = store.save_case

    def failing(case, *a, **kw):
        if case.id == "QH-2025-003":
            raise store.StoreError("模拟：数据库拒绝保存")
        return real(case, *a, **kw)

    monkeypatch.setattr(store, "save_case", failing)
    r = _import(client, r)
    assert r.status_code == 400 and "模拟：数据库拒绝保存" in r.content.decode()
    assert CaseRecord.objects.count() == 0


def test_a_case_registered_after_the_preview_read_is_not_overwritten(login, users, monkeypatch):
    """QH-2025-002 is registered in the application after the import read the
    stored cases (the plan said: new) and before the import saved it: the import
    is refused, naming the case, rather than overwriting it. (Registered here in
    the import's own transaction, so the refusal's rollback takes it too; made by
    another request it stays as registered.)"""
    from zfxxgk.web.cases import importing, store
    from zfxxgk.web.cases.models import CaseRecord

    client = login("clerk")
    r = _upload(client, register())
    real_plan = importing.plan

    def plan_then_registered(p, agency, **kw):
        planned = real_plan(p, agency, **kw)
        case = next(c for c in p.cases if c.id == "QH-2025-002")
        case.subject = "在系统中登记的申请"
        store.save_case(case, users["clerk"], agency=agency)
        return planned

    monkeypatch.setattr(importing, "plan", plan_then_registered)
    r = _import(client, r)
    assert r.status_code == 409 and "已有编号为QH-2025-002的申请" in r.content.decode()
    assert CaseRecord.objects.count() == 0


def test_api_dry_run_and_import(login):
    from zfxxgk.web.cases.models import CaseRecord

    client = login("clerk")
    f = io.BytesIO(register())
    f.name = "台账.xlsx"
    body = client.post("/api/registers/imports", {"file": f, "agency": AGENCY, "dry_run": "true"}).json()
    assert body["preview"]["ok"] and len(body["preview"]["rows"]) == 5
    assert body["preview"]["mapping"]["outcome"]["column"] == 8
    assert CaseRecord.objects.count() == 0
    f.seek(0)
    body = client.post("/api/registers/imports", {"file": f, "agency": AGENCY}).json()
    assert len(body["imported"]["created"]) == 5
    bad = list(ROWS)
    bad[0] = ROWS[0][:7] + ("办完了",)
    g = io.BytesIO(register(bad))
    g.name = "x.xlsx"
    r = client.post("/api/registers/imports", {"file": g, "agency": AGENCY})
    assert r.status_code == 400 and r.json()["ok"] is False
    assert "第5行：办理结果“办完了”不是表三的一行" in r.json()["error"]
    reader = login("reader")
    f.seek(0)
    assert reader.post("/api/registers/imports", {"file": f, "agency": AGENCY}).status_code == 403


def test_uploads_of_unfinished_previews_are_removed_after_a_day(login):
    import os
    import time
    from pathlib import Path

    from django.conf import settings

    client = login("clerk")
    r = _upload(client, register())
    path = Path(settings.MEDIA_ROOT) / "imports" / f"{r.context['sha']}.xlsx"
    assert path.is_file()
    old = time.time() - 25 * 3600
    os.utime(path, (old, old))
    rows = list(ROWS)[:2]
    _upload(client, register(rows))  # the next upload sweeps
    assert not path.exists()
    r = _import(client, r)
    assert r.status_code == 400 and "上传的台账已失效，请重新上传" in r.content.decode()
