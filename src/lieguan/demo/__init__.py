"""The demo city: a fictional city government (臨海市政府) with agencies, people, meetings and cases.

Every text here is invented for the demo. Loading is idempotent: each part is
keyed by a stable code or number and is created only when missing, so running
`lieguan demo` again keeps whatever users changed.

This package is also a Django app (for its `demo` command), so Django imports it
before the models are ready: the loader is imported only when first asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lieguan.demo.loader import DemoReport, load_demo

__all__ = ["DemoReport", "load_demo"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from lieguan.demo import loader

        return getattr(loader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
