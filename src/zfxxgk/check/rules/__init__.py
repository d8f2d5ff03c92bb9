"""The rules, one module per family; importing this package registers them all."""

from . import format_cells, format_layout, narrative, t3, t4  # noqa: F401
