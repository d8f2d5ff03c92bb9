"""The audit log as data, for its page and its API twin."""

from .. import clock
from .describe import action_label, object_label, sentences
from .models import AuditEntry


def audit_log(limit: int = 300, object_type: str | None = None, object_id: str | None = None,
              user=None):
    """The latest entries; with `user`, only those about objects in the user's scope."""
    qs = AuditEntry.objects.select_related("user")
    if user is not None:
        qs = within_scope(user, qs)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=str(object_id))
    return {"entries": [{"id": e.pk, "at": clock.iso(e.at), "at_text": clock.text(e.at),
                         "user": e.user.get_username() if e.user else None,
                         "action": e.action, "object_type": e.object_type, "object_id": e.object_id,
                         "summary": e.summary, "before": e.before, "after": e.after,
                         "changes": sentences(e.before, e.after),
                         "action_label": action_label(e.action), "object_label": object_label(e.object_type)}
                        for e in qs[:limit]]}


def within_scope(user, qs):
    """The entries a scoped user may read: about reports, batches, cases,
    registers, approvals and agencies of the user's agencies, the working-day calendar
    (everyone's), and the user's own acts. Another agency's 审核员 read every
    entry, its before and after: file names, case subjects, figures."""
    from django.db.models import CharField, Q
    from django.db.models.functions import Cast

    from ..accounts import scope
    from ..cases.models import (ActiveFiguresRecord, ApprovalRequest, CaseRecord, LetterSettingsRecord,
                                LitigationRecord)
    from ..reports.models import Agency, Batch, Report

    ids = scope.agency_ids(user)
    if ids is None:
        return qs

    def of(model, within: Q) -> Q:
        pks = model.objects.filter(within).annotate(pk_text=Cast("pk", CharField())).values("pk_text")
        return Q(object_type=model.__name__.lower(), object_id__in=pks)

    mine = Q(agency_id__in=ids)
    return qs.filter(Q(user=user) | Q(object_type="calendaryear")
                     | of(Report, mine | Q(agency=None, created_by=user))
                     | of(CaseRecord, mine) | of(LitigationRecord, mine) | of(ActiveFiguresRecord, mine)
                     | of(LetterSettingsRecord, mine)
                     | of(ApprovalRequest, Q(case__agency_id__in=ids)) | of(Agency, Q(pk__in=ids))
                     | of(Batch, Q(created_by=user) | Q(created_by__membership__agency_id__in=ids)))
