"""The ASGI application, for ASGI servers run by hand (``uvicorn lieguan.asgi:application``); ``lieguan serve`` builds the same."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lieguan.settings")

from lieguan.core.asgi import build

application = build()
