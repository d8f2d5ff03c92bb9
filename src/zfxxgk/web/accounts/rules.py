"""Object permissions as predicates (the `rules` package): what a user may do with
one report, batch, case or register, given their role and scope (scope.py).

Model permissions (roles.py) say what a role may do at all; these say on which
objects. The querysets (reports/querysets.py, cases/querysets.py) select the same
objects in the database, so a list never shows what a page would refuse."""

from __future__ import annotations

import rules

from . import scope


@rules.predicate
def in_scope(user, obj) -> bool:
    """The object's agency (an Agency is its own) is in the user's scope."""
    agency_id = obj.pk if obj.__class__.__name__ == "Agency" else getattr(obj, "agency_id", None)
    if agency_id is None:  # a report whose agency could not be read: its uploader's
        return scope.agency_ids(user) is None or getattr(obj, "created_by_id", None) == user.pk
    return scope.covers(user, agency_id)


@rules.predicate
def is_published(user, obj) -> bool:
    return getattr(obj, "status", None) == "published"


@rules.predicate
def batch_in_scope(user, obj) -> bool:
    """A batch is its uploader's, and of those whose scope covers the uploader's agency."""
    if obj.created_by_id == user.pk:
        return True
    m = scope.membership(obj.created_by) if obj.created_by_id else None
    return bool(m and m.agency_id and scope.covers(user, m.agency_id))


@rules.predicate
def unscoped(user) -> bool:
    return scope.agency_ids(user) is None


signed_in = rules.is_authenticated

rules.add_rule("zfxxgk.view_report", signed_in & (is_published | in_scope))
rules.add_rule("zfxxgk.change_report", signed_in & in_scope)
rules.add_rule("zfxxgk.view_batch", signed_in & (unscoped | batch_in_scope))


def allowed(rule: str, user, obj) -> bool:
    return rules.test_rule(rule, user, obj)
