"""For each rule: its legal or documentary basis and a worked example, for
`zfxxgk rules` and the generated docs/rules.md (`render_rules_markdown`).

Kept beside the rules, not inside them, so a rule's body stays its check; the
catalogue test fails when an implemented rule has no entry here.
"""

from __future__ import annotations

DETAILS: dict[str, tuple[str, str]] = {
    "T3-1": ("国办公开办函〔2021〕30号、〔2019〕60号表三表头注明的勾稽关系",
             "本年新收 95 + 上年结转 0 = （七）总计 95 + 结转下年度 0"),
    "T3-2": ("（七）总计是各项办理结果之和（standard.md §3.1，由表格结构推出）",
             "淮安市2024年自然人列：1288+447+…+108 = 2932"),
    "T3-3": ("总计列是六类申请人之和（由表格结构推出）",
             "一、本年新收：3001+53+0+0+61+4 = 3119"),
    "T3-5": ("由T3-1与数字非负推出",
             "（七）总计 30 大于本年新收 20 + 上年结转 5 时报错"),
    "T4-1": ("表四每组总计是四项结果之和（由表格结构推出）",
             "洪泽区2023年：行政复议总计印作0，而维持10、纠正1，报错"),
    "T2-1": ("standard.md §3.3（第三方核查工具使用的存量衔接关系，非官方勾稽）",
             "洪泽区：2023年现行有效5件，2024年制发3件、废止0件，现行有效应约为8件"),
    "T2-2": ("standard.md §3.3（2019年格式栏目含义）",
             "对外公开总数量2件、本年新公开数量5件时警告"),
    "T2-3": ("standard.md §3.3（2019年格式栏目含义，跨年度）",
             "2019年行政许可上一年项目数量100、本年增/减+5，2020年上一年项目数量应为105"),
    "T2-4": ("表二第二十条第（八）项栏目“本年收费金额（单位：万元）”",
             "街道办事处填写收费金额 251000（按元填写）时警告；淮安市全市 96171.6 万元不警告"),
    "X-1": ("上年结转即上一年度的结转下年度继续办理（standard.md §3.4）",
             "洪泽区2024年上年结转0，与2023年结转下年度0一致"),
    "N-1": ("国办公开办函〔2021〕30号要求正文总体情况涵盖依申请公开；各地通知要求数据准确一致",
             "洪泽区2024年正文“区政府办代表区政府受理…17件”，表三本年新收95件：警告并指出该句只说一个部门"),
    "N-2": ("《条例》第五十条第（三）项；正文与表四应一致",
             "淮安市2024年正文“行政复议351件，其中结果维持72件”与表四一致，不警告"),
    "N-3": ("国办公开办函〔2021〕30号（一）项“政府信息管理”；各地通知（如武威市2025年）要求写明规章、规范性文件制发、废止、现行有效件数",
             "正文“制发行政规范性文件5件”而表二为3件时警告；“政策性文件11件”不作比较"),
    "N-4": ("国办函〔2020〕109号《政府信息公开信息处理费管理办法》；2021年起第六部分应说明信息处理费",
             "2023年度报告第六部分只写“无。”时警告"),
    "N-6": ("正文与表三应一致",
             "正文“未收到政府信息公开申请”而表三本年新收为3件时警告"),
    "P-1": ("《条例》第四十九条第一款（政府部门1月31日前）；乡镇、街道按各地通知",
             "街道办事处2023年度报告落款2024年2月5日，晚于2024年1月31日"),
    "P-2": ("《条例》第四十九条第二款（县级以上人民政府3月31日前）",
             "区人民政府2024年度报告落款2025年4月2日，晚于2025年3月31日"),
    "F-BLANK": ("findings.md：空白不等于0", "（一）予以公开的自然人列空白"),
    "F-VALUE": ("findings.md；表格数字为非负整数，金额以万元为单位", "单元格印作“/”或“251000元”"),
    "F-LABEL": ("国办公开办函〔2021〕30号、〔2019〕60号的规范表述", "“2.其他法律行政止公开”应为“2.其他法律行政法规禁止公开”"),
    "F-TEMPLATE": ("国办公开办函〔2021〕30号适用于2021年度起的报告", "2021年格式的表三把（六）其他处理印作一行"),
    "F-SECTION": ("《条例》第五十条；年度报告格式规定的六个部分", "缺少“六、其他需要报告的事项”"),
    "F-META": ("年度报告格式：标题、统计期限", "机关名称印作“办事处办事处”；统计期限不是1月1日至12月31日"),
    "F-TABLE": ("年度报告格式规定的三张表", "找不到表四"),
    "F-INFERRED": ("findings.md：按勾稽关系推定缺失的数字", "一行少印一个数字，按总计推定为0"),
}


def render_rules_markdown(catalogue: list[dict[str, str]]) -> str:
    """docs/rules.md, generated from the rule registry: one section per rule."""
    from .messages import SEVERITY_NAMES

    lines = ["# 核查规则", "",
             "本文件由 `zfxxgk.check.catalogue.render_rules_markdown` 根据代码生成，请勿手工修改；"
             "重新生成：`python -m zfxxgk.check.catalogue > docs/rules.md`。", "",
             "| 编号 | 级别 | 名称 |", "|---|---|---|"]
    for e in catalogue:
        lines.append(f"| {e['id']} | {SEVERITY_NAMES[e['severity']]} | {e['title']} |")
    for e in catalogue:
        lines += ["", f"## {e['id']} {e['title']}", "",
                  f"- 级别：{SEVERITY_NAMES[e['severity']]}",
                  f"- 检查什么：{e['description']}",
                  f"- 依据：{e['basis']}",
                  f"- 例子：{e['example']}"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys

    from . import rules_catalogue

    sys.stdout.write(render_rules_markdown(rules_catalogue()))
