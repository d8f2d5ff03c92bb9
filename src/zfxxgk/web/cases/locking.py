"""The locks of writers that read several cases and save them later (台账 and JSON
imports, retention, a calendar year's recomputation) and the calendar's gate
between entering a year and storing new cases, taken in one order by all of them
and by an agency merge (reports/rekeying.py) so that no two wait crosswise."""

from __future__ import annotations

from django.db.models import QuerySet

from ..reports.models import Agency
from .models import CaseRecord


def locked(records: QuerySet[CaseRecord], *, adding: bool = True) -> QuerySet[CaseRecord]:
    """`records` locked until the transaction ends (PostgreSQL; SQLite's write
    transaction holds the whole database), in primary-key order as every writer of
    several cases takes them (台账 and JSON imports, the calendar's recomputation,
    retention), so that two of them never wait on each other crosswise. A writer that
    reads cases and saves them later must read them so: an event recorded between
    its read and its save was overwritten with the case as read.

    Their agencies are locked first, here (`hold_agencies`), the rows when the
    queryset is read: an agency merge takes the agencies, then moves their rows.
    `adding=False`: the writer only changes the cases it locks (retention, a
    calendar entry), so the agencies are held against merges only (`hold_agencies`)."""
    hold_agencies(records, adding=adding)
    return records.select_for_update(of=("self",)).order_by("pk")


def hold_agencies(records: QuerySet[CaseRecord], *, adding: bool = True) -> None:
    """Lock the agencies of `records`, in key order, before their rows, as an agency
    merge takes them: a writer holding case rows that then waited for an agency (a
    new case of an import) or for a row the merge had moved already (two agencies
    merged, a calendar entry in between) deadlocked with it. A merge that finished
    while this waited moved the rows to another agency: read again until every
    agency of the rows is held.

    A writer `adding` cases (the imports) takes NO KEY UPDATE, as `hold_agency` will
    for each new case: taking a weaker lock first and that one later deadlocks two
    imports. One that is not (retention, a calendar entry) takes KEY SHARE, the lock
    a new row's foreign key takes, which only a merge (FOR UPDATE) waits for: held as
    NO KEY UPDATE it held up every upload's placement, new case and register entry
    of each agency with a matching case until the whole recomputation committed."""
    tried: set[int] = set()
    while True:
        wanted = set(records.order_by().values_list("agency_id", flat=True).distinct()) - tried
        if not wanted:
            return
        tried |= wanted
        if adding:
            list(Agency.objects.select_for_update(no_key=True).filter(pk__in=wanted).order_by("pk")
                 .values_list("pk"))
        else:
            _key_share(sorted(wanted))


def _key_share(pks: list[int]) -> None:
    """FOR KEY SHARE on these agencies (Django's select_for_update has no such mode).
    SQLite's write transaction holds the whole database already."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    table = connection.ops.quote_name(Agency._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} WHERE id = ANY(%s) ORDER BY id FOR KEY SHARE", [pks])


CALENDAR_GATE = (0x7A66, 1)  # PostgreSQL advisory lock (two-int form): the calendar's entry


def calendar_gate(entering: bool = False) -> None:
    """Hold, to the transaction's end, the gate between entering a calendar year
    (`entering`: alone) and storing new cases (together): a new case is stored
    either before the entry lists the open cases, or after it, on its calendar.
    Taken after any case row lock, by both sides, so that neither waits for the
    other crosswise. SQLite writes one transaction at a time already."""
    from django.db import connection

    if connection.vendor == "postgresql":
        lock = "pg_advisory_xact_lock" if entering else "pg_advisory_xact_lock_shared"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {lock}(%s, %s)", list(CALENDAR_GATE))
