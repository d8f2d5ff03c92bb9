"""The JSON a PostgreSQL backup is written in: Django's own, except that timestamps
keep every digit. Django's encoder cuts datetimes to milliseconds — harmless for
fixtures, but a backup restored that way moves a PostgreSQL timestamp by up to a
millisecond, so a round trip does not give back the same rows. Registered as the
serialisation format ``zfxxgk_json``; reading uses Django's JSON deserializer,
which takes microseconds as they are."""

from __future__ import annotations

import datetime

from django.core.serializers.json import Deserializer, DjangoJSONEncoder
from django.core.serializers.json import Serializer as DjangoJSONSerializer

__all__ = ["Deserializer", "PreciseEncoder", "Serializer"]


class PreciseEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class Serializer(DjangoJSONSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = PreciseEncoder
