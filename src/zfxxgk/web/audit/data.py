"""The audit log as data, for its page and its API twin."""

from .. import clock
from .describe import action_label, object_label, sentences
from .models import AuditEntry


def audit_log(limit: int = 300, object_type: str | None = None, object_id: str | None = None):
    qs = AuditEntry.objects.select_related("user")
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
