"""Agencies whose 机关标识 is not their name's key, brought back to it.

Before the admin site stopped asking for the key, an administrator could type one
(``donghu`` for 青禾市云岭区东湖街道办事处). Reports key on the name's key
(`agency_key`), so the office's first upload made a second agency of the same name:
its clerks, cases and registers stayed with the typed one, its reports with the
other, and the clerk's uploads were refused. Here such an agency takes its name's
key, or, when an agency already holds that key, is merged into it: everything that
points at it moves, and it is deleted. A merge that would put two cases (or two
registers) of one number or year in one agency is refused, with the numbers, for
an administrator to settle by hand; nothing is renumbered behind anyone's back.

`plans()` is the preview (what would move where, what stops it); `carry_out()`
does it in one transaction, each change in 操作记录.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from ...parse.agency import agency_key
from .. import audit
from .models import Agency, Report
from .placing import makes_cycle, placement_state


@dataclass
class Plan:
    """What happens to the agencies whose name has the key `key`."""

    key: str
    name: str
    into: Agency | None            # the agency holding `key` already; None: none does
    strays: list[Agency]           # the agencies with another key, to rekey or merge
    moves: dict[str, int] = field(default_factory=dict)  # 报告 -> 3, …
    clashes: list[str] = field(default_factory=list)

    @property
    def blocked(self) -> bool:
        return bool(self.clashes)

    def describe(self) -> str:
        """One Chinese sentence for the preview and the command line."""
        typed = "、".join(f"“{a.key}”" for a in self.strays)
        moved = "，".join(f"{what}{n}" for what, n in self.moves.items() if n) or "没有数据"
        if self.into is None and len(self.strays) == 1:
            head = f"{self.name}：机关标识{typed}改为“{self.key}”（与报告一致）"
        else:
            head = f"{self.name}：机关标识为{typed}的机关并入机关标识“{self.key}”的机关（移入{moved}）"
        if self.clashes:
            return head + "；不能合并：" + "；".join(self.clashes)
        return head


def _related(agency: Agency) -> dict[str, object]:
    """Everything that points at an agency, by the Chinese name the preview uses."""
    from ..accounts.models import Membership
    from ..cases.models import ActiveFiguresRecord, CaseRecord, LetterSettingsRecord, LitigationRecord

    return {"报告": agency.reports.all(), "用户": Membership.objects.filter(agency=agency),
            "文书设置": LetterSettingsRecord.objects.filter(agency=agency),
            "依申请公开案件": CaseRecord.objects.filter(agency=agency),
            "复议诉讼登记": LitigationRecord.objects.filter(agency=agency),
            "主动公开数据登记": ActiveFiguresRecord.objects.filter(agency=agency),
            "下级机关": agency.children.all()}


def _clashes(into: Agency, strays: list[Agency]) -> list[str]:
    """Case and register numbers, 表二 years and letter settings that two of the agencies both hold."""
    from ..cases.models import ActiveFiguresRecord, CaseRecord, LetterSettingsRecord, LitigationRecord

    ids = [into.pk, *(a.pk for a in strays)]
    found = []
    for model, column, what in ((CaseRecord, "number", "案件编号"), (LitigationRecord, "number", "复议诉讼登记编号"),
                                (ActiveFiguresRecord, "year", "表二登记年度")):
        seen: dict[object, set[int]] = {}
        for agency_id, value in model.objects.filter(agency_id__in=ids).values_list("agency_id", column):
            seen.setdefault(value, set()).add(agency_id)
        twice = sorted(str(v) for v, holders in seen.items() if len(holders) > 1)
        if twice:
            found.append(f"两个机关都有{what}{'、'.join(twice[:5])}{'等' if len(twice) > 5 else ''}")
    if LetterSettingsRecord.objects.filter(agency_id__in=ids).count() > 1:
        found.append("两个机关都有文书设置")
    return found


def plans() -> list[Plan]:
    """The preview: one plan per name key that some agency does not carry as its key."""
    by_key: dict[str, list[Agency]] = {}
    for agency in Agency.objects.order_by("pk"):
        key = agency_key(agency.name)
        if key and key != agency.key:
            by_key.setdefault(key, []).append(agency)
    out = []
    for key, strays in by_key.items():
        into = Agency.objects.filter(key=key).first()
        plan = Plan(key, strays[0].name, into, strays)
        if into is not None or len(strays) > 1:
            for agency in strays if into is not None else strays[1:]:
                for what, rows in _related(agency).items():
                    plan.moves[what] = plan.moves.get(what, 0) + rows.count()
            plan.clashes = _clashes(into or strays[0], strays if into is not None else strays[1:])
        out.append(plan)
    return out


def _locked_plans() -> list[Plan]:
    """`plans()` read with its agencies locked (as `set_placement` and an upload's
    placement take them): the merge used the agencies as read before, so a hand
    placement saved meanwhile was dropped, and a row pointing at an agency could be
    stored after its rows moved and before it was deleted. Locked, such a change
    waits and is applied to what the merge left (or refused: the agency is gone)."""
    held: set[int] = set()
    while True:
        found = plans()
        wanted = {a.pk for p in found for a in (p.into, *p.strays) if a is not None}
        if wanted <= held:  # read after every lock: what the merge uses is current
            return found
        held |= set(Agency.objects.select_for_update().filter(pk__in=wanted - held)
                    .order_by("pk").values_list("pk", flat=True))


@transaction.atomic
def carry_out(user=None) -> tuple[list[Plan], list[Plan]]:
    """Rekey or merge every agency the preview lists; returns (done, refused)."""
    done, refused = [], []
    for plan in _locked_plans():
        (refused if plan.blocked else done).append(plan)
        if plan.blocked:
            continue
        into = plan.into
        rest = plan.strays
        if into is None:
            into, rest = plan.strays[0], plan.strays[1:]
            before = {"key": into.key}
            into.key = plan.key
            into.save(update_fields=["key"])
            audit.record(user, "更正机关标识", into, f"{into.name}：{before['key']} → {plan.key}",
                         before=before, after={"key": plan.key})
        for stray in rest:
            _merge(stray, into, user)
    return done, refused


def _merge(stray: Agency, into: Agency, user) -> None:
    """Move what points at `stray` to `into`, keep the administrator's placement and
    region where `into` has none (or `stray`'s was set by hand), delete `stray`."""
    from .verdicts import recount

    before = placement_state(into)
    reports = list(stray.reports.values_list("pk", flat=True))
    counts = {}
    for what, rows in _related(stray).items():
        counts[what] = rows.update(**({"parent": into} if what == "下级机关" else {"agency": into}))
    recount(Report.objects.filter(pk__in=reports))  # their verdicts are now those kept under `into`
    Agency.objects.filter(pk=into.pk, parent=into).update(parent=None)
    into.refresh_from_db()
    parent = stray.parent if stray.parent_id != into.pk else None
    if (stray.placed_by_hand or not into.level) and stray.level:
        into.level = stray.level
    if (stray.placed_by_hand or into.parent_id is None) and parent is not None and not makes_cycle(into, parent):
        into.parent = parent
    into.placed_by_hand = into.placed_by_hand or stray.placed_by_hand
    into.region = into.region or stray.region
    into.save(update_fields=["level", "parent", "placed_by_hand", "region"])
    moved = "，".join(f"{what}{n}" for what, n in counts.items() if n) or "没有数据"
    audit.record(user, "合并机关", into, f"机关标识“{stray.key}”的{stray.name}并入本机关：{moved}",
                 before={"merged_key": stray.key, "merged_id": stray.pk, **before},
                 after={**counts, **placement_state(into)})
    stray.delete()
