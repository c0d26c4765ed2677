"""Every write of the indicators app: register and rules, values entered or imported, the rules' run, alerts, the report."""

from lieguan.indicators.actions.alerts import do_track_alert
from lieguan.indicators.actions.computing import do_compute_values
from lieguan.indicators.actions.evaluate import Evaluation, do_evaluate
from lieguan.indicators.actions.importing import ImportResult, Problem, do_import_values
from lieguan.indicators.actions.pushing import Pushed, PushRefused, PushResult, do_push_values
from lieguan.indicators.actions.register import do_create_indicator, do_save_rule, do_set_indicator_target
from lieguan.indicators.actions.report import do_attach_report
from lieguan.indicators.actions.values import Recorded, do_record_value

__all__ = [
    "Evaluation",
    "ImportResult",
    "Problem",
    "PushRefused",
    "PushResult",
    "Pushed",
    "Recorded",
    "do_attach_report",
    "do_compute_values",
    "do_create_indicator",
    "do_evaluate",
    "do_import_values",
    "do_push_values",
    "do_record_value",
    "do_save_rule",
    "do_set_indicator_target",
    "do_track_alert",
]
