"""Cases and their events as plain dataclasses with JSON (de)serialisation.

Status, channel, applicant type, events and outcomes are enums, never bare strings.
`Outcome` values are the result-row codes of table 三 (2021 format, report-json.md),
so a case's outcome is literally the row it is counted in; a test keeps the enum and
`zfxxgk.standard` in step. The Django app will map these classes to models later.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..standard.common import APPLICANT_COLUMNS
from .counting import Deadline, Pause
from .law import DeadlineKind
from .personal import SealedApplicant
from .records import Labelled, Record


class ApplicantType(enum.StrEnum):
    """The six applicant columns of table 三 (codes from zfxxgk.standard)."""

    NATURAL_PERSON = "natural_person"
    COMMERCIAL = "commercial"
    RESEARCH = "research"
    NONPROFIT = "nonprofit"
    LEGAL_SERVICE = "legal_service"
    OTHER_ORG = "other_org"

    @property
    def label(self) -> str:
        return next(c.label for c in APPLICANT_COLUMNS if c.code == self.value)


class Channel(Labelled):
    """How the application came in; decides the receipt date (第三十一条)."""

    IN_PERSON = "in_person", "当面提交"  # the day it is handed in
    SIGNED_POST = "signed_post", "邮寄（需签收）"  # the day the office signs for it
    ORDINARY_POST = "ordinary_post", "平常信函"  # the day the office confirms with the applicant
    ONLINE = "online", "互联网渠道"  # the day both sides confirm
    FAX = "fax", "传真"  # the day both sides confirm

    @property
    def needs_confirmation(self) -> bool:
        return self in (Channel.ORDINARY_POST, Channel.ONLINE, Channel.FAX)


class CaseStatus(Labelled):
    NEW = "new", "待登记"
    AWAITING_CONFIRMATION = "awaiting_confirmation", "待确认收到"  # 平信、网络、传真
    IN_PROGRESS = "in_progress", "办理中"
    AWAITING_CORRECTION = "awaiting_correction", "待补正"  # 待申请人补正
    CONSULTING = "consulting", "征求意见中"  # 不计入答复期限
    AWAITING_FEE = "awaiting_fee", "待缴费"  # 待申请人缴费
    CLOSED = "closed", "已办结"
    WITHDRAWN = "withdrawn", "已撤回"  # 申请人撤回

    @property
    def is_open(self) -> bool:
        return self not in END_STATUS


END_STATUS = frozenset({CaseStatus.CLOSED, CaseStatus.WITHDRAWN})
APPLICANT_WAITING = frozenset({CaseStatus.AWAITING_CORRECTION, CaseStatus.AWAITING_FEE})


class EventKind(Labelled):
    RECEIVED = "received", "收到申请"
    RECEIPT_CONFIRMED = "receipt_confirmed", "确认收到申请"
    CORRECTION_REQUESTED = "correction_requested", "发出补正告知"
    CORRECTION_RECEIVED = "correction_received", "收到补正后的申请"
    CORRECTION_EXPIRED = "correction_expired", "逾期未补正"
    CONSULTATION_SENT = "consultation_sent", "发出征求意见函"
    CONSULTATION_CLOSED = "consultation_closed", "征求意见结束"
    EXTENDED = "extended", "延期答复"
    FEE_NOTICE = "fee_notice", "发出收费通知"
    FEE_PAID = "fee_paid", "申请人缴费"
    FEE_EXPIRED = "fee_expired", "逾期未缴费"
    ANSWERED = "answered", "作出答复"
    WITHDRAWN = "withdrawn", "申请人撤回申请"


class Outcome(enum.StrEnum):
    """Result rows of table 三 (2021). The 2019 format folds OTHER_* into `other`."""

    GRANTED = "granted"
    PARTLY_GRANTED = "partly_granted"
    STATE_SECRET = "withheld.state_secret"
    PROHIBITED_BY_LAW = "withheld.prohibited_by_law"
    SECURITY_STABILITY = "withheld.security_stability"
    THIRD_PARTY_RIGHTS = "withheld.third_party_rights"
    INTERNAL_AFFAIRS = "withheld.internal_affairs"
    PROCESS_INFO = "withheld.process_info"
    ENFORCEMENT_FILE = "withheld.enforcement_file"
    QUERY_MATTER = "withheld.query_matter"
    NOT_HELD = "unavailable.not_held"
    NEEDS_CREATION = "unavailable.needs_creation"
    STILL_UNCLEAR = "unavailable.still_unclear"
    COMPLAINT = "not_processed.complaint"
    DUPLICATE = "not_processed.duplicate"
    PUBLICATION = "not_processed.publication"
    EXCESSIVE = "not_processed.excessive"
    RECONFIRM = "not_processed.reconfirm"
    NO_CORRECTION = "other.no_correction"
    NO_FEE = "other.no_fee"
    OTHER = "other.misc"

    def row(self, template: str) -> str:
        """The row code in the given template ("2019" has one （六） row)."""
        if template == "2019" and self.value.startswith("other."):
            return "other"
        return self.value


class ConsultParty(Labelled):
    THIRD_PARTY = "third_party", "征求第三方意见"  # 第三十二条
    AGENCY = "agency", "征求其他机关意见"  # 第三十四条


@dataclass
class Event(Record):
    """Something that happened to a case on a day. Only the fields its kind uses
    are set (and stored); `workflow` validates them."""

    STRICT = True

    kind: EventKind
    on: date
    by: str = ""  # the officer who recorded it
    channel: Channel | None = None  # RECEIVED
    confirmed_on: date | None = None  # RECEIVED (signed / confirmed day)
    reply_by: date | None = None  # CORRECTION_REQUESTED: the applicant's deadline
    days: int | None = None  # CORRECTION_REQUESTED (working days) / EXTENDED
    approver: str = ""  # EXTENDED
    notice_on: date | None = None  # EXTENDED: notice sent to the applicant; FEE_NOTICE received
    party: ConsultParty | None = None  # CONSULTATION_SENT
    fee_method: str | None = None  # FEE_NOTICE: pieces | pages
    quantity: int | None = None  # FEE_NOTICE
    already: int = 0  # FEE_NOTICE: 件 of this applicant earlier in the month
    outcome: Outcome | None = None  # ANSWERED
    item_outcomes: tuple[Outcome, ...] = ()  # ANSWERED, multi-item applications
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in super().to_dict().items()
                if k in ("kind", "on") or v not in (None, "", 0, [])}


@dataclass
class Case(Record):
    """One 政府信息公开申请. `events` is the history; everything else is derived from
    it by `workflow.replay` and stored too, so a list view needs no calendar."""

    id: str
    agency: str
    applicant_type: ApplicantType
    applicant: SealedApplicant | None = None
    subject: str = ""
    items: tuple[str, ...] = ()  # the requested items, when the application has several
    events: list[Event] = field(default_factory=list)
    # derived state
    status: CaseStatus = CaseStatus.NEW
    channel: Channel | None = None
    received_on: date | None = None  # 收到申请之日 (第三十一条)
    clock_start: date | None = None  # receipt, or the corrected application's arrival
    deadlines: dict[DeadlineKind, Deadline] = field(default_factory=dict)
    pauses: list[Pause] = field(default_factory=list)
    paused_since: date | None = None  # first day of an open pause
    pause_reason: str = ""
    correction_requested: bool = False
    correction_received: bool = False
    extension_days: int = 0
    fee_amount: int | None = None
    fee_explanation: str = ""
    outcome: Outcome | None = None
    item_outcomes: tuple[Outcome, ...] = ()
    closed_on: date | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.status.is_open
