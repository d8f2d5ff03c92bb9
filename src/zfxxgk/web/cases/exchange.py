"""Case and register JSON files (`zfxxgk cases import-json`) into the store, all or
nothing. JSON is an exchange format; the database is the store.

Without `replace` a number already stored is refused; one stored after the check (a
clerk registering the same number meanwhile) is refused under the store's lock
(409, 412), not overwritten. With `replace` the file wins, but the stored cases are
locked before anything is read, so that an event recorded or a retention run
meanwhile waits and then acts on the case replaced, rather than being lost or
undoing the replacement."""

from __future__ import annotations

from django.db import transaction

from ...cases.model import Case
from ...cases.registers import Registers
from . import store
from .models import ActiveFiguresRecord, CaseRecord, LitigationRecord
from .store import StoreError


def import_exchange(cases: list[Case], regs: Registers, replace: bool = False) -> None:
    new = None if replace else store.NEW
    with transaction.atomic():
        agencies = [store.agency_for(case.agency, create=True) for case in cases]
        list(store.locked(CaseRecord.objects.filter(agency__in=agencies, number__in=[c.id for c in cases])))
        for case, agency in zip(cases, agencies):
            if not replace and CaseRecord.objects.filter(agency=agency, number=case.id).exists():
                raise StoreError(f"{agency.name}已有编号为{case.id}的案件（覆盖请加 --replace）")
            store.save_case(case, None, f"{case.id}：由 JSON 导入", agency=agency, new=not replace)
        for lit in regs.litigation:
            agency = store.agency_for(lit.agency, create=True)
            if not replace and LitigationRecord.objects.filter(agency=agency, number=lit.id).exists():
                raise StoreError(f"{agency.name}已有编号为{lit.id}的复议诉讼登记（覆盖请加 --replace）")
            store.save_litigation(lit, None, agency=agency, version=new)
        for act in regs.active:
            agency = store.agency_for(act.agency, create=True)
            if not replace and ActiveFiguresRecord.objects.filter(agency=agency, year=act.year).exists():
                raise StoreError(f"{agency.name}{act.year}年已有表二登记（覆盖请加 --replace）")
            store.save_active(act, None, agency=agency, version=new)
