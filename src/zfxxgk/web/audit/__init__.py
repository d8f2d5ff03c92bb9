"""Who changed what, when (models.AuditEntry); `record` writes one entry."""


def actor(user):
    """The signed-in user to store as who did it; None for the system (command line,
    batch worker) or an anonymous request."""
    return user if getattr(user, "is_authenticated", False) else None


def record(user, action: str, obj, summary: str = "", before=None, after=None):
    """Log one change to `obj`. Call it inside the transaction that makes the change."""
    from .models import AuditEntry

    return AuditEntry.objects.create(
        user=actor(user),
        action=action, object_type=obj.__class__.__name__.lower(),
        object_id=str(getattr(obj, "pk", "") or ""), summary=summary[:300],
        before=before, after=after)
