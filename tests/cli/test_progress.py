"""The batch progress bar shows how many reports a second (the README promises it):
a user watching 10 000 files tells a slow run from a stuck one."""
import re
import time

from zfxxgk.commands import progress_bar


def _shown(bar, task) -> str:
    return " ".join(str(c.render(bar.tasks[task])) for c in bar.columns if hasattr(c, "render"))


def test_batch_bar_shows_reports_per_second_in_chinese() -> None:
    bar = progress_bar(True, rate="份")
    task = bar.add_task("处理报告", total=4)
    assert "每秒" not in _shown(bar, task)  # nothing done yet: no rate to show
    bar.update(task, completed=2)
    time.sleep(0.05)
    bar.update(task, completed=4)
    shown = _shown(bar, task)
    assert re.search(r"每秒 \d+\.\d 份", shown), shown
    assert "/s" not in shown and "it" not in shown.split()


def test_other_bars_keep_their_columns() -> None:
    bar = progress_bar(True)
    task = bar.add_task("下载", total=2)
    bar.update(task, completed=2)
    assert "每秒" not in _shown(bar, task)
    assert progress_bar(False) is None
