"""bench/sec_probe.py's checks of the review views of the ninth walk-through: the
list's bulk 标记为已审核 (POST /reports/review, ticked rows or the list's filter),
退回修改 of a 录入 draft, the 已退回 status and the 审核 filter (list and API) —
each asked by the wrong role, without the CSRF token, across agencies and regions,
with ids that do not exist, and with markup in the reason."""

from __future__ import annotations

import re
from pathlib import Path

import sec_files as F

ROOT = Path(__file__).resolve().parents[1]
REASON = '退回-<script>alert("rv")</script>'


class ReviewChecks:
    def area_review(self) -> None:
        inside = self._clean_report("yunling-district-2022.txt")  # 云岭区: rev_y's region
        outside = self._clean_report("ecology-bureau-2023.md")  # a city bureau: not rev_y's
        self._bulk_by_role(inside)
        self._same_subject()
        self._bulk_across_scope(inside, outside)
        self._returns(outside)
        self._returned_lists()

    # --- helpers -----------------------------------------------------------------------------
    def _clean_report(self, name: str) -> dict:
        """A report with warnings and no error, uploaded by the administrator."""
        r = self._upload("boss", name, (ROOT / "examples" / name).read_bytes())
        row = r.json()
        return {"id": row.get("id"), "etag": r.headers.get("etag", "")}

    def _open(self, pk) -> int | None:
        """How many findings of report `pk` wait for a verdict (the list's 审核 column)."""
        rows = self.as_user("boss").get("/api/reports").json().get("reports", [])
        row = next((x for x in rows if x["id"] == pk), None)
        return None if row is None else row["review"].get("open")

    def _bulk(self, who: str, data: dict, query: str = "", token: bool = True):
        c = self.as_user(who)
        if token:
            return self.form(who, f"/reports/review{query}", data)
        return c.post(f"/reports/review{query}", data=data)

    def _tag(self, pk) -> str:
        return self.as_user("boss").get(f"/api/reports/{pk}").headers.get("etag", "")

    # --- bulk 标记为已审核 -----------------------------------------------------------------------
    def _bulk_by_role(self, inside: dict) -> None:
        pk = inside["id"]
        ticked = {"report": str(pk), f"version-{pk}": self._tag(pk)}
        r = self._bulk("rev_y", ticked, token=False)
        self.check("review", "bulk review without the CSRF token: 403, nothing confirmed",
                   r.status_code == 403 and self._open(pk), f"{r.status_code} open={self._open(pk)}")
        for who in ("clerk_w", "reader_t"):
            r = self._bulk(who, ticked)
            self.check("review", f"bulk review by {who} (no publish right): 403, nothing confirmed",
                       r.status_code == 403 and self._open(pk), f"{r.status_code} open={self._open(pk)}")
        r = self.as_user("rev_y").get("/reports/review")
        self.check("review", "bulk review by GET: 405", r.status_code == 405, str(r.status_code))

    def _bulk_across_scope(self, inside: dict, outside: dict) -> None:
        out = outside["id"]
        r = self._bulk("rev_y", {"report": str(out), f"version-{out}": self._tag(out)})
        nowhere = self._bulk("rev_y", {"report": "987654", "version-987654": '"1"'})
        self.check("review", "bulk review of another region's report: 403, nothing confirmed",
                   r.status_code == 403 and self._open(out), f"{r.status_code} open={self._open(out)}")
        self.check("review", "bulk review: another region's id answered as one that does not exist",
                   (r.status_code, _words(r.text)) == (nowhere.status_code, _words(nowhere.text)),
                   f"{r.status_code}/{nowhere.status_code}")
        r = self._bulk("rev_y", {"scope": "filter", "listed": "99999999999999999"},
                       query=f"?agency={self._agency_of(out)}")
        self.check("review", "bulk review of the filter naming another region's agency: nothing confirmed",
                   r.status_code in (302, 403) and self._open(out), f"{r.status_code} open={self._open(out)}")
        self._bulk_api(out)
        pk = inside["id"]
        r = self._bulk("rev_y", {"report": [str(pk), str(out)], f"version-{pk}": '"stale"',
                                 f"version-{out}": self._tag(out)})
        self.check("review", "bulk review with a stale version: skipped, nothing confirmed",
                   r.status_code == 302 and self._open(pk), f"{r.status_code} open={self._open(pk)}")
        r = self._bulk("rev_y", {"report": [str(pk), str(out)], f"version-{pk}": self._tag(pk),
                                 f"version-{out}": self._tag(out)})
        self.check("review", "bulk review of own and another region's report: own done, the other not",
                   r.status_code == 302 and self._open(pk) == 0 and self._open(out),
                   f"{r.status_code} open={self._open(pk)}/{self._open(out)}")

    def _same_subject(self) -> None:
        """Two reports of one body and year ticked, the older with an error: the newer
        is marked first, and the older was counted 已审核 with it, unchecked."""
        text = (ROOT / "examples" / "yunling-district-2022.txt").read_text("utf-8").replace("2022年", "2019年")
        older = self._upload("boss", "云岭-2019.txt", text.encode("utf-8")).json()["id"]
        r = self.api("boss", "PATCH", f"/api/reports/{older}/cells",
                     {"cells": {"applications.total.total": "99999"}}, **{"If-Match": self._tag(older)})
        newer = self._upload("boss", "云岭-2019-again.txt", text.encode("utf-8") + b"\n").json()["id"]
        errors = self.as_user("boss").get(f"/api/reports/{older}").json().get("counts", {}).get("error")
        self._bulk("rev_y", {"report": [str(newer), str(older)], f"version-{newer}": self._tag(newer),
                             f"version-{older}": self._tag(older)})
        said = re.sub(r"\s+", " ", self.as_user("rev_y").get("/").text)
        self.check("review", "bulk review of two reports of one body and year: the one with errors skipped",
                   r.status_code == 200 and errors and "已标记为已审核 1 份报告" in said
                   and "有错误，须在报告页逐项审核 1 份" in said, f"{r.status_code} errors={errors}")

    def _bulk_api(self, out) -> None:
        """The same through POST /api/reports/review."""
        body = {"reports": [{"id": out, "version": self._tag(out)}]}
        for who, want in (("clerk_t", 403), ("reader_t", 403), ("rev_y", 403)):
            r = self.api(who, "POST", "/api/reports/review", body)
            self.check("review", f"API bulk review of another region's report by {who}: {want}, nothing confirmed",
                       r.status_code == want and self._open(out), f"{r.status_code} open={self._open(out)}")
        c = self.as_user("boss")
        r = c.post("/api/reports/review", json=body)
        self.check("review", "API bulk review without the CSRF header: 403, nothing confirmed",
                   r.status_code == 403 and self._open(out), f"{r.status_code} open={self._open(out)}")

    def _agency_of(self, pk) -> str:
        return str(self.as_user("boss").get(f"/api/reports/{pk}").json().get("agency_id", ""))

    # --- 退回修改 of a draft, 已退回 ------------------------------------------------------------------
    def _returns(self, outside: dict) -> None:
        mine = self._upload("clerk_w", "望湖-退回.txt", F.EXAMPLE.read_bytes() + b"\n" * 17).json()["id"]
        self.w_draft = mine
        for who, pk, want, what in (("clerk_w", mine, 403, "by its own clerk (no publish right)"),
                                    ("reader_t", mine, 404, "by another agency's reader"),
                                    ("clerk_t", mine, 404, "by another agency's clerk"),
                                    ("rev_y", outside["id"], 404, "of another region's draft by a reviewer")):
            r = self.form(who, f"/reports/{pk}/return", {"version": self._tag(pk), "reason": "x"})
            self.check("review", f"退回修改 of a draft {what}: {want}, still not returned",
                       r.status_code == want and not self._returned(pk), str(r.status_code))
        c = self.as_user("rev_y")
        r = c.post(f"/reports/{mine}/return", data={"version": self._tag(mine), "reason": "x"})
        self.check("review", "退回修改 without the CSRF token: 403", r.status_code == 403 and not self._returned(mine),
                   str(r.status_code))
        r = self.form("rev_y", f"/reports/{mine}/return", {"version": self._tag(mine), "reason": REASON})
        self.check("review", "退回修改 of a draft in the reviewer's region: done",
                   r.status_code == 302 and self._returned(mine), str(r.status_code))
        for url in (f"/reports/{mine}", "/?status=returned"):
            page = self.as_user("clerk_w").get(url).text
            self.check("review", f"{url}: the return reason's markup printed as text",
                       "<script>alert(\"rv\")" not in page and "退回-&lt;script&gt;" in page)

    def _returned(self, pk) -> bool:
        rows = self.as_user("boss").get("/api/reports?status=returned").json().get("reports", [])
        return any(x["id"] == pk for x in rows)

    def _returned_lists(self) -> None:
        pk = getattr(self, "w_draft", None)
        for who in ("clerk_t", "reader_t"):
            api = self.as_user(who).get("/api/reports?status=returned").text
            page = self.as_user(who).get("/?status=returned").text
            self.check("review", f"已退回 list of {who}: no other agency's draft nor its reason",
                       "退回-" not in api + page and f'"id": {pk},' not in api and f'"id":{pk},' not in api)
            api = self.as_user(who).get("/api/reports?reviewed=open").json()
            others = [x["id"] for x in api.get("reports", []) if x.get("agency") != "青禾市交通运输局"]
            self.check("review", f"审核 filter of {who}: its agency's reports only", not others, str(others[:5]))
        r = self.client().get("/api/reports?reviewed=open")
        self.check("review", "审核 filter signed out: refused", r.status_code in (401, 403), str(r.status_code))
        r = self.client().get("/?reviewed=open&status=returned")
        self.check("review", "list with the 审核 and 已退回 filters signed out: to the login",
                   r.status_code == 302 and "/accounts/login/" in r.headers.get("location", ""), str(r.status_code))


def _words(text: str) -> str:
    """A page's text without numbers (ids, tokens): what tells one answer from another."""
    return re.sub(r"\d+|csrfmiddlewaretoken\" value=\"[^\"]+", "", text)
