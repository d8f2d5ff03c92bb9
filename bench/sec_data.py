"""bench/sec_probe.py's checks of what users store: markup in every field pages,
downloads and letters print (stored XSS), formulas in every export, hostile
uploads, and other agencies' data (known copies, IDOR, mass assignment)."""

from __future__ import annotations

import csv
import io
import re
import time
import zipfile
from pathlib import Path

import sec_files as F

INTAKE = {"applicant_type": "natural_person", "id_number": "110101199003071234",
          "phone": "13812345678", "channel": "in_person", "arrived_on": "2025-09-26"}
WANGHU, TRANSPORT = "青禾市云岭区望湖街道办事处", "青禾市交通运输局"


class DataChecks:
    # --- stored markup ---------------------------------------------------------------------
    def _upload(self, who: str, name: str, data: bytes, ctype: str = "application/octet-stream"):
        c = self.as_user(who)
        return c.post("/api/reports", files={"file": (name, data, ctype)}, headers=self.csrf(c))

    def _no_markup(self, who: str, url: str) -> None:
        r = self.as_user(who).get(url)
        raw = [m for m in F.XSS_RAW if m in r.text] if "html" in r.headers.get("content-type", "") else []
        self.check("xss", f"{url} prints the stored markup as text", r.status_code == 200 and not raw,
                   f"{r.status_code} {raw}")

    def area_xss(self) -> None:
        payload = " ".join(F.XSS)
        r = self._upload("boss", f"{F.XSS[1]}报告.json", F.report_json(f"{F.XSS[0]}局", payload, key="xss局"))
        assert r.status_code == 201, r.text[:300]
        pk, agency = r.json()["id"], r.json()["agency_id"]
        r = self.api("clerk_w", "POST", "/api/cases", {**INTAKE, "number": "2025-0100", "agency": WANGHU,
                                                       "name": F.XSS[0], "subject": payload})
        case = r.json().get("id") if r.status_code == 201 else None
        self.check("xss", "case with markup in name and subject stored", case is not None, r.text[:200])
        batch = self._xss_batch()
        urls = ["/", f"/reports/{pk}", f"/reports/{pk}/edit", f"/reports/{pk}/download.html", "/agencies/",
                f"/agencies/{agency}", "/dashboard", "/audit/", f"/batches/{batch}", "/?q=%3Cscript%3E"]
        urls += [f"/cases/{case}", "/cases/", "/cases/work", "/cases/reminders"] if case else []
        for url in urls:
            self._no_markup("boss", url)
        h = self.as_user("boss").get(f"/reports/{pk}/download.html").headers
        self.check("xss", "download.html (shown inline) carries the CSP", "script-src 'self'"
                   in h.get("content-security-policy", ""))
        r = self.as_user("boss").get(f"/reports/{pk}/download.json")
        self.check("xss", "download.json is JSON, an attachment",
                   r.headers.get("content-type", "").startswith("application/json")
                   and "attachment" in r.headers.get("content-disposition", ""))
        if case:
            self._letters(case)
        for url in ("/api/reports/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/reports/1/%3Cscript%3Ealert(1)",
                    "/api/reports?sort=%3Cscript%3Ealert(1)", "/cases/?status=%3Cscript%3Ealert(1)"):
            r = self.as_user("boss").get(url)
            self.check("xss", f"{url}: the address is not echoed as markup", "<script>alert(1)" not in r.text,
                       str(r.status_code))

    def _xss_batch(self) -> int:
        c = self.as_user("boss")
        data = F.zip_of([(f"{F.XSS[2]}.json", F.report_json("批次局", key="批次局")), (f"{F.XSS[0]}.txt", b"")])
        r = c.post("/api/batches", files={"files": (f"{F.XSS[1]}.zip", data, "application/zip")},
                   data={"name": F.XSS[0]}, headers=self.csrf(c))
        from sec_checks import wait_batch

        pk = r.json()["id"]
        wait_batch(c, pk)
        return pk

    def _letters(self, case: int) -> None:
        for kind in ("受理回执", "补正告知书", "答复书"):
            r = self.as_user("clerk_w").get(f"/cases/{case}/letters/{kind}.docx")
            if r.status_code != 200:
                self.check("xss", f"letter {kind}: answered without a server error", r.status_code < 500,
                           str(r.status_code))
                continue
            xml = zipfile.ZipFile(io.BytesIO(r.content)).read("word/document.xml").decode()
            self.check("xss", f"letter {kind}: markup is text in the Word XML",
                       "<script>" not in xml and "&lt;script&gt;" in xml or "script" not in xml)

    # --- formulas in exports ------------------------------------------------------------
    def area_formulas(self) -> None:
        ids = []
        for i, agency in enumerate(F.FORMULAS):
            r = self._upload("boss", f"f{i}.json", F.report_json(agency, key=f"公式{i}局"))
            if r.status_code == 201:
                ids.append(r.json()["id"])
        self.check("formulas", f"{len(F.FORMULAS)} reports with formula agencies stored", len(ids) == len(F.FORMULAS))
        c = self.as_user("boss")
        self._xlsx_clean("/reports/export.xlsx", c.get("/reports/export.xlsx").content, allow=False)
        for pk in ids[:2]:
            self._xlsx_clean(f"/reports/{pk}/download.xlsx", c.get(f"/reports/{pk}/download.xlsx").content,
                             allow=True)
        text = c.get("/dashboard/cells.csv").content.decode("utf-8-sig")
        live = [f for row in csv.reader(io.StringIO(text)) for f in row if _live(f)]
        self.check("formulas", "dashboard/cells.csv: no field a spreadsheet runs (also after spaces)",
                   not live and any("局" in f for row in csv.reader(io.StringIO(text)) for f in row),
                   repr(live[:3]))
        names = [x["agency"] for x in c.get("/api/reports").json().get("reports", [])]
        self.check("formulas", "agency names kept as sent (not altered to defuse)",
                   any(n.startswith("=HYPERLINK") for n in names), repr(names[:2]))

    def _xlsx_clean(self, url: str, body: bytes, allow: bool) -> None:
        """No <f> in any sheet, or only the identity sheet's SUM/IF (`allow`)."""
        try:
            z = zipfile.ZipFile(io.BytesIO(body))
        except zipfile.BadZipFile:
            self.check("formulas", f"{url}: is a workbook", False)
            return
        formulas = [f for n in z.namelist() if n.startswith("xl/worksheets/")
                    for f in re.findall(r"<f>([^<]*)</f>", z.read(n).decode())]
        bad = [f for f in formulas if not (allow and re.fullmatch(r"(SUM|IF)\(.*", f))]
        strings = z.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in z.namelist() else ""
        self.check("formulas", f"{url}: text cells only (formulas: {len(formulas)})", not bad, repr(bad[:2]))
        if not allow:
            self.check("formulas", f"{url}: the formula agencies are there as text", "HYPERLINK" in strings)

    # --- hostile uploads -----------------------------------------------------------------
    def area_uploads(self) -> None:
        mark = f"zipslip-{int(time.time())}"
        report = (F.EXAMPLE.read_bytes())
        slips = F.zip_of([(f"../../../../../tmp/{mark}-a.txt", report + b"\n1"),
                          (f"/tmp/{mark}-b.txt", report + b"\n2"), ("..\\..\\" + mark + "-c.txt", report + b"\n3")])
        self._batch("zip slip (../, absolute, backslashes)", slips, lambda b: not _anywhere(mark, self.tmp))
        self._batch("symlink member to /etc/passwd", F.symlink_zip("/etc/passwd"), lambda b: not self._leaked("root:x:0:0"))
        self._batch("nested zips 5 deep", F.nested_zip(5, report), lambda b: "嵌套" in str(b.get("rejected")))
        self._timed("zip bomb 1 GB of zeros in one member", "bomb.zip", F.bomb_zip(1024), limit=60)
        self._many_refusals()
        data = F.crowded_zip(150_000)
        self._timed("zip of 150 000 empty members (12 MB of central directory)", "crowded.zip", data, limit=3)
        self._timed("DOCX billion laughs", "laughs.docx", F.laughs_docx(), limit=60)
        r = self._timed("DOCX external entity file:///etc/passwd", "xxe.docx", F.xxe_docx(), limit=60)
        self.check("uploads", "XXE: /etc/passwd not read into anything stored", not self._leaked("root:x:0:0"))
        self._timed("XLSX billion laughs", "laughs.xlsx", F.laughs_xlsx(), limit=60)
        self._timed("XLSX external entity file:///etc/passwd", "xxe.xlsx", F.xxe_xlsx(), limit=60)
        self._ledger()
        self.check("uploads", "XXE: /etc/passwd not read into anything stored", not self._leaked("root:x:0:0"))
        self._timed("PNG of 900 megapixels (decompression bomb)", "scan.png", F.png_bomb(), limit=120)
        self._timed("PDF of 5000 empty pages", "pages.pdf", F.many_pages_pdf(5000), limit=180)
        r = self._upload("clerk_w", "../../evil\r\nSet-Cookie: x=1\x00.txt", report + b"\n\n\n\n", "image/png")
        ok = r.status_code == 201
        if ok:
            d = self.as_user("clerk_w").get(f"/reports/{r.json()['id']}/download.docx").headers
            ok = "\r" not in d.get("content-disposition", "") and "x=1" not in d.get("set-cookie", "")
        self.check("uploads", "file name with ../, CR LF and NUL: stored as a name, headers intact", ok, r.text[:120])
        self.check("uploads", "nothing named from the upload outside the data folder",
                   not any(Path("/tmp").glob("evil*")) and not any("evil" in p.name for p in _walk(self.tmp, 8)))
        self.check("uploads", "the server still answers", self.as_user("boss").get("/").status_code == 200)

    def _ledger(self) -> None:
        """The 台账 import opens a workbook in the web process (no sandbox)."""
        c = self.as_user("clerk_w")
        for what, data in (("billion laughs", F.laughs_xlsx()), ("external entity", F.xxe_xlsx())):
            started = time.monotonic()
            r = c.post("/api/registers/imports", files={"file": ("台账.xlsx", data, "application/octet-stream")},
                       data={"agency": WANGHU, "dry_run": "true"}, headers=self.csrf(c))
            took = time.monotonic() - started
            self.check("uploads", f"台账 import, XLSX {what}: refused in time, nothing read",
                       r.status_code < 500 and took < 30 and "root:x:0:0" not in r.text and "申请人申请人申请人" not in r.text,
                       f"{r.status_code} in {took:.1f} s: {r.text[:80]}")

    def _timed(self, what: str, name: str, data: bytes, limit: float):
        started = time.monotonic()
        r = self._upload("boss", name, data)
        took = time.monotonic() - started
        self.check("uploads", f"{what}: refused or read in time, no 500", r.status_code < 500 and took < limit,
                   f"{r.status_code} in {took:.1f} s: {r.text[:80]}")
        return r

    def _batch(self, what: str, data: bytes, fine) -> None:
        from sec_checks import wait_batch

        c = self.as_user("boss")
        r = c.post("/api/batches", files={"files": ("x.zip", data, "application/zip")}, headers=self.csrf(c))
        body = wait_batch(c, r.json()["id"]) if r.status_code == 202 else {}
        self.check("uploads", f"{what}: handled", r.status_code in (202, 400, 413) and fine(body),
                   f"{r.status_code} {str(body.get('rejected'))[:100]}")

    def _many_refusals(self) -> None:
        """A zip of 20 000 members, each refused: is the batch's list of reasons bounded?"""
        from sec_checks import wait_batch

        c = self.as_user("boss")
        data = F.locked_members_zip(20000)
        started = time.monotonic()
        r = c.post("/api/batches", files={"files": ("many.zip", data, "application/zip")},
                   headers=self.csrf(c))
        took = time.monotonic() - started
        body = wait_batch(c, r.json()["id"]) if r.status_code == 202 else {}
        page = c.get(f"/batches/{r.json()['id']}").content if r.status_code == 202 else b""
        self.check("uploads", "zip of 20 000 refused members: bounded list, quick answer",
                   r.status_code in (202, 400, 413) and len(body.get("rejected") or []) <= 1000 and took < 30,
                   f"{r.status_code} in {took:.1f} s, {len(body.get('rejected') or [])} reasons, page {len(page) // 1024} KB")

    def _leaked(self, needle: str) -> bool:
        c = self.as_user("boss")
        listed = c.get("/api/reports?sort=-id").json().get("reports", [])[:10]
        return any(needle in c.get(f"/api/reports/{x['id']}").text for x in listed)

    # --- other agencies ------------------------------------------------------------------
    def area_authz(self) -> None:
        mine = self._upload("clerk_w", "望湖.txt", F.EXAMPLE.read_bytes() + b"\n\n\n\n\n")
        pk = mine.json()["id"]
        r = self._upload("clerk_t", "别人的.txt", F.EXAMPLE.read_bytes() + b"\n\n\n\n\n")
        self.check("authz", "another agency's identical file: refused, not given back", r.status_code == 403
                   and WANGHU not in r.text.replace(f"“{WANGHU}”", ""), f"{r.status_code} {r.text[:100]}")
        t = self.as_user("clerk_t")
        for url in [f"/reports/{pk}/download.{f}" for f in ("json", "docx", "pdf", "xlsx", "html")] + [
                f"/reports/{pk}/crops/applications.received.total.png", f"/api/reports/{pk}/narrative",
                f"/api/reports/{pk}/findings", f"/reports/{pk}/edit"]:
            self.check("authz", f"other agency GET {url}: 404", t.get(url).status_code == 404)
        r = self.api("clerk_w", "PATCH", f"/api/reports/{pk}/cells",
                     {"cells": {}, "status": "published", "agency": TRANSPORT, "version": 9}, **{"If-Match": "*"})
        self.check("authz", "PATCH cells with status/agency/version keys: 422", r.status_code == 422, str(r.status_code))
        r = self.api("clerk_t", "POST", "/api/cases", {**INTAKE, "number": "2025-0200", "agency": WANGHU,
                                                       "name": "甲", "subject": "乙"})
        self.check("authz", "case for another agency: 403", r.status_code == 403, str(r.status_code))
        r = self.api("clerk_w", "POST", "/api/cases", {**INTAKE, "number": "2025-0201", "agency": WANGHU,
                                                       "name": "甲", "subject": "乙", "status": "closed",
                                                       "id": 1, "created_by": "boss"})
        listed = self.as_user("boss").get("/api/cases?q=2025-0201").json()["count"]
        self.check("authz", "case body with status/id/created_by keys: 422, nothing stored",
                   r.status_code == 422 and "没有status、id、created_by这一项" in r.text and listed == 0,
                   f"{r.status_code} {r.text[:100]} stored={listed}")
        case = self.api("clerk_w", "POST", "/api/cases", {**INTAKE, "number": "2025-0202", "agency": WANGHU,
                                                          "name": "甲", "subject": "乙"}).json().get("id")
        for url in (f"/cases/{case}/letters/受理回执.docx", f"/api/cases/{case}", f"/cases/{case}"):
            self.check("authz", f"other agency GET {url}: 404", t.get(url).status_code == 404)
        r = self.api("reader_t", "POST", f"/api/cases/{case}/reveal", {"purpose": "看看"})
        self.check("authz", "reader reveal: refused", r.status_code in (403, 404), str(r.status_code))
        r = self.api("clerk_t", "POST", "/api/registers/litigation",
                     {"agency": WANGHU, "number": "复议-x", "kind": "review", "received_on": "2025-03-01"})
        self.check("authz", "litigation for another agency: 403", r.status_code == 403, str(r.status_code))
        r = self.api("clerk_w", "POST", f"/api/reports/{pk}/findings/0/verdict", {"verdict": "dismissed"},
                     **{"If-Match": "*"})
        self.check("authz", "clerk verdict (no publish right): 403", r.status_code == 403, str(r.status_code))
        r = self.as_user("clerk_w").get("/admin/")
        self.check("authz", "clerk at /admin/: sent to the admin login", r.status_code == 302, str(r.status_code))
        self._staff_clerk(pk)

    def _staff_clerk(self, pk: int) -> None:
        """A 录入员 with the staff flag (kept from a former 管理员 role, or ticked by
        hand) must not read other agencies' drafts and cases in the admin site."""
        import subprocess
        import sys

        from sec_checks import _env

        code = ("import django; django.setup(); from django.contrib.auth.models import User;"
                "User.objects.filter(username='clerk_t').update(is_staff=True);"
                "from zfxxgk.web.accounts.backends import renew; renew()")
        subprocess.run([sys.executable, "-c", code], env={**_env(self.data), "DJANGO_SETTINGS_MODULE":
                                                          "zfxxgk.web.settings"}, check=True)
        t = self.as_user("clerk_t")
        for url in ("/admin/reports/report/", f"/admin/reports/report/{pk}/change/", "/admin/cases/caserecord/"):
            r = t.get(url)
            self.check("authz", f"staff-flagged clerk of another agency, {url}: refused",
                       r.status_code in (302, 403) and WANGHU not in r.text, str(r.status_code))


def _live(field: str) -> bool:
    return field.lstrip(" \t\r\n\u3000\xa0").startswith(F.LEADS) and not field.startswith("'") \
        and not re.fullmatch(r"\s*[+-]?\d+(\.\d+)?", field)


def _anywhere(mark: str, root: Path, depth: int = 8) -> bool:
    """A file named with `mark` under `root` (the probe's folder, data folder inside)
    or directly in /tmp."""
    return any(Path("/tmp").glob(f"*{mark}*")) or any(mark in p.name for p in _walk(root, depth))


def _walk(root: Path, depth: int):
    try:
        for p in root.iterdir():
            yield p
            if depth > 1 and p.is_dir() and not p.is_symlink():
                yield from _walk(p, depth - 1)
    except OSError:
        return
