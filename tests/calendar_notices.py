"""A test's holiday notice made whole: the calendar entry refuses a year that leaves out
a day the law gives off (`cases.calendar.missing_statutory_days`), so a notice written
for one test's festivals gets the law's other festivals appended, each as its law days."""

from __future__ import annotations


def complete(text: str) -> str:
    """`text` (a year file, TOML) with a [[festival]] for each law day it lacks."""
    from zfxxgk.cases.calendar import missing_statutory_days, parse_year

    by_name: dict[str, list] = {}
    for name, day in missing_statutory_days(parse_year(text.encode("utf-8"))):
        by_name.setdefault(name, []).append(day)
    blocks = [f'\n[[festival]]\nname = "{name}"\nfrom = {min(days)}\nto = {max(days)}\nworkdays = []\n'
              for name, days in by_name.items()]
    return text + "".join(blocks)
