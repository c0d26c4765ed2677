"""The demo city: a fictional city government (臨海市政府) with agencies, people, meetings and cases.

Every text here is invented for the demo. Loading is idempotent: each part is
keyed by a stable code or number and is created only when missing, so running
`lieguan demo` again keeps whatever users changed.
"""

from lieguan.demo.loader import DemoReport, load_demo

__all__ = ["DemoReport", "load_demo"]
