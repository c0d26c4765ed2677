from __future__ import annotations

import os
import socket
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django.utils.translation import gettext as _

from lieguan.core.worker import Workers


class Command(BaseCommand):
    help = (
        "啟動網站服務。"
        "Serve Lieguan on HOST:PORT (default 127.0.0.1:8000) with gunicorn, or with Django's"
        " auto-reloading development server when --dev is given, and background workers beside it"
        " (LIEGUAN_TASK_WORKERS, default 1)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="listen on this address (default 127.0.0.1)")
        parser.add_argument("--port", type=int, default=8000, help="listen on this port (default 8000)")
        parser.add_argument("--workers", type=int, default=2, help="number of worker processes (default 2)")
        parser.add_argument("--dev", action="store_true", help="development server that reloads on code changes")
        parser.add_argument(
            "--task-workers",
            type=int,
            default=None,
            help="background workers to start beside the web server (default LIEGUAN_TASK_WORKERS, 1; 0 when run separately)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError(_("資料庫尚未更新：請先執行 `lieguan setup`。The database needs migrating: run `lieguan setup` first."))
        address = f"{options['host']}:{options['port']}"
        _require_free(options["host"], options["port"])
        self.stdout.write(_("列管 Lieguan 服務啟動於 http://%(address)s/ （按 Ctrl+C 結束）") % {"address": address})
        count = settings.TASK_WORKERS if options["task_workers"] is None else max(0, options["task_workers"])
        if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            count = 0  # the development server's reloaded child: its parent started the workers already
        workers = Workers(count)
        workers.start()
        if count:
            self.stdout.write(_("背景工作 %(count)s 個已啟動 / %(count)s background worker(s) started") % {"count": count})
        try:
            self._serve(address, options)
        finally:
            workers.stop()

    def _serve(self, address: str, options: dict[str, Any]) -> None:
        if options["dev"]:
            call_command("runserver", address, use_reloader=True, insecure_serving=True)
            return
        from gunicorn.app.base import BaseApplication

        from lieguan.core.asgi import PAGE_THREADS, build

        class _Server(BaseApplication):  # type: ignore[misc]
            def load_config(self) -> None:
                self.cfg.set("bind", address)
                self.cfg.set("workers", options["workers"])
                # uvicorn in each worker: the live room's streams wait on its event loop, the pages run on a pool of
                # PAGE_THREADS threads as gthread's 4 threads did (lieguan/core/asgi.py; the choice: docs/live.md).
                self.cfg.set("worker_class", "uvicorn_worker.UvicornWorker")
                # The bound of any one request; long work (parsing, the status report's files) runs in the worker.
                self.cfg.set("timeout", 120)
                # A kept-alive connection waits this long for its next request, a proxy's usual 75 s: under gthread the
                # default 2 s reset requests that browsers had already sent (bench/load.py, 50 users).
                self.cfg.set("keepalive", 75)
                # Open rooms' streams never end by themselves: on stop, give requests in flight 5 s, then close them.
                self.cfg.set("graceful_timeout", 5)
                self.cfg.set("accesslog", "-")
                self.cfg.set("loglevel", settings.LOG_LEVEL.lower())

            def load(self) -> Any:
                return build(threads=PAGE_THREADS)

        _Server().run()


def _require_free(host: str, port: int) -> None:
    """Say plainly that the port is taken (by an earlier `make run`, say) instead of gunicorn's retries."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise CommandError(
                _(
                    "無法在 %(address)s 提供服務：%(error)s。可能已有另一個 Lieguan 或其他程式在使用此埠號；"
                    "請先停止它，或以 --port 指定其他埠號。Cannot listen on %(address)s: %(error)s."
                )
                % {"address": f"{host}:{port}", "error": error.strerror}
            ) from None
