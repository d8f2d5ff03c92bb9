"""A JSONField that keeps a report's money as written: `8235.4200` is stored,
read back and answered as 8235.4200, never as the float 8235.42 (nor, past
fifteen digits, as a float's neighbour of the figure).

Stored as JSON text with each Decimal as its literal (model.dumps), read with
numbers that have a point as Decimal; a backup (dumpdata) carries the same text,
since Django's encoder would write a Decimal as a JSON string."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from ..model import dumps


class ExactEncoder(DjangoJSONEncoder):
    """json.dumps(value, cls=ExactEncoder) is how both database backends write a
    JSONField: the whole value goes to model.dumps."""

    def encode(self, o: Any) -> str:
        return dumps(o)


class ExactDecoder(json.JSONDecoder):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("parse_float", Decimal)
        super().__init__(*args, **kwargs)


# One decoder for every value read (as json.loads keeps one for its defaults): Django's
# JSONField made one per value, a quarter of the time reading 20 000 dashboard summaries.
_DECODER = ExactDecoder()


class ExactJSONField(models.JSONField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("encoder", ExactEncoder)
        kwargs.setdefault("decoder", ExactDecoder)
        super().__init__(*args, **kwargs)

    def deconstruct(self):  # the coders are the field's own: not options to migrate
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        return name, path, args, kwargs

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if isinstance(value, str) and self.decoder is ExactDecoder:
            try:
                return _DECODER.decode(value)
            except json.JSONDecodeError:  # as JSONField: a value that is no JSON is given as it is
                return value
        return super().from_db_value(value, expression, connection)

    def value_to_string(self, obj: Any) -> str:
        """A backup's copy: the JSON text, Decimals as written."""
        return dumps(self.value_from_object(obj))

    def to_python(self, value: Any) -> Any:
        """A backup's copy read back (its text); any other value as it is."""
        if isinstance(value, str):
            return json.loads(value, cls=ExactDecoder)
        return value
