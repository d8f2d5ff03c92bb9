"""The rules, one module per family; importing this package registers them all."""

from . import active, crossyear, format_cells, format_layout, narrative, ocr, publication, t3, t4  # noqa: F401,E501
