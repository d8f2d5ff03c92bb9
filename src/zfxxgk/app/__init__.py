"""The application layer: what the command line, `zfxxgk batch` and the web app
all do, defined once and outside Django.

A face (cli.py, commands/, web/) only handles its arguments or requests and
presents the results; reading inputs (`read_inputs`), checking many reports with
one pairing policy for the cross-year rules (`check_many`) and computing statistics
happen here (files are written atomically by `zfxxgk.files`).
It sits above the engine packages (ingest … corpus, cases) and below the faces.
"""

from __future__ import annotations

from .checking import check_many, previous_reports
from .inputs import Input, read_inputs, settle_with_previous

__all__ = ["Input", "check_many", "previous_reports", "read_inputs", "settle_with_previous"]
