"""The portal's chrome in a scraped page's text: what a crawler keeps around a report.

A page's text holds more than the report: lists of links to other reports (often
other years' reports of the same body, ``· 某局2022年政府信息公开工作年度报告
2023-01-18``), 上一篇/下一篇, the page's tools (打印本页, 关闭窗口, 分享到) and a
footer naming the site's owner (主办单位：某区人民政府办公室, ICP备…). A link is
no title (its year and body are another report's), a footer line is no signature
(it would hide the real one above it), and the site is no agency.
"""

from __future__ import annotations

import re


# a list's item mark, or the page's own links to its neighbours
_LINK = re.compile(r"^\s*(?:[·•●■□▪◆◇▶►★☆※>›»]|[-*]\s|(?:上一篇|下一篇|上一条|下一条|相关(?:链接|文章|阅读|信息|文件)"
                   r"|推荐阅读|热点文章|最新(?:信息|文章|公开))\s*[:：]?)")
# a date closing a line: a link's date in a list (``…年度报告 2023-01-18``, ``[2023-01-18]``)
_DATED = re.compile(r"[\[(（【]?\s*(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)\s*[\])）】]?\s*$")
_DATE_END = frozenset("0123456789])）】日")  # (a quick look before the search)
# the page's tools and footer: never part of a report's text
_CHROME = re.compile(r"主办单位|承办单位|协办单位|主办[:：]|承办[:：]|版权所有|copyright|©|ICP[备证]|公网安备|网站标识码|"
                     r"网站地图|联系我们|技术支持|打印本页|关闭窗口|【打印】|【关闭】|分享到|浏览次数|访问量|"
                     r"返回顶部|扫一扫|手机打开|网站纠错|无障碍|适老化", re.IGNORECASE)
# a labelled field of the page (更新日期：…, 来源：…), not a line a report signs with
_FIELD = re.compile(r"^[\u4e00-\u9fff]{2,6}\s*[:：]")
# a site's name (某区人民政府门户网站): the portal, never the body that reports
SITE_NAME = re.compile(r"(?:网站|门户网?|政务网|政府网|信息网|网|平台|客户端|公众号|专栏|频道|微博)$")


def is_link(text: str) -> bool:
    """A line marked as a list's item, or a link to the page's neighbours."""
    return bool(_LINK.match(text))


def is_dated(text: str) -> bool:
    """A line that closes with a date, as each link of a dated list does."""
    return text.rstrip()[-1:] in _DATE_END and bool(_DATED.search(text))


def is_chrome(text: str) -> bool:
    """A line of the page's tools or footer, or a labelled field of the page
    (`text` NFKC-normalised, as the signature's lines are)."""
    text = text.strip()
    return bool(_CHROME.search(text) or _FIELD.match(text) or is_link(text))
