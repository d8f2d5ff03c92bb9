"""Object permissions as predicates (the `rules` package): what a user may do with
one report, given their role and scope (scope.py).

Model permissions (roles.py) say what a role may do at all; these say on which
objects. The querysets (reports/querysets.py, cases/querysets.py) select the same
objects in the database, so a list never shows what a page would refuse."""

from __future__ import annotations

import rules

from . import scope


@rules.predicate
def in_scope(user, report) -> bool:
    """The report's agency is in the user's scope."""
    if report.agency_id is None:  # a report whose agency could not be read: its uploader's
        return scope.agency_ids(user) is None or report.created_by_id == user.pk
    return scope.covers(user, report.agency_id)


@rules.predicate
def is_published(user, report) -> bool:
    return report.status == "published"


signed_in = rules.is_authenticated

rules.add_rule("zfxxgk.view_report", signed_in & (is_published | in_scope))
rules.add_rule("zfxxgk.change_report", signed_in & in_scope)


def allowed(rule: str, user, obj) -> bool:
    return rules.test_rule(rule, user, obj)
