"""Who reports: the agency's name from wherever a report states it.

A name is looked for, in order, in the title (with the portal's labels `标题：`,
`【标题】`, `名称：`, an attachment's `附件1：` and spreadsheet formulas taken off), the portal's fields
(`发布机构`, `来源`, `信息来源`, `发文机关`, and the HTML page's ArticleTitle /
ContentSource / Author / <title>), the preface (`由……编制`, `……编制了本报告`,
`本报告由……根据`), the signature, and last the file name (said in a note).
Every candidate must look like a name: no clause words (a body's own words such
as 机构编制委员会 or 统一战线工作部 aside), no formula or markup characters, no
site's name, at most 40 characters; a name printed in traditional characters is
given in simplified form. Nothing acceptable leaves the agency null (F-META).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..standard.normalize import compact, nfkc
from .chrome import SITE_NAME

MAX_NAME = 40
# bodies that report: the usual suffixes and those of zones, ministries and 苏木
ORG_SUFFIX = re.compile(
    r"(?:办事处|街道|人民政府|政府|委员会|管委会|管理委员会|综合实验区|开发区|新区|高新区|"
    r"办公厅|办公室|总局|局|厅|部|委|办|署|中心|院|所|会|镇|乡|苏木|嘎查|社区|公司|集团|处|室|站|队|"
    r"林场|农场|牧场|渔场|茶场|垦区|海关|馆|合作社|联合社|园区|保税区|示范区|试验区|合作区|片区|监狱|学校|大学|"
    r"中学|小学)(?:[（(][^（）()]{2,30}[）)]){0,3}$")
# a seal printed with the signature: （盖章）, (印章), 【公章】
SEAL = re.compile(r"[(（【\[]\s*(?:盖章|印章|公章|章|签章|盖印)\s*[)）】\]]")
# a body that seals a report for another (a township without a seal of its own)
ON_BEHALF = re.compile(r"[(（]\s*代(?:章|印|盖章)\s*[)）]")
CLAUSE_WORDS = ("根据", "依据", "编制", "要求", "公布", "本报告", "条例", "规定", "情况", "年度报告",
                "工作", "现将", "特此", "按照", "发布于", "本机关", "本单位", "我局", "我委",
                # a portal's field labels: a page's info table run into a title
                "发布机构", "发文日期", "发布日期", "发布时间", "索引号", "信息来源", "浏览", "字体",
                "字号", "当前位置", "首页", "标题", "分享", "打印")
# bodies' own words that hold a clause word (机构编制委员会, 统一战线工作部, 金融工作办公室)
# (工作 only where its body word closes the name: 工作部署 is a clause's)
_BODY_WORDS = re.compile(r"编制委员会|工作(?=(?:部|委员会|委|站|队|处|办公室|局)(?:办公室)?(?:$|[（(]))")
_MARKUP = re.compile(r"[=<>{}\[\]|\\/@#$%^&*_+~`\"'“”‘’;；:：,，。!！?？()（）›»-]|HYPERLINK|http|\d{4}|\d\w{0,3}年$|\d{1,2}[月日]",
                     re.IGNORECASE)
_LABEL = re.compile(r"^(?:附件\s*\d{0,2}\s*[:：]?\s*(?=\S|$)|【\s*(?:标题|名称|题目|文章标题)\s*】|\[\s*(?:标题|名称)\s*\]|"
                    r"(?:文章标题|标题|名称|题目|文件名称)\s*[:：]|(?:文章标题|标题|题目|文件名称)[\t ]+)\s*")
# a portal's breadcrumb before the title (首页 > 政务公开 > 某局2023年……报告): its last step
_CRUMBS = re.compile(r"^.*[>›»]\s*")
# a page's word for itself (来源：本站), not a body's name
_SELF = re.compile(r"^(?:本|我|该|此)(?:站|网|局|院|委|办|中心|部|所|处|室|会|厅|机关|单位|级|镇|乡|街道|县|区|市|"
                   r"政府|部门)$")
_HYPERLINK = re.compile(r"^=\s*HYPERLINK\s*\((.*)\)\s*$", re.IGNORECASE)
# the title in book marks, or in the notice that published it
_QUOTED_TITLE = re.compile(r"^(?:关于(?:印发|公布|发布|公开))?《([^《》]+)》(?:的通知|的公告)?$")
# …… without book marks: 关于印发某局2023年……报告的通知
_NOTICE = re.compile(r"^(?:关于)?(?:印发|公布|发布|公开|转发)(.+?(?:报告|年报))的(?:通知|公告)$")
_QUOTED = re.compile(r"[\"“]([^\"”]+)[\"”]")
_PORTAL = re.compile(r"(?:发布机构|信息来源|来源|发文机关|发布单位|发文单位)\s*[:：]\s*([^\s:：|]{2,40})")
_PREFACE = (
    re.compile(r"(?:本报告|本年度报告|年度报告)?由([\u4e00-\u9fff()（）]{2,56}?)(?:根据|依据|按照|依照|负责编制|编制|发布)"),
    re.compile(r"(?:^|[\s。；;，,])([\u4e00-\u9fff]{2,40}?)(?:根据|依据|按照|依照)[^。]{0,80}?编制了?本(?:年度)?报告"),
    re.compile(r"(?:^|[\s。；;，,])([\u4e00-\u9fff]{2,40}?)编制了?本(?:年度)?报告"),
    re.compile(r"本报告由([\u4e00-\u9fff()（）]{2,56}?)(?:根据|依据|按照)"),
    re.compile(r"现将([\u4e00-\u9fff]{2,40}?)(?:\d{4}年度?)?的?政府信息公开(?:工作)?(?:年度)?报告"),
)
# (以下简称“本机关”) between a name and its verb
_ALIAS = re.compile(r"[（(](?:以下简称|下称|简称)[^（）()]{0,20}[）)]")
# words that begin the clause before the name in a preface sentence
_PREFACE_LEAD = re.compile(r"^.*?(?:要求|规定|条例》|精神|部署|安排|现)")
KEEP = frozenset("乾")  # characters a traditional→simplified table would wrongly change


def strip_title_labels(text: str) -> str:
    """The title as printed, without the portal's label or a spreadsheet formula."""
    text = text.strip()
    m = _HYPERLINK.match(text)
    if m:
        quoted = _QUOTED.findall(m.group(1))
        text = quoted[-1] if quoted else ""
    text = _LABEL.sub("", text).strip()
    if ">" in text or "›" in text or "»" in text:  # a breadcrumb: its last step, if a title
        last = _CRUMBS.sub("", text)
        text = last if len(last) > 8 and ("报告" in last or "年报" in last) else ""
    m = _QUOTED_TITLE.match(text) or _NOTICE.match(text)
    return m.group(1).strip() if m else text


@lru_cache(maxsize=4096)
def simplified(name: str) -> str:
    """A name printed in traditional characters, in simplified form."""
    try:
        from hanziconv import HanziConv
    except ImportError:  # pragma: no cover - a dependency; without it names stay as printed
        return name
    return "".join(ch if ch in KEEP or ord(ch) < 0x3400 else HanziConv.toSimplified(ch)
                   for ch in name)


# a bracket in a name: a second body's name (挂牌: 市政务服务管理局), or a note
_BRACKETED = re.compile(r"[(（]([^()（）]{1,30})[)）]")
_NOTE_IN_BRACKETS = re.compile(r"\d|年|全文|草案|试行|本级|简称|下称|章|正文|附件|修订|修正|更新|终稿|定稿|"
                               r"发布稿|公开|摘要|节选|第.[稿版]|[一二三四五六七八九十]稿")


def brackets(name: str) -> str | None:
    """A name's bracketed parts: a body's name is kept in full-width brackets
    (``某某局（县人民防空办公室）``), a year or a note (``（2023年度）``, ``（全文）``)
    is dropped; anything else in brackets means the text is no name (None)."""
    if "(" not in name and "（" not in name and ")" not in name and "）" not in name:
        return name
    kept = []

    def one(m: re.Match) -> str:
        inner = m.group(1).strip()
        if _NOTE_IN_BRACKETS.search(inner):
            return ""
        ok = acceptable(inner)
        if ok is None:
            raise ValueError(inner)
        kept.append(ok)
        return f"（{ok}）"

    try:
        out = _BRACKETED.sub(one, name)
    except ValueError:
        return None
    rest = out
    for inner in reversed(kept):  # the bodies' names stand at the end, after the main name
        rest = rest.removesuffix(f"（{inner}）")
    return None if re.search(r"[()（）]", rest) else out


@lru_cache(maxsize=8192)  # the same title, signature and field are asked about more than once
def acceptable(name: str | None, needs_suffix: bool = True) -> str | None:
    """The name cleaned (NFKC, no spaces, simplified), or None when it is no name:
    clause words, markup, a site's name (某区人民政府门户网站), too long, or (where
    asked) no body's suffix."""
    if not name:
        return None
    name = compact(name)
    name = brackets(name)
    if name is None:
        return None
    if "（" in name:  # kept bodies' names: the main name must be a name by itself
        main, _, inner = name.partition("（")
        main = acceptable(main, needs_suffix)
        return f"{main}（{inner}" if main and len(name) <= MAX_NAME + 20 else None
    if not 2 <= len(name) <= MAX_NAME or _MARKUP.search(name):
        return None
    words = _BODY_WORDS.sub("", name)
    if any(w in words for w in CLAUSE_WORDS) or _SELF.match(name) or SITE_NAME.search(name):
        return None
    name = simplified(name)
    if needs_suffix and not ORG_SUFFIX.search(name):
        return None
    return name


# the portal's other fields, which a page's spans run into the name without a space
_NEXT_FIELD = re.compile(r"(?:发布时间|发布日期|生成日期|成文日期|更新时间|时间|日期|来源|信息来源|索引号|"
                         r"浏览次数|访问量|点击数|点击|阅读|字号|文号|发文字号|分类|主题分类|有效性|"
                         r"作者|编辑|责任编辑|字体)\s*[:：]?.*$")
# a page title's site name, after or before the report's title
SITE_SEPARATOR = re.compile(r"\s*(?:_|\||｜|\s-\s|\s—\s|——|－{1,2}|\s–\s)\s*")


def field_name(value: str | None) -> str | None:
    """A portal field's value up to the next field run into it (``某局发布时间：…``)."""
    if not value:
        return None
    return _NEXT_FIELD.sub("", nfkc(value).strip()) or None


def portal_agency(lines_text: list[str], fields: dict[str, str]) -> str | None:
    """发布机构 and its kin: read by the loader (HTML), or printed near the top."""
    for key in ("portal_agency", "html_source", "html_author"):
        name = acceptable(field_name(fields.get(key)))
        if name:
            return name
    for text in lines_text:
        for m in _PORTAL.finditer(nfkc(text)):
            name = acceptable(field_name(m.group(1)))
            if name:
                return name
    return None


def preface_agency(preface: str) -> str | None:
    """The body the preface says compiled the report."""
    if "称" in preface:
        preface = _ALIAS.sub("", preface)
    for pattern in _PREFACE:
        for m in pattern.finditer(preface):
            name = m.group(1)
            name = _PREFACE_LEAD.sub("", name) if pattern is not _PREFACE[0] else name
            name = simplified(name)
            name = re.sub(r"(?:办公室|办)$", "", name) if name.endswith(("人民政府办公室", "人民政府办")) else name
            found = acceptable(name)
            if found:
                return found
    return None


_FILE_TITLE = re.compile(r"^(.*?)(?:关于)?(?:20\d{2})年?度?")


def file_name_agency(source: str | None) -> str | None:
    """Last resort: the name before the year in the file's name."""
    if not source or source == "-":
        return None
    stem = re.split(r"[/\\]", source)[-1].rsplit(".", 1)[0]
    m = _FILE_TITLE.match(nfkc(stem))
    return acceptable(m.group(1)) if m else None


# names of areas and governments: the region a name states, a key across years
REGION_END = re.compile(r"(?:省|自治区|市|自治州|州|盟|地区|县|区|旗)$")
_STOP = re.compile(r"[由于在据对向和与的是了为从自及并将经根按照请本报告]")
_DOUBLED = re.compile(r"(.{2,}?)\1")
GOVERNMENT = "人民政府"  # a government's name may drop its city in the title
_REGION_PREFIX = re.compile(r"^(?:[\u4e00-\u9fff]{2,8}?(?:省|自治区|市|自治州|盟|地区|县|区|旗)){1,3}")


@lru_cache(maxsize=8192)
def region_of(agency: str | None) -> str | None:
    """The administrative area an agency's own name states (``淮安市洪泽区`` of
    ``淮安市洪泽区人民政府``); None when the name carries none (``井口街道办事处``)."""
    if not agency:
        return None
    m = _REGION_PREFIX.match(agency)
    if not m or m.end() == len(agency):
        return None
    return m.group(0)


def agency_key(agency: str | None) -> str | None:
    """A key that stays the same across years and sources: NFKC, no spaces, no
    doubled words, no brackets."""
    if not agency:
        return None
    key = reduce_doubled(compact(agency))
    return re.sub(r"[()（）\[\]【】“”\"']", "", key)


def reduce_doubled(name: str) -> str:
    """``办事处办事处`` -> ``办事处``: a word printed twice in a row."""
    return _DOUBLED.sub(r"\1", name)


def qualify_from_preface(name: str, preface: str) -> str:
    """A government's title may drop its city, which the preface names
    (``洪泽区人民政府`` in the title, ``淮安市洪泽区人民政府办公室`` in the preface):
    the region belongs to a government's name, so take the fuller one. Other bodies
    keep their name as the title states it."""
    if not name.endswith(GOVERNMENT):
        return name
    at = preface.find(name)
    while at >= 0:
        before = _STOP.split(preface[max(0, at - 10):at])[-1]
        if len(before) >= 3 and REGION_END.search(before):
            return before + name
        at = preface.find(name, at + 1)
    return name


def same_body(one: str, other: str) -> bool:
    """Whether two names may name one body in other words (某区人民政府 and its
    办公室, 发展改革委 and 发展和改革委员会, with or without the city); two areas
    named, neither within the other, make two bodies (青禾县 and 青禾市云岭区)."""
    ra, rb = region_of(one.partition("（")[0]), region_of(other.partition("（")[0])
    if ra and rb and not (ra.endswith(rb) or rb.endswith(ra)):
        return False
    a, b = _name_core(one), _name_core(other)
    return a in b or b in a or a[:2] in b or b[:2] in a


def misread(one: str, other: str) -> bool:
    """Whether two names read by OCR are one printed name misread in one place: as
    long, and apart in a character or two (青禾市… and 青未市…); another body's name
    (a higher body's banner: 人民政府) is longer or shorter."""
    apart = sum(a != b for a, b in zip(one, other))
    return len(one) == len(other) and 0 < apart <= max(1, len(one) // 6)


def _name_core(name: str) -> str:
    """A name without its area and its bracketed second name (its body's own words)."""
    name = name.partition("（")[0]
    region = region_of(name)
    return name[len(region):] if region else name


def under_banner(banner: str, own: str, name: str, said: str | None) -> str:
    """The name of a title joined from a whole name above it (`banner`) and the
    title's own line (`own`, maybe empty). The banner may be the site's or a higher
    body's (青禾市云岭区人民政府 over 望湖街道2023年……): the body the report's
    signature or preface names (`said`) wins where it holds the title's own words
    (青禾市云岭区望湖街道办事处) or is another body; where the banner holds both
    (the body's own full name over a short title and signature), and where no
    signature says, a banner that holds the title's own words (青禾市云岭区望湖
    街道办事处 over 望湖街道……) is the fuller name."""
    if said is None or said == name:
        return banner if own and own in banner else name
    if (own and own in said) or not same_body(name, said):
        return banner if own and said in banner and own in banner else said
    return name
