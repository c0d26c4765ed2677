"""What every write of the register checks first: who may do it."""

from __future__ import annotations

from lieguan.kpis import access

# The register's rules, in ``kpis.access`` (a SystemActor passes them).
check_manager = access.require_manager
check_enter = access.require_enter
