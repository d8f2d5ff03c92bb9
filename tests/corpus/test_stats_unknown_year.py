"""A report whose year could not be read (the blank form, a title without a year)
had a row with an empty 年度 in `stats`: it read as the row above continuing."""

from zfxxgk.corpus import stats


def test_a_report_without_a_year_is_said_to_have_none():
    data = {"templates": [{"year": 2024, "key": "2021", "label": "2021年格式", "value": 3},
                          {"year": None, "key": "2021", "label": "2021年格式", "value": 1}]}
    rows = stats.format_text(data).splitlines()
    assert rows[-1].split() == ["（未识别）", "2021年格式", "1"]
    assert stats.format_csv(data).splitlines()[-1] == "templates,,,2021,2021年格式,1,,"  # machines: empty
