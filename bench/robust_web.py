"""The web API's part of robust_probe.py: the requests real clients send that a
careful API must answer well — money written with its digits, numbers JSON can
write oddly (an exponent, NaN, a key twice, a list), a change without its version
or from a stale one (report cells, workflow steps, 复议诉讼 entries), bodies that
are not JSON objects, not UTF-8 or far too big, table 二's money, odd file names.
A request counts as

  server    a 5xx answer
  english   a refusal whose message carries English words
  accepted  a 2xx answer to a request that must be refused (nothing may be stored)
  refused   a refusal of a request that must succeed
  digits    an amount answered with other digits than it was sent with
  status    another status than a careful API answers (400 for a body that is
            no JSON object, 428 for a change without its version, 413 for a
            body past the form cap)

Run alone (`python3 bench/robust_web.py`, PYTHONPATH=src) or by robust_probe.py, in
its own process with a throw-away data folder; prints one JSON line per request.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "examples" / "wanghu-street-2023.txt"
CODE, AMOUNT = "applications.received.natural_person", "active.fees.amount"
ENGLISH = re.compile(r"(?<![A-Za-z])[A-Za-z]{4,}(?![A-Za-z])")
# What a Chinese message may name: cell codes, API paths, headers, JSON's words, the body's keys.
NAMED = re.compile(r"multipart/form-data|\w+(?:\.\w+)+|/api/\S*|If-Match|ETag|JSON|UTF-8|NaN|Infinity|null|true|false|cells?|sections")


def _cells(cells: str) -> str:
    return '{"cells": {%s}}' % cells


# (class, body, If-Match: "tag", "stale", "none" or "*", expected status, words the answer holds)
PATCHES = [
    ("money", _cells(f'"{AMOUNT}": 8235.4200'), "tag", 200, "8235.4200"),
    ("money", _cells(f'"{AMOUNT}": 123456789012345.6789'), "tag", 200, "123456789012345.6789"),
    ("money", _cells(f'"{AMOUNT}": 0.0000001'), "tag", 200, "0.0000001"),
    ("numbers", _cells(f'"{CODE}": 1e1'), "tag", 400, CODE),
    ("numbers", _cells(f'"{CODE}": NaN'), "tag", 400, "NaN"),
    ("numbers", _cells(f'"{CODE}": 1, "{CODE}": 2'), "tag", 400, "两次"),
    ("numbers", _cells(f'"{CODE}": [1]'), "tag", 422, CODE),
    ("numbers", _cells(f'"{CODE}": true'), "tag", 422, "cells"),
    ("versions", _cells(f'"{CODE}": 5'), "none", 428, "If-Match"),
    ("versions", _cells(f'"{CODE}": 5'), "stale", 412, "已被他人修改"),
    ("versions", _cells(f'"{CODE}": 5'), "*", 200, ""),
    ("bodies", "[]", "tag", 400, "数组"),
    ("bodies", "", "tag", 400, ""),
    ("bodies", '{"cells": ' + "[" * 5000 + "]" * 5000 + "}", "tag", 400, "嵌套"),
    ("bodies", b'\xff\xfe{\x00}\x00', "tag", 400, "UTF-8"),
    ("bodies", '{"cell": {}}', "tag", 422, "cell"),
]
NAMES = ["../../etc/passwd", "报告\u202etxt.exe", "😀" * 100 + ".txt", "年报 (1).TXT", "a\tb.txt"]


def _setup():
    os.environ.setdefault("ZFXXGK_DATA", tempfile.mkdtemp(prefix="robust-web-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zfxxgk.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model
    from django.test import Client

    from zfxxgk.web.accounts.manage import add_user

    add_user("probe", "录入员", "probe-Password-123")
    client = Client(HTTP_HOST="localhost")
    client.force_login(get_user_model().objects.get(username="probe"))
    return client


def _verdict(status: int, expected: int, text: str, words: str) -> str | None:
    if status >= 500:
        return "server"
    if expected >= 400 > status:
        return "accepted"
    if status >= 400 > expected:
        return "refused"
    if status >= 400 and ENGLISH.search(NAMED.sub("", _error(text))):
        return "english"
    if status != expected:
        return "status"
    if words and words not in text:
        return "digits" if expected < 400 else "english"
    return None


def _error(text: str) -> str:
    try:
        return str(json.loads(text).get("error", ""))
    except (ValueError, AttributeError):
        return text[:200]


def main() -> None:
    client = _setup()
    upload = client.post("/api/reports", {"file": _named(REPORT.name, REPORT.read_bytes())})
    pk = upload.json()["id"]
    stale = client.get(f"/api/reports/{pk}")["ETag"]
    client.patch(f"/api/reports/{pk}/cells", _cells(f'"{CODE}": 9'), content_type="application/json",
                 HTTP_IF_MATCH=stale)
    for kind, body, version, expected, words in PATCHES:
        tag = {"tag": client.get(f"/api/reports/{pk}")["ETag"], "stale": stale, "*": "*"}.get(version)
        headers = {"HTTP_IF_MATCH": tag} if tag else {}
        r = client.patch(f"/api/reports/{pk}/cells", body, content_type="application/json", **headers)
        text = r.content.decode("utf-8", "replace")
        _say(kind, f"PATCH {str(body)[:50]}", _verdict(r.status_code, expected, text, words), r.status_code, text)
    for kind, what, r, expected, words in _other_writes(client, pk):
        text = r.content.decode("utf-8", "replace")
        _say(kind, what, _verdict(r.status_code, expected, text, words), r.status_code, text)
    for i, name in enumerate(NAMES):
        data = REPORT.read_bytes() + f"\n{i}\n".encode()
        r = client.post("/api/reports", {"file": _named(name, data)})
        text = r.content.decode("utf-8", "replace")
        _say("names", f"upload {name[:30]!r}", _verdict(r.status_code, 201, text, ""), r.status_code, text)


def _other_writes(client, pk: int):
    """(class, what, response, expected status, words) for the writes beside a
    report's cells: a workflow step and a 复议诉讼 entry changed without their
    version, table 二's amount, a JSON body far past any form's size."""
    yield ("versions", "POST submit without If-Match", client.post(f"/api/reports/{pk}/submit"),
           428, "If-Match")
    entry = json.dumps({"agency": "探针机关", "number": "探针复议1", "kind": "review",
                        "received_on": "2025-03-01"}, ensure_ascii=False)
    client.post("/api/registers/litigation", entry, content_type="application/json")
    yield ("versions", "litigation entry changed without If-Match",
           client.post("/api/registers/litigation", entry, content_type="application/json"), 428, "If-Match")
    body = '{"agency": "探针机关", "year": 2025, "cells": {"fees": {"amount": 8235.4200}}}'
    yield ("money", "PUT table 二 amount 8235.4200",
           client.put("/api/registers/active", body, content_type="application/json", HTTP_IF_MATCH='"0"'),
           200, "8235.4200")
    big = _cells(f'"{CODE}": "{"9" * 3_000_000}"')
    yield ("bodies", "PATCH of 3 MB", client.patch(f"/api/reports/{pk}/cells", big, content_type="application/json",
                                                   HTTP_IF_MATCH="*"), 413, "请求太大")


def _named(name: str, data: bytes) -> io.BytesIO:
    f = io.BytesIO(data)
    f.name = name
    return f


def _say(kind: str, what: str, bad: str | None, status: int, text: str) -> None:
    print(json.dumps({"class": kind, "what": what, "bad": bad, "status": status,
                      "said": _error(text)[:120]}, ensure_ascii=False))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
