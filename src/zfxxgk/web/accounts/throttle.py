"""Login throttling: django-axes' database handler with two limits instead of one.

Axes counts failures for each of AXES_LOCKOUT_PARAMETERS (here the pair account +
address, and the address alone) but compares every count with one limit. One limit
cannot serve both: at 10 per address, a clerk's ten typos would lock everyone in an
office behind one address; at 10 per pair alone, an address could try two passwords
on every account (password spraying) and never be stopped. So the pair keeps
AXES_FAILURE_LIMIT and the address has its own, higher ADDRESS_FAILURE_LIMIT.

A successful login clears only its own pair's failures: axes' own reset clears every
count the login matches, the address's included, so a sprayer holding one valid
account could empty the address's count by signing in now and then."""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


def _sum(attempts) -> int:
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


class AccountAndAddressHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        """The pair's failures; past the address's own limit, the pair's limit itself
        (the address is locked, for every account). The request keeps the address's
        limit when it is reached, for the lock page to say so."""
        pair, address = (_sum(q) for q in self.get_user_attempts(request, credentials))
        limit = settings.ADDRESS_FAILURE_LIMIT
        request.address_locked_at = limit if address >= limit else None
        return pair if address < limit else max(pair, settings.AXES_FAILURE_LIMIT)

    def reset_user_attempts(self, request, credentials=None) -> int:
        pair = self.filter_user_attempts(request, credentials)[0]
        return pair.delete()[0]
