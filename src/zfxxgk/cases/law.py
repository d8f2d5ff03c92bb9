"""The statutory periods of 依申请公开 as data (standard.md §4), with their articles.

The workflow reads every duration from here, so an explanation can cite the article
and a changed rule is a changed line. Items marked [U] in the spec are settings in
`WorkflowRules`, not facts hidden in code.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class DeadlineKind(enum.StrEnum):
    CORRECTION_NOTICE = "correction_notice"  # the office must send 补正告知 by then
    CORRECTION_REPLY = "correction_reply"  # the applicant must correct by then
    CONSULTATION = "consultation"  # the consulted party must reply by then
    ANSWER = "answer"  # the office must answer by then
    FEE_PAYMENT = "fee_payment"  # the applicant must pay by then

    @property
    def label(self) -> str:
        return PERIODS[self].label

    @property
    def whose(self) -> str:
        """Who has to act: agency | applicant | party."""
        return PERIODS[self].whose


@dataclass(frozen=True)
class Period:
    days: int | None  # working days; None: set case by case (补正期限)
    article: str
    label: str
    whose: str


PERIODS: dict[DeadlineKind, Period] = {
    DeadlineKind.CORRECTION_NOTICE: Period(7, "《条例》第三十条", "补正告知期限", "agency"),
    DeadlineKind.CORRECTION_REPLY: Period(None, "《条例》第三十条", "申请人补正期限", "applicant"),
    DeadlineKind.CONSULTATION: Period(15, "《条例》第三十二条、第三十四条", "征求意见答复期限", "party"),
    DeadlineKind.ANSWER: Period(20, "《条例》第三十三条第二款", "答复期限", "agency"),
    DeadlineKind.FEE_PAYMENT: Period(20, "国办函〔2020〕109号", "缴费期限", "applicant"),
}

MAX_EXTENSION_DAYS = 20  # 《条例》第三十三条第二款


@dataclass(frozen=True)
class WorkflowRules:
    """Readings the spec leaves open ([U]), as explicit settings.

    `fee_pauses_answer_clock`: whether the days from the fee notice to payment are
    left out of the answer period (standard.md §4.7 marks the rule [U]; provincial
    rules say so, and without it an office could not wait for payment at all)."""

    fee_pauses_answer_clock: bool = True

    def __post_init__(self) -> None:
        if not isinstance(self.fee_pauses_answer_clock, bool):
            raise ValueError("fee_pauses_answer_clock: 须为 true 或 false")
