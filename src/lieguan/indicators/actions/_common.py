"""What every write of the indicators checks first, and how an actor is named on a value."""

from __future__ import annotations

from lieguan.core.actors import name_of
from lieguan.indicators import access

# The indicators' rules, in ``indicators.access`` (a SystemActor passes them).
check_manager = access.require_manager
check_enter = access.require_enter
label = name_of
