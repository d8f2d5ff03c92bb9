"""Who changed what, when (models.AuditEntry); `record` writes one entry."""


def actor(user):
    """The signed-in user to store as who did it; None for the system (command line,
    batch worker) or an anonymous request."""
    return user if getattr(user, "is_authenticated", False) else None


def record(user, action: str, obj, summary: str = "", before=None, after=None):
    """Log one change to `obj`. Call it inside the transaction that makes the change."""
    made = entry(user, action, obj, summary, before, after)
    made.save()
    return made


def entry(user, action: str, obj, summary: str = "", before=None, after=None):
    """`record`'s entry, not saved: many of them are stored with one bulk_create."""
    from .models import AuditEntry

    return AuditEntry(
        user=actor(user),
        action=action, object_type=obj.__class__.__name__.lower(),
        object_id=str(getattr(obj, "pk", "") or ""), summary=summary[:300],
        before=_plain(before), after=_plain(after))


def _plain(value):
    """The log's copy (a plain JSON column): an amount as the text of its digits
    ("8235.4200"), which the column's encoder could not write as a Decimal."""
    import json

    from ...model import dumps

    return None if value is None else json.loads(dumps(value), parse_float=str)
