"""Every Chinese sentence the checker says, in one place.

The people who read findings write these reports; the wording should be reviewed
(and, one day, translated) as one text, not hunted through the rules. Templates use
`str.format` fields; the rules only fill them in.
"""

from __future__ import annotations

from ..model import cell_text as number  # noqa: F401  (a value as printed: never `1E+2`)
from ..standard.vocabulary import (CASE_GROUP_NAMES, CASE_RESULT_NAMES, DOCUMENT_NAMES, OUTCOME_NAMES,
                                   SEVERITY_NAMES, TABLE_NAMES)  # noqa: F401  (re-exported)

# --- identities (T3, T4) ----------------------------------------------------------------
T3_1 = "第一项加第二项之和（{left}）不等于第三项加第四项之和（{right}）：{column}列"
T3_1_FIX = "核对（七）总计或结转下年度继续办理的数字"
T3_1_WHAT = "第一项加第二项之和等于第三项加第四项之和（{column}列）"

T3_2 = "（七）总计（{total}）不等于各项办理结果之和（{parts}）：{column}列"
T3_2_FIX = "核对（七）总计和（一）至（六）各项办理结果的数字"
T3_2_WHAT = "（七）总计等于各项办理结果之和（{column}列）"

T3_3 = "总计列（{left}）不等于六类申请人之和（{right}）：{row}"
T3_3_FIX = "核对该行的总计或各类申请人的数字"
T3_3_WHAT = "总计列等于六类申请人之和（{row}）"

T3_5 = "{name}（{value}）大于第一项加第二项之和（{intake}）：{column}列"
T3_5_FIX = "办理结果和结转的申请都来自本年新收和上年结转的申请，核对这几行的数字"
T3_5_WHAT = "{name}不大于第一项加第二项之和（{column}列）"

T4_1 = "{group}的总计（{left}）不等于结果维持、结果纠正、其他结果、尚未审结之和（{right}）"
T4_1_FIX = "核对{group}的总计或各项结果的数字"
T4_1_WHAT = "{group}的总计等于四项结果之和"

UNCHECKABLE = "无法核对：{what}有空白单元格"
UNCHECKABLE_FIX = "填写空白单元格（没有发生的事项填0）后才能核对这一关系"

IDENTITY_NAMES = {
    "T3-1": "第一项加第二项之和等于第三项加第四项之和",
    "T3-2": "（七）总计等于各项办理结果之和",
    "T3-3": "总计列等于六类申请人之和",
    "T4-1": "总计等于四项结果之和",
}

# --- format checks (F-) ------------------------------------------------------------------
BLANK = "{row}有空白单元格：{columns}（空白不等于0，涉及这些单元格的勾稽关系无法核对）"
BLANK_FIX = "没有发生的事项填0，不要留空"

VALUE_TEXT = "{cell}不是数字：印作“{text}”"
VALUE_TEXT_FIX = "填写数字；没有发生的事项填0"
VALUE_HUGE = "{cell}印作“{text}”，位数过多，不可能是报告中的数（可能是几个数字连在一起），未读取"
VALUE_HUGE_FIX = "核对原文，填写这个单元格的数字"
VALUE_DATE = ("{cell}所在的单元格设置成了日期格式，印作“{text}”，不是数字；单元格存的数字是{value}，"
              "但表格的勾稽关系不能证实它就是该填的数，未读取")
VALUE_DATE_KEPT = ("{cell}所在的单元格设置成了日期格式，印作“{text}”；按单元格存的数字读作{value}，"
                   "与{basis}相符")
VALUE_DATE_BASIS = {"正文": "正文所述的数字"}  # what confirmed it, else 表格的勾稽关系
VALUE_DATE_TYPED = ("{cell}所在的单元格设置成了日期格式，印作“{text}”；单元格存的是录入的数字{value}"
                    "（日期格式只改变显示，不改变存的数），没有勾稽关系可以核对，按存的数字读取")
VALUE_PAREN = ("{cell}印作“{text}”，带括号：件数不能为负，括号里的{value}也可能是附注或别的数，"
               "勾稽关系和正文都不能证实它是该填的数，未读取")
VALUE_PAREN_SIGNED = ("{cell}印作“{text}”，带括号：可能按会计写法表示-{value}，也可能就是{value}，"
                      "没有勾稽关系可以核对，未读取")
VALUE_PAREN_KEPT = "{cell}印作“{text}”，带括号；件数不能为负，读作{value}，与{basis}相符"
VALUE_LETTER = ("{cell}印作“{text}”，数字中夹有与数字形近的字母或竖线（S、B、Z、g、b、| 常是 PDF 字体把 "
                "5、8、2、9、6、1 印成的样子），读作{value}时勾稽关系和正文都不能证实，未读取")
VALUE_LETTER_KEPT = "{cell}印作“{text}”，数字中夹有与数字形近的字母或竖线，读作{value}，与{basis}相符"
VALUE_LETTER_FIX = "把字母改成数字（PDF 的字体把数字映射成了形近的字母时，重新导出或换用正常字体）"
VALUE_DIGIT = ("{cell}的文字层是“{text}”，但其中的数字用另一种只印了这一个数字的字体排印，字形更像别的数字，"
               "文字层可能与印出的数字不符；读作{value}时勾稽关系和正文都不能证实，未读取")
VALUE_DIGIT_KEPT = ("{cell}的文字层是“{text}”，其中的数字用另一种只印了这一个数字的字体排印、字形存疑，"
                    "读作{value}，与{basis}相符")
VALUE_DIGIT_FIX = "用同一种正常字体排印全部数字后重新导出 PDF（字体的 ToUnicode 映射与字形不符时，复制出的数字会变）"
VALUE_PAREN_FIX = "去掉括号，填写数字；减少的数用负号表示（如-85）"
VALUE_SCALED = ("{cell}所在的单元格存的数字是{stored}，数字格式“{number_format}”把它缩小{scale}倍显示为“{text}”"
                "{why}；按显示的数字读作{value}")
VALUE_SCALED_WHY = {4: "（按元录入、按万元显示）"}
VALUE_SCALED_FIX = "确认显示的数字就是要填报的数（本栏以万元为单位）；宜直接录入万元数，数字格式改为“常规”或“数值”"
VALUE_DATE_FIX = "把这些单元格的格式改为“常规”或“数值”后重新发布，核对显示的数字"
FORMULA_UNKNOWN = ("{cell}是公式“{formula}”，文件没有保存它的计算结果；zfxxgk 只计算单元格引用、加减、SUM 和 ROUND，"
                   "这个公式没有计算，未读取")
FORMULA_MISMATCH = ("{cell}是公式“{formula}”，文件没有保存它的计算结果；按公式算得{value}，"
                    "与“{identity}”不符，未读取")
FORMULA_FIX = "在 Excel 或 WPS 中打开后保存一次（保存时存下公式的计算结果），或在单元格中直接填写数字"
FORMULA_MISMATCH_FIX = "核对公式引用的单元格范围，改正后在 Excel 或 WPS 中保存"
FORMULA_COMPUTED = ("{cell}{more}是公式，文件没有保存计算结果（不重新计算的阅读器显示为空白），"
                    "已按公式算出，如“{formula}”得{value}")
FORMULA_COMPUTED_MORE = "等{count}个单元格"
VALUE_UNIT = "{cell}的数字带有单位：印作“{text}”"
VALUE_UNIT_FIX = "单元格只填数字，单位按表头的规定（金额以万元为单位）"
VALUE_NEGATIVE = "{cell}是负数（{value}）"
VALUE_NEGATIVE_FIX = "件数不能为负数，核对该数字"
VALUE_FRACTION = "{cell}不是整数（{value}）"
VALUE_FRACTION_FIX = "件数应为整数，核对该数字"
VALUE_FRACTION_TEXT = "{cell}印作“{text}”，件数不是整数，不能确定是哪个数，未读取"

LABEL_WHAT = {"row": "行名称", "column": "栏目名称", "section": "部分标题",
              "caption": "表格小标题", "title": "报告标题"}
LABEL = "{what}与规范表述不一致：印作“{printed}”，规范表述为“{official}”"
LABEL_FIX = "改为“{official}”"

TEMPLATE_YEAR = "{year}年度的报告应使用{expected}年格式（{expected_name}），实际使用的是{actual}年格式"
TEMPLATE_YEAR_FIX = "按{expected_name}规定的格式填报表格"
TEMPLATE_MIXED = "表格混用了两种格式：以{majority}年格式为主，夹有{minority}年格式的内容：{signals}"
TEMPLATE_MIXED_FIX = "统一按{majority_name}规定的格式填报"
TEMPLATE_OTHER_SINGLE = "（六）其他处理印作一行（2019年格式），而表格其余部分是2021年格式"
TEMPLATE_OTHER_SINGLE_FIX = "按2021年格式将（六）其他处理分为三行填报"
TEMPLATE_OTHER_SPLIT = "（六）其他处理分为三行（2021年格式），而表格其余部分是2019年格式"
TEMPLATE_OTHER_SPLIT_FIX = "全表统一使用同一年的格式"
TEMPLATE_UNSURE = ("表二未能读出，表格格式只能看表三：（六）其他处理印作一行，是2019年格式的写法，"
                   "但2021年格式的报告也有这样印的；")
TEMPLATE_BY_YEAR = "按报告年度{year}年定为{decided}年格式（{name}）"
TEMPLATE_UNDECIDED = "报告年度也未能读出，表格格式未定"
TEMPLATE_UNSURE_FIX = "核对表二的栏目，确认报告所用的格式"

SECTION = {
    "missing": "缺少第{n}部分“{heading}”",
    "placeholder": "第{n}部分“{heading}”只有【待补充】的占位文字，等于缺少这一部分",
    "unfinished": "第{n}部分“{heading}”还有{count}处【待补充】的内容没有补写",
    "duplicate": "第{n}部分“{heading}”出现了不止一次",
    "order": "第{n}部分“{heading}”不在规定的位置",
}
SECTION_FIX = {
    "missing": "按规定格式补充这一部分",
    "placeholder": "补写这一部分，删去【待补充】的占位文字",
    "unfinished": "补写【待补充】处的内容，再删去占位文字",
    "duplicate": "合并重复的部分",
    "order": "按一至六的顺序排列六个部分",
}

META_DOUBLED = "机关名称中有重复的词：印作“{printed}”，按“{reduced}”处理"
META_DOUBLED_FIX = "改为“{reduced}”"
META_PERIOD = "统计期间不是{year}年1月1日至12月31日：印作“{printed}”"
META_PERIOD_FIX = "统计期间应为{year}年1月1日至12月31日"
META_TITLE_YEAR = "标题中的年度（{title_year}年）与统计年度（{year}年）不一致"
META_TITLE_YEAR_FIX = "核对标题中的年度"
META_NO_AGENCY = "未能确定发布报告的机关名称（标题、网站栏目、前言和落款中都没有可用的名称）"
META_NO_AGENCY_FIX = "标题应以机关全称开头，落款写明机关名称"
META_AGENCY_FILE = "机关名称取自文件名“{source}”：{agency}；报告正文没有写明"
META_FROM_PROPERTIES = "{what}取自 {file} 文件属性“{field}”：{value}；报告正文没有写明"
META_FROM_HEADER = "{what}取自页眉或页脚：{value}；报告正文没有写明"
META_PROPERTY_WHAT = {"agency": "机关名称", "year": "年度"}
META_YEAR_FROM_DATE = "报告没有写明年度，按网站发布日期{date}推定为{year}年度"
META_YEAR_FROM_TEXT = "报告没有写明年度（标题、统计期间和落款中都没有），按正文中最常提到的年份推定为{year}年度"
META_NO_YEAR = "未能确定报告的年度（标题、统计期间、落款和正文中都没有可用的年份）"
META_SIGNATURE_AGENCY = "标题中的机关名称“{agency}”与落款“{signature}”不一致，按标题处理"
META_SIGNATURE_AGENCY_FIX = "核对标题和落款中的机关名称"
META_AGENCY_OCR = "机关名称“{agency}”由文字识别读出，报告其他位置和文件名中没有同一名称印证{differs}，可能有识别错误"
META_AGENCY_OCR_FIX = "对照原件核对机关名称"
META_BANNER_AGENCY = "标题上方一行印有“{banner}”，落款或前言写明的机关是“{agency}”，按落款或前言处理"
META_YEAR_RANGE = "标题中的年度是一个区间（{printed}），统计期间也没有写明是其中哪一年，年度留空"
META_YEAR_RANGE_FIX = "标题应写明一个统计年度，并写明统计期间（某年1月1日至12月31日）"
META_FROM_ELSEWHERE_FIX = "标题应写明机关名称和年度"
META_NO_TITLE = "未找到报告标题"
META_NO_TITLE_FIX = "标题应写明机关名称、年度和“政府信息公开工作年度报告”"

TABLE_MISSING = "未找到表格“{table}”"
TABLE_MISSING_FIX = "按规定格式补充这张表格"
TABLE_SCANNED = "PDF 是扫描件，无文字层，无法读取表格“{table}”"
TABLE_SCANNED_FIX = "请提供可复制文字的 PDF（由 Word/WPS 直接导出），或先做文字识别（OCR）后再核查"
TABLE_GARBLED = "PDF 文字层无法识别（字体缺少编码映射），无法读取表格“{table}”"
TABLE_DIGIT_MAP = "PDF 文字层的数字与字形不符（字体编码映射有误），无法读取表格“{table}”"
TABLE_GARBLED_FIX = "不加 --no-ocr 重新核查（按文字识别读取），或由 Word/WPS 重新导出嵌入完整字体的 PDF"
TABLE_OUTLINES = "PDF 中的文字是矢量图形（轮廓），没有文字层，无法读取表格“{table}”"
TABLE_PICTURED = "未找到表格“{table}”；文件中有图片，表格可能是图片，已关闭文字识别（--no-ocr）"
TABLE_PICTURED_FIX = "不加 --no-ocr 重新核查（识别图片中的表格），或在报告中用文字表格代替图片"
TABLE_FRAMED = "未找到表格“{table}”；网页把内容放在内嵌框架（iframe 等）中，其中的文件未读取"
TABLE_FRAMED_FIX = "打开网页中内嵌框架的地址，下载其中的报告文件（PDF、Word 等）后核查该文件"
TABLE_CHUNK = ("未找到表格“{table}”；Word 文件的内容是导入的 RTF 文档（altChunk，Word 打开时才转换），"
               "本机无法转换（需要 LibreOffice：Debian 软件包 libreoffice-writer-nogui），其中的内容未读取")
TABLE_CHUNK_FIX = "在 Word/WPS 中打开后另存为 DOCX 或 PDF 再核查，或安装 LibreOffice 后重试"
TABLE_TRANSPOSED = "表格“{table}”行列互换印制（申请人类别为行、办理结果为列），未读取"
TABLE_TRANSPOSED_FIX = "按规定格式印制：办理结果为行，申请人类别为列"
TABLE_HEADER = "表格“{table}”表头的申请人类别未按规定顺序排列，且有类别重复或缺失，无法确定各列数字所属类别，未读取"
TABLE_MERGED = ("表格“{table}”把法人或其他组织的五类申请人合为一栏印制，商业企业、科研机构、社会公益组织、"
                "法律服务机构、其他各列没有数字，未读取")
TABLE_MERGED_FIX = "按规定格式分列填写商业企业、科研机构、社会公益组织、法律服务机构、其他五类申请人的数字"
TABLE_HEADER_FIX = "按规定格式印制表头：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计各列一次"
PAGE_GARBLED = "第{page}页文字层无法识别（字体缺少编码映射），该页未读取"
PAGE_DIGIT_MAP = "第{page}页文字层的数字与字形不符（字体编码映射有误），该页未读取"
ROW_MISSING = "表格“{table}”中缺少“{row}”一行"
ROW_MISSING_FIX = "补充这一行，没有发生的事项填0"
MISALIGNED = "“{row}”一行的数字无法与栏目对齐：{tokens}"
MISALIGNED_FIX = "核对这一行每一栏的数字，是否有缺漏、多余或粘连"
# a row's cell merged with the row above's, or with its neighbour (a web or Word table)
MERGED_CELL = {
    "above": "{cell}与上一行同一栏合并为一格，格中只印了上一行的数字，本行的数字原文没有印出，已留空",
    "across": "{cell}与同一行相邻的一栏合并为一格，格中只印了一个数字，无法确定是哪一栏的数、两栏相同还是两栏之和，已留空",
    "label": "{cell}与本行的行名称合并为一格，没有印出数字，已留空",
    "absent": "{cell}没有单元格（这一行比其他行少一格），原文没有印出数字，已留空",
    "column": "{cell}所在的一栏表头和各行都没有印出（整栏缺失），按勾稽关系也无法确定，已留空",
}
MERGED_CANDIDATES = "（按表格的勾稽关系可能是{values}）"
MERGED_CELL_FIX = "取消合并的单元格，分别填写每一行、每一栏的数字"
TABLE_TWICE = "表格“{table}”印了两次，{count}处数字不同（{diffs}），读取的是前一份"
TABLE_TWICE_UNREAD = ("表格“{table}”在同一部分印了两份，{count}处数字不同（{diffs}），"
                      "无法确定哪一份正确，这些格未读取")
BLANK_WORD = "空白"
TABLE_TWICE_CHOSEN = ("表格“{table}”在同一部分印了两份，{count}处数字不同（{diffs}），{other}一份不符合"
                      "勾稽关系（{broken}），读取的是符合勾稽关系的{chosen}一份")
TABLE_TWICE_ONE = "{cell}前为{first}、后为{second}"
TABLE_TWICE_FIX = "核对两份表格，更正或删去有误的一份"

INFERRED = "原文缺少{cell}的数字，按“{identity}”推定为{value}"
INFERRED_FIX = "核对原文，补上该数字"
# a table 二 row's last figure printed alone on the line below (parse/wrapped_cells.py)
INFERRED_WRAPPED = "{cell}的数字单独印在该行的下一行（表格换行所致），与正文所述的数字相符，读作{value}"
INFERRED_WRAPPED_FIX = "核对原文，把该数字放回所在的行"
# why the source lacks the number (a cell merged in a web or Word table)
INFERRED_MERGED = {
    "above": "（该格与上一行同一栏合并为一格，只印了上一行的数字）",
    "across": "（该格与同一行相邻的一栏合并为一格，只印了一个数字，未采用）",
    "label": "（该格与本行的行名称合并为一格，没有印出数字）",
    "absent": "（这一行比其他行少一格，原文没有这一格）",
    "column": "（表格整栏缺失，表头和各行都没有印出这一栏）",
}
INFERRED_OCR = "{cell}文字识别不确定（识别为“{text}”，置信度{confidence}），按“{identity}”定为{value}"
INFERRED_OCR_FIX = "对照原件核对该数字"
OCR_UNSURE = "{where} {row} {column}：识别为“{text}”，置信度{confidence}{others}，无法确认，已留空；请核对原件"
OCR_OTHERS = "；重读为{values}"
OCR_UNSURE_FIX = "对照原件查明该数字，在报告中填写后重新核查"
OCR_LAYER = "第{page}页是扫描件，文字取自文件自带的文字识别层（扫描时生成，没有置信度），数字可能有误"
OCR_LAYER_FIX = "对照原件核对该页的数字，或不加 --no-ocr 重新读取，由本工具识别该页并按勾稽关系核对"
AMBIGUOUS = "无法确定{cells}的数字，已留空：{candidates}"
AMBIGUOUS_ONE = "{cell}可能是{values}"
AMBIGUOUS_SPLITS = "（“{printed}”可拆为 {readings}）"
AMBIGUOUS_FIX = "核对原文，补上准确的数字"
# why a row of single-spaced numbers was not read as printed (a stray space and a lost blank)
AMBIGUOUS_DOUBT = {
    "spacing": "；该行数字只以单个空格分隔，而表中其他行各格另有分隔，可能是数字中多了空格、空白单元格丢失",
}

# --- the plain-text review ----------------------------------------------------------------
REVIEW_TITLE = "{agency}{year}政府信息公开工作年度报告"
REVIEW_UNKNOWN_AGENCY = "（未识别机关名称）"
REVIEW_YEAR = "{year}年"
REVIEW_TEMPLATE = "表格格式：{template}年格式"
REVIEW_SOURCE = "来源：{source}"
REVIEW_COUNTS = "核查结果：错误{error}项，警告{warning}项，提示{info}项"
REVIEW_CLEAN = "未发现问题。"
REVIEW_GROUP = "{name}（{count}）"
REVIEW_CELLS = "单元格："
REVIEW_WHERE = "位置："
REVIEW_FIX = "建议："
REVIEW_LINE = "第{line}行"
REVIEW_PAGE = "第{page}页"
REVIEW_TABLE = "第{table}张表第{row}行"
LIST_SEP = "、"
CLAUSE_SEP = "；"
OR = "或"

# --- narrative against tables (N-) -------------------------------------------------------
TOPIC_NAMES = {
    "received": "本年新收政府信息公开申请",
    "carried_in": "上年结转的申请",
    "total": "本年办理（答复）的申请",
    "carried_forward": "结转下年度继续办理的申请",
    **OUTCOME_NAMES,
    **{f"{g}.total": "政府信息公开" + name for g, name in CASE_GROUP_NAMES.items()},
    **{f"{g}.{r}": name + result for g, name in CASE_GROUP_NAMES.items()
       for r, result in CASE_RESULT_NAMES.items() if r != "total"},
    **{f"{d}.{k}": words + name for d, name in DOCUMENT_NAMES.items()
       for k, words in (("issued", "本年制发"), ("repealed", "本年废止"), ("in_force", "现行有效"))},
}
NARRATIVE = "正文说{topic}{said}{unit}（{prose_place}），{table}{cells}为{value}（{table_place}）"
NARRATIVE_NONE = "正文说{words}（{prose_place}），{table}{cells}为{value}（{table_place}）"
NARRATIVE_OFFICE = "；该句说的是“{words}”，是机关内一个部门的数字，不是表格统计的全部申请"
NARRATIVE_REGION = "；该句说的是“{words}”的数字"
NARRATIVE_FIX = "核对正文与表格，使两处数字一致"
NARRATIVE_OFFICE_FIX = "正文应写明表格所统计范围的全部申请数量；如只写某一部门的数字，应说明表格数字的统计范围"
NARRATIVE_APPROX = "余"
PLACE_LINE = "第{line}行"
PLACE_UNKNOWN = "位置不明"
SUM_OF = "各行之和"

N_4 = "{year}年度报告的“六、其他需要报告的事项”没有说明信息处理费的收取情况{extra}"
N_4_A22 = "，而表三有{count}件申请因逾期未按收费通知缴费而不再处理"
N_4_FIX = "按国办函〔2020〕109号写明本年度是否收取信息处理费、发出收费通知的件数和金额；未收取的写明“未收取”"

# --- year against year (X-, T2-1, T2-3) ---------------------------------------------------
X_1 = "本年上年结转（{this}）不等于{prev_year}年度报告的结转下年度继续办理（{prev}）：{column}列（本报告第{line}行，上年报告第{prev_line}行）"
X_4 = "“{heading}”与{prev_year}年度报告的同一部分几乎相同（文字重合度{percent}%），可能照搬了上年内容"
X_4_FIX = "按本年度的实际情况重新撰写这一部分；第五部分应写明上年所列问题的整改结果和本年度新的问题、措施"
X_1_FIX = "上年结转应等于上一年度报告的结转下年度继续办理；机构调整等原因造成差异的，应在报告中说明"
T2_1 = "{row}现行有效件数（{this}）不等于上年现行有效（{prev}）加本年制发（{issued}）减本年废止（{repealed}）之和（{expected}）（本报告第{line}行，{prev_year}年度报告第{prev_line}行）"
T2_1_FIX = "核对现行有效件数；因有效期届满、修订等原因变化的，可在正文说明"
T2_3 = "{row}的上一年项目数量（{this}）不等于{prev_year}年度报告的上一年项目数量（{prev}）加本年增/减（{change}）之和（{expected}）（本报告第{line}行，上年报告第{prev_line}行）"
T2_3_FIX = "核对上一年项目数量，应与上年报告的项目数量衔接"

# --- table 二 heuristics (T2-2, T2-4) ------------------------------------------------------
T2_2 = "{row}的对外公开总数量（{total}）小于本年新公开数量（{published}）"
T2_2_FIX = "对外公开总数量包括本年新公开的文件，核对这两个数字"
T2_4_LEVEL = "行政事业性收费金额{amount}万元对{level}而言过大（超过{ceiling}万元），可能是以元而非万元填写"
T2_4_JUMP = "行政事业性收费金额{amount}万元是{prev_year}年度（{prev}万元）的{ratio}倍，可能是以元而非万元填写"
T2_4_FIX = "本栏以万元为单位；如按元填写，应换算为万元（除以10000）"
LEVEL_NAMES = {"township": "乡镇、街道", "department": "政府部门", "county": "县级人民政府",
               "city": "设区的市人民政府", "province": "省级人民政府"}

# --- publication (P-1, P-2) ----------------------------------------------------------------
DATE_SOURCES = {"published_on": "落款日期", "portal_date": "网站发布日期"}
P_LATE = "报告{source}为{date}，晚于{deadline}（{who}应在每年{rule_date}前公布上一年度报告）"
P_WHO = {"P-1": "政府部门和乡镇、街道", "P-2": "县级以上人民政府"}
P_FIX = "按《条例》第四十九条的期限公布年度报告"
P_EARLY = "报告{source}为{date}，早于统计年度结束（{year}年12月31日）"
P_EARLY_FIX = "核对落款日期或发布日期"

# --- the HTML review page -----------------------------------------------------------------
REVIEW_INDEX_TITLE = "年度报告核查结果"
REVIEW_INDEX_REPORT = "报告"
REVIEW_INDEX_SOURCE = "来源"
REVIEW_INDEX_RESULT = "结论"
REVIEW_INDEX_PASS = "通过"
REVIEW_INDEX_FAIL = "未通过"
REVIEW_INDEX_REPORTS = "报告"
REVIEW_INDEX_WITH_ERRORS = "有错误"
REVIEW_INDEX_WITH_WARNINGS = "有警告"
REVIEW_INDEX_UNREADABLE = "无法读取的文件"
REVIEW_INDEX_REASON = "原因"
