"""Every write to a work report: creating, writing parts, moving through the workflow, importing."""

from lieguan.workreports.actions.importing import ImportResult, do_import_report, preview_import
from lieguan.workreports.actions.reports import (
    COVER_FIELDS,
    do_create_report,
    do_save_part,
    do_transition,
    do_update_cover,
)

__all__ = [
    "COVER_FIELDS",
    "ImportResult",
    "do_create_report",
    "do_import_report",
    "do_save_part",
    "do_transition",
    "do_update_cover",
    "preview_import",
]
