"""Who reports, for which year, signed when: the report's meta.

`agency` comes from the title, else the signature, else the preface (report-json.md).
Titles are often split over two lines (name, then "2023 年政府信息公开工作年度报告"),
and agencies print their own name doubled (``办事处办事处``): both are handled here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..ingest.document import Line
from ..ingest.html import read_portal_meta
from ..standard.normalize import compact, nfkc
from .agency import (GOVERNMENT, ORG_SUFFIX, REGION_END, SITE_SEPARATOR, acceptable,
                     file_name_agency, misread, portal_agency, preface_agency, qualify_from_preface,
                     reduce_doubled, region_of, same_body, simplified, strip_title_labels, under_banner)
from .agency import agency_key  # noqa: F401  (the report's key: read with the meta)
from .chrome import SITE_NAME, is_dated, is_link
from .dates import arabic_years, date_line, range_year, text_year
from .signature import PAGE_NUMBER, TRADITIONAL, read_signature
from .witnesses import header_title, late_agency, properties_title, property_note

# the words between 政府信息公开 and 报告: 工作年度, 年度工作, 工作情况的
_WORDS = r"(?:年度)?(?:工作)?(?:情况)?(?:的)?(?:年度)?"
_TITLE = re.compile(rf"^(?:关于)?(.*?)(\d{{4}})年度?的?政府信息公开{_WORDS}报告")
# (a year followed by its month is a date's: 2024年03月25日 星期一, a portal's today)
_TITLE_LOOSE = re.compile(r"(\d{4})年度?(?!\d{1,2}月).*?(?:年度报告|年报)")
# a title without its year (the year is then in the statistics period or the portal's date)
_TITLE_YEAR_FIRST = re.compile(rf"^(?:关于)?(\d{{4}})年度?(?!\d{{1,2}}月)(.+?)(?:的)?政府信息公开{_WORDS}报告")
_TITLE_NO_YEAR = re.compile(rf"^(?:关于)?(.+?)(?:的)?政府信息公开{_WORDS}报告$")
_RANGE = r"自?(\d{4,6})年(\d{1,2})月(\d{1,2})日(?:起)?(?:至|到|-|—|－|–|~|～)(?:(\d{4,6})年)?(\d{1,2})月(\d{1,2})日"
_PERIOD = re.compile(r"(?:统计期限|统计时限|统计期|统计时间|数据统计)[^。]{0,6}?" + _RANGE)
# the period alone on a line, in brackets under the title: （2023年1月1日—2023年12月31日）
_PERIOD_ALONE = re.compile(r"^[(（]?" + _RANGE + r"止?[)）]?$")
_RANGE_START = frozenset("(（自0123456789０１２３４５６７８９")
_YEAR_BRACKET = re.compile(r"\((\d{4})年?度?\)")
_YEAR_AFTER_TITLE = re.compile(r"^(.*?)(政府信息公开(?:工作)?(?:的)?(?:年度)?(?:报告|年报))\((\d{4})年?度?\)$")
_YEAR_LAST = re.compile(r"^(.*(?:报告|年报))\(?(\d{4})年?度?\)?$")
_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,12}[〔\[(]\d{4}[〕\])]\d{1,4}号$")  # 青审〔2024〕5号
_WHOLE_BODY = ("人民政府", "办公室", "办公厅")  # a banner's or an issuer's name ends so
_TOWNSHIP = re.compile(r"(?:街道办事处|街道|镇|乡|苏木)$")
_TITLE_MAX = 100  # longer lines are sentences, not titles
_YEAR_INSIDE = re.compile(r"^(.*?)(政府信息公开(?:工作)?)(\d{4})年度?((?:工作)?(?:年度)?(?:报告|年报))")
# a name in brackets, which may hold a second body's name in brackets of its own
_BRACKETED_NAME = r"\(((?:[^()]|\([^()]{2,30}\)){2,60})\)"
_NAME_AFTER_TITLE = re.compile(r"^((?:\d{4}年度?)?政府信息公开(?:工作)?(?:的)?(?:年度)?(?:报告|年报))"
                               + _BRACKETED_NAME + "$")
_NAME_IN_BRACKETS = re.compile("^" + _BRACKETED_NAME + r"(?=\d{4}年)")
_TITLE_SEARCH = 80  # lines after the first heading in which a misplaced title is looked for
_STOP_IN_NAME = re.compile(r"[，。；：、（）《》]|根据|编制|按照|现将|发布")


@dataclass
class Meta:
    agency: str | None = None
    agency_printed: str | None = None
    year: int | None = None
    title_year: int | None = None
    title_line: Line | None = None
    published_on: date | None = None
    signature: str | None = None
    period: tuple[str, int, int, int, int, int, int] | None = None
    period_line: Line | None = None
    banner: str | None = None  # a whole name on the line above the title's own words
    title_own: str | None = None  # the name the title's own line prints after `banner`
    title_range: tuple[int, int] | None = None  # 2022—2023年……报告: no one year
    notes: list[tuple[str, dict]] = field(default_factory=list)


def read_meta(lines: list[Line], first_heading: int | None, fields: dict | None = None,
              source: str | None = None, last_part: int | None = None) -> Meta:
    """`fields`: what the loader read around the text (the portal's 发布机构 and date,
    an HTML page's meta tags); `source`: the file name, the last place for a name;
    `last_part`: where part 六's text starts (the signature follows it)."""
    meta = Meta()
    head_end = first_heading if first_heading is not None else min(len(lines), 12)
    # a page number between the title's lines is no part of it
    head = [ln for ln in lines[:head_end] if ln.text.strip() and not PAGE_NUMBER.match(compact(ln.text))]
    # a crawler's text keeps the portal's fields (发布时间：…) above the title
    portal = [ln for ln in head[:12] if "期" in ln.text or "时间" in ln.text or "机构" in ln.text]
    fields = {**read_portal_meta(portal), **(fields or {})} if portal else (fields or {})
    _read_title(head, meta)
    page_title = False
    if meta.title_line is None and fields.get("html_title"):
        _read_page_title(fields["html_title"], meta)  # the page's <title>, or ArticleTitle
        page_title, meta.title_line = meta.title_line is not None, None
    if meta.title_line is None and not page_title:
        _read_title_later(lines[head_end:head_end + _TITLE_SEARCH], meta)
    meta.published_on, meta.signature = read_signature(lines, last_part)
    _read_head_date(head, meta)
    _read_period(lines[: max(head_end, 40)], meta)
    _read_agency(meta, head, fields, source)
    if _by_ocr(meta, fields):
        _confirm_ocr_agency(meta, lines, source)
    _read_year(meta, lines, fields)
    if meta.title_line is None and not page_title:
        meta.notes.append(("meta_no_title", {}))
    _check_period(meta)
    return meta


def _preface(head: list[Line]) -> str:
    """The lines before the first heading without their spaces, where a preface
    may name the body (made only when a name is sought there: most titles name it)."""
    return " ".join(compact(ln.text) for ln in head)


def _read_agency(meta: Meta, head: list[Line], fields: dict, source: str | None) -> None:
    title_name = _joined_name(meta.agency_printed, meta.banner)
    signed = acceptable(meta.signature)
    if title_name and meta.banner:
        said = signed or preface_agency(_preface(head))
        chosen = under_banner(meta.banner, meta.title_own, title_name, said)
        if said and _by_ocr(meta, fields) and misread(title_name, said):
            chosen = title_name  # one name read two ways: the title's larger print wins
        if chosen != title_name and chosen == said:
            meta.notes.append(("meta_banner_agency", {"banner": meta.banner, "agency": said}))
        title_name = chosen
    elif title_name and signed and region_of(title_name) is None and region_of(signed) \
            and signed.endswith(title_name):
        title_name = signed  # 卫生健康委员会 in the title, its area in the signature
    portal = None if title_name else portal_agency([ln.text for ln in head[:12]], fields)
    if portal and signed and not same_body(portal, signed):
        portal = None  # the page's 来源 may be the site's office: the report's signature wins
    name = title_name or portal or signed or preface_agency(_preface(head))
    if name is None:
        name = late_agency(meta.notes, fields, _title_of)
    if name is None:
        name = file_name_agency(source)
        if name is not None:
            meta.notes.append(("meta_agency_file", {"agency": name, "source": source}))
    if name is None:
        meta.notes.append(("meta_no_agency", {"printed": meta.agency_printed or ""}))
        return
    reduced = reduce_doubled(name)
    if reduced != name:
        meta.notes.append(("meta_doubled", {"printed": name, "reduced": reduced}))
    if name == title_name and reduced.endswith(GOVERNMENT):
        reduced = qualify_from_preface(reduced, _preface(head))
    meta.agency = reduced
    if name == title_name and signed is not None and not same_body(reduced, signed):
        # the title's name wins; a signature naming another body is said, since a report
        # copied from another body's keeps its signature (same_body: not in other words)
        meta.notes.append(("meta_signature_agency", {"agency": reduced, "signature": signed}))


def _by_ocr(meta: Meta, fields: dict) -> bool:
    """Whether the title was read from a picture by OCR (its page is one OCR read)."""
    line = meta.title_line
    return line is not None and str(line.page) in str(fields.get("ocr", "")).split(",")


def _confirm_ocr_agency(meta: Meta, lines: list[Line], source: str | None) -> None:
    """A name read by OCR is confirmed where a second line of the report (the
    signature, the prose, a running header) or the file's name prints it too: a
    misread twice alike in other print is not credible. Otherwise it is kept and
    said to be unconfirmed, in place of the note on a signature that differs
    (read by OCR, that is no second body: one of the two is misread)."""
    name = compact(meta.agency or "")
    if not name or sum(name in compact(ln.text) for ln in lines) >= 2 or name in compact(source or ""):
        return
    meta.notes = [n for n in meta.notes if n[0] not in ("meta_signature_agency", "meta_banner_agency")]
    signed = acceptable(meta.signature)
    differs = f"，落款识别为“{signed}”" if signed and signed != meta.agency else ""
    meta.notes.append(("meta_agency_ocr", {"agency": meta.agency, "differs": differs}))


def _read_year(meta: Meta, lines: list[Line], fields: dict) -> None:
    if meta.title_range is not None:
        meta.year = range_year(*meta.title_range, meta.period)
        if meta.year is None:
            meta.notes.append(("meta_year_range", {"printed": "{}—{}".format(*meta.title_range)}))
    elif meta.title_year is not None:
        meta.year = meta.title_year
    elif meta.period is not None and 2000 <= meta.period[4] <= 2100:
        meta.year = meta.period[4]
    elif header_title(fields, _title_of)[1] is not None:
        meta.year = header_title(fields, _title_of)[1]
        meta.notes.append(("meta_from_header", {"what": "year", "value": str(meta.year)}))
    elif meta.published_on is not None:
        meta.year = meta.published_on.year - 1
    elif fields.get("portal_date", "")[:4].isdigit():
        meta.year = int(fields["portal_date"][:4]) - 1
        meta.notes.append(("meta_year_from_date", {"date": fields["portal_date"],
                                                   "year": meta.year}))
    elif properties_title(fields, _title_of)[1] is not None:
        _, meta.year, key = properties_title(fields, _title_of)
        meta.notes.append(("meta_from_properties",
                           property_note(fields, "year", str(meta.year), key)))
    else:
        meta.year = text_year(lines)
        kind = "meta_no_year" if meta.year is None else "meta_year_from_text"
        meta.notes.append((kind, {"year": meta.year}))


def _title_of(lines: list[Line]) -> tuple[str | None, int | None] | None:
    """(name as printed, year) of the title `lines` give, or None: how the late
    witnesses (witnesses.py) read a title of their own."""
    read = Meta()
    _read_title(lines, read)
    return (read.agency_printed, read.title_year) if read.title_line is not None else None


def _title_match(text: str) -> re.Match | None:
    return (_TITLE.match(text) or _TITLE_YEAR_FIRST.match(text) or _TITLE_LOOSE.search(text)
            or _TITLE_NO_YEAR.match(text))


def _read_title(head: list[Line], meta: Meta) -> None:
    texts: list[str] = []  # title_text of head's lines, made as far as the search reaches
    links = _links(head[:10])  # a link is no title, nor part of one ("。" ends a joined title)

    def texts_from(i: int, n: int) -> list[str]:
        while len(texts) < min(i + n, len(head), 10):
            texts.append("。" if len(texts) in links else title_text(head[len(texts)].text))
        return texts[i:i + n]

    for i, line in enumerate(head[:8]):
        m = _title_match(texts_from(i, 1)[0])
        if m is None or m.re is _TITLE_NO_YEAR:  # its year may be on the next line: （2023年度）
            m = _joined_title(texts_from(i, 3)) or m
        if not m:
            continue
        text = m.string
        meta.title_line = line
        if m.re is _TITLE:
            name, meta.title_year = m.group(1), int(m.group(2))
        elif m.re is _TITLE_YEAR_FIRST:
            name, meta.title_year = m.group(2), int(m.group(1))
        elif m.re is _TITLE_LOOSE:
            name, meta.title_year = text[: m.start()], int(m.group(1))
        else:
            name = m.group(1)
        name = name.removeprefix("关于").removesuffix("关于").strip()
        name = _year_range(name, meta)
        if not name:
            name = _name_above(head, i, links)
            meta.banner, meta.title_own = name or None, ""
        elif text != texts[i]:
            _banner_of(texts[i], name, meta)
        meta.agency_printed = name or None
        return


def _banner_of(first: str, name: str, meta: Meta) -> None:
    """A title joined from lines (name / 2023年……报告) whose first line is a whole
    body's name: a banner, perhaps the site's or a higher body's, which the
    signature may contradict (`_over_banner`)."""
    if name.startswith(first) and acceptable(first):
        meta.banner, meta.title_own = first, name[len(first):]


# the year range a title names (某局2022—2023年……报告): its first year and separator
_YEAR_RANGE = re.compile(r"(\d{4})年?度?(?:—|-|–|~|～|至|到)$")


def _year_range(name: str, meta: Meta) -> str:
    """A name read before a title's year that ends with the start of a range of years
    (某局2022—2023年……): the title states no one year (its year goes), the name
    is what precedes the range."""
    m = _YEAR_RANGE.search(name)
    if m is None or meta.title_year is None:
        return name
    meta.title_range, meta.title_year = (int(m.group(1)), meta.title_year), None
    return name[:m.start()]


def _name_above(head: list[Line], i: int, links: set[int]) -> str:
    """The name over a title that states none: the line above, when a body's or an
    area's name; a document's masthead (某局文件) above its number (某审〔2024〕5号)."""
    j = i - 1
    if j > 0 and _DOC_NUMBER.match(compact(head[j].text)):
        j -= 1
    if j < 0 or j in links:
        return ""
    prev = compact(strip_title_labels(nfkc(head[j].text)))
    prev = prev.removesuffix("文件") if len(prev) > 4 else prev
    if acceptable(prev, needs_suffix=False) and \
            (ORG_SUFFIX.search(simplified(prev)) or REGION_END.search(prev)):
        return prev
    return ""


def _links(head: list[Line]) -> set[int]:
    """The head's lines that are links to other pages: a list's items, 上一篇/下一篇,
    and titles closing with a date where two or more do (a dated list of reports,
    each another year's or another body's)."""
    links = {i for i, ln in enumerate(head) if is_link(ln.text)}
    dated = {i for i, ln in enumerate(head) if is_dated(ln.text) and _title_match(title_text(ln.text))}
    return links | dated if len(dated) >= 2 else links


def _joined_title(texts: list[str]) -> re.Match | None:
    """A title printed over two or three short lines (name / 2023年度 / 政府信息公开
    工作年度报告): the lines joined, when together they are a whole title; one
    without a year only when the third line adds none (（2023年度）, a period)."""
    yearless = None
    for n in (2, 3):
        part = texts[:n]
        if len(part) < n or any(len(t) > 40 or "。" in t or "，" in t for t in part) \
                or _named_title(part[-1], part[-2]):  # a whole title of its own is read by itself
            return yearless
        joined = "".join(part)
        last = _YEAR_LAST.match(joined)  # ……年度报告 / （2023年度）: the year on a line of its own
        joined = _title_forms(f"{last.group(1)}({last.group(2)}年度)") if last else joined
        m = _TITLE.match(joined) or _TITLE_YEAR_FIRST.match(joined) or _TITLE_NO_YEAR.match(joined)
        if m and joined.endswith(("报告", "年报")):
            name = m.group(2) if m.re is _TITLE_YEAR_FIRST else m.group(1)
            # only a body's or an area's name, not a portal's line (首页, 来源：…);
            # 关于 may close the name's line (某局关于 / 2023年度……的报告)
            ok = _joined_name(name.removeprefix("关于").removesuffix("关于"), part[0])
            if not (ok and (ORG_SUFFIX.search(ok) or REGION_END.search(ok))):
                return yearless
            if m.re is not _TITLE_NO_YEAR:
                return m
            yearless = yearless or m
    return yearless


def _joined_name(name: str, first: str | None) -> str | None:
    """`acceptable` for a name joined from lines, the first line judged by itself
    too: a body's own words holding a clause word close a name (老龄工作委员会办公室),
    so a full name over its short one (青禾市老龄工作委员会办公室 / 老龄工作委员会
    办公室2023年……) is a name only line by line."""
    ok = acceptable(name, needs_suffix=False)
    if ok or not first or len(name) <= len(first) or not name.startswith(first):
        return ok
    head, rest = acceptable(first, needs_suffix=False), acceptable(name[len(first):], needs_suffix=False)
    return head + rest if head and rest else None


def _named_title(text: str, above: str) -> bool:
    """A line that is a title with a body's name before its year (某局2023年……报告)
    and a line above it that is no part of that name: a site's banner or a notice's
    issuer. The name goes on from the line above only where it lacks its area
    (中共青禾市委 / 宣传部……) or is a government's own office or township
    (青禾市人民政府 / 办公室……, ……人民政府 / 望湖街道办事处……)."""
    m = _TITLE.match(text)
    name = m.group(1).removeprefix("关于") if m else ""
    if not name or not text.endswith(("报告", "年报")):
        return False
    if region_of(name) or SITE_NAME.search(above):  # 某市政务服务网 / 青禾海关2023年……
        return True
    return above.endswith(_WHOLE_BODY) and not name.startswith("办公") and not _TOWNSHIP.search(name) \
        and not above.endswith(name)  # (the body's own full name above its short one)


def _read_page_title(title: str, meta: Meta) -> None:
    """A page's <title>: the report's title with the site's name before or after it
    (``…年度报告_青禾市人民政府``, ``青禾市人民政府_…``, ``… - 政府信息公开``);
    the piece that is a title counts."""
    pieces = [p for p in SITE_SEPARATOR.split(nfkc(title)) if p.strip()]
    for piece in sorted(pieces, key=lambda p: "年度报告" not in p):
        _read_title([Line(0, piece)], meta)
        if meta.title_line is not None:
            return


def _read_title_later(lines: list[Line], meta: Meta) -> None:
    """A title printed after the report's first heading: Word files whose title is a
    picture or a text box placed after the body's first paragraph, scans whose
    reading order puts a heading first. Only a line that is a whole title by itself
    (a name, a year, 政府信息公开工作年度报告, nothing after it) counts, so that a
    sentence citing last year's report is never taken for the title."""
    for line in lines:
        text = title_text(line.text)
        m = _TITLE.match(text)
        if m and m.group(1) and len(text) <= 60 and text.endswith("年度报告") \
                and not _STOP_IN_NAME.search(m.group(1)):
            _read_title([line], meta)
            return


def title_text(text: str) -> str:
    """A line as a title candidate: no portal label, no spaces, a year printed in
    Chinese numerals (二〇二三年) in digits, a year in brackets (``……年度报告（2023年度）``,
    ``某局（2023年）政府信息……``) where a title's year stands."""
    text = arabic_years(compact(strip_title_labels(nfkc(text))))
    return _title_forms(text) if len(text) <= _TITLE_MAX else text


def _title_forms(text: str) -> str:
    """A title printed in other words than the usual order: traditional characters,
    the year inside the title's words or in brackets, the body's name after it."""
    if TRADITIONAL.search(text):  # 政府信息公開工作年度報告: the title's words too
        text = arabic_years(simplified(text))
    if "公开" in text:  # 政府信息公开工作2023年度报告: the year inside the title's words
        text = _YEAR_INSIDE.sub(r"\1\3年\2\4", text, count=1)
    if "(" in text:
        m = _YEAR_AFTER_TITLE.match(text)
        if m:
            text = f"{m.group(1)}{m.group(3)}年度{m.group(2)}"
        elif _YEAR_BRACKET.search(text):  # a year note beside the title's own year goes
            alone = len(re.findall(r"\d{4}", text)) == 1
            text = _YEAR_BRACKET.sub(r"\1年度" if alone else "", text)
        m = _NAME_AFTER_TITLE.match(text)
        if m and acceptable(m.group(2)):  # 2023年度政府信息公开年报（望湖街道办事处）
            text = m.group(2) + m.group(1)
        m = _NAME_IN_BRACKETS.match(text)
        if m and acceptable(m.group(1)):  # （青禾市云岭区人民政府）2023年……报告
            text = m.group(1) + text[m.end():]
    return text


def _read_head_date(head: list[Line], meta: Meta) -> None:
    """A date alone on a line just under the title (``（2024年1月20日）``): the day the
    report was issued, where no signature dates it, and so its year is the one before."""
    if meta.published_on is not None or meta.title_line is None:
        return
    for line in [ln for ln in head if ln.number > meta.title_line.number][:3]:
        meta.published_on = date_line(line.text)
        if meta.published_on is not None:
            return


def _read_period(lines: list[Line], meta: Meta) -> None:
    for line in lines:
        raw = line.text
        if "统计" not in raw and not (len(raw) < 60 and raw.lstrip()[:1] in _RANGE_START and "日" in raw):
            continue  # (compact is costly: only a labelled period or a short line opening with a date)
        text = compact(line.text)
        m = _PERIOD.search(text) if "统计" in text else _PERIOD_ALONE.match(text)
        if m:
            y1, m1, d1, y2, m2, d2 = m.groups()  # 2023年1月1日至12月31日: one year
            meta.period = (m.group(0), int(y1), int(m1), int(d1), int(y2 or y1), int(m2), int(d2))
            meta.period_line = line
            return


def _check_period(meta: Meta) -> None:
    if meta.period is not None and meta.year is not None:
        printed, y1, m1, d1, y2, m2, d2 = meta.period
        if (y1, m1, d1, y2, m2, d2) != (meta.year, 1, 1, meta.year, 12, 31):
            meta.notes.append(("meta_period", {"printed": printed, "year": meta.year}))
    if meta.title_year is not None and meta.period is not None:
        if 2000 <= meta.period[4] <= 2100 and meta.period[4] != meta.title_year:
            meta.notes.append(("meta_title_year", {"title_year": meta.title_year,
                                                   "year": meta.period[4]}))
