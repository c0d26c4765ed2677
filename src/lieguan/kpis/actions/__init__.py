"""Every write of the KPI register: goals, indicators and targets; actuals entered, computed or imported."""

from lieguan.kpis.actions.actuals import do_compute_actual, do_record_actual, do_rewrite_sentence
from lieguan.kpis.actions.importing import ImportPreview, ImportRow, do_import_kpi_actuals
from lieguan.kpis.actions.register import do_create_goal, do_create_kpi, do_set_target, do_update_goal, do_update_kpi

__all__ = [
    "ImportPreview",
    "ImportRow",
    "do_compute_actual",
    "do_create_goal",
    "do_create_kpi",
    "do_import_kpi_actuals",
    "do_record_actual",
    "do_rewrite_sentence",
    "do_set_target",
    "do_update_goal",
    "do_update_kpi",
]
