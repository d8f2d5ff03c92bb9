"""依申请公开 case work: the working-day calendar, statutory deadlines, 109号 fees,
the case state machine, work lists, personal data, and the compiler that turns a
year of cases into table 三 of the annual report. Pure Python, no web framework:
the web application maps these dataclasses to its database later.

Modules, each one noun: `calendar` (year files -> working days), `counting`
(N-th working day with a Chinese explanation), `deadlines` (the answer deadline from
a few dates), `law` (periods and articles as data), `fees`, `model` (enums, `Case`,
`Event`), `records` (their JSON form), `workflow` (the state machine), `worklists`, `personal`, `retention`,
`policy` (counting multi-item applications), `compile`, `recompute`, `letters`
(DOCX letters from a case), `registers` (tables 二 and 四), `ledger` (a 台账 in
Excel read into cases, row by row).
"""
