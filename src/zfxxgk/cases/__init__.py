"""依申请公开 case work: the working-day calendar, statutory deadlines, 109号 fees,
the case state machine, work lists, personal data, and the compiler that turns a
year of cases into table 三 of the annual report. Pure Python, no web framework:
the web application maps these dataclasses to its database later."""
