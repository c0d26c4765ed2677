"""`lieguan serve` says plainly when it cannot start, instead of a web server's retries."""

from __future__ import annotations

import socket

import pytest
from django.core.management import CommandError, call_command


@pytest.mark.django_db
def test_a_port_already_in_use_is_refused_with_a_clear_message() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(CommandError, match=f"無法在 127.0.0.1:{port} 提供服務.*--port"):
            call_command("serve", "--port", str(port))
