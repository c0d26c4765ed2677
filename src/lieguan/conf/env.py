"""Typed readers for environment variables.

Every setting comes from the environment with a safe embedded default. A value
that is present but malformed stops the process with a message naming the
variable, what was found and what is expected: a silently ignored typo in
production configuration is worse than a refusal to start.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class ConfigError(Exception):
    """A configuration variable is malformed."""


def _raw(name: str, environ: Mapping[str, str] | None) -> str | None:
    value = (os.environ if environ is None else environ).get(name)
    if value is None or value.strip() == "":
        return None
    return value.strip()


def env_str(name: str, default: str, environ: Mapping[str, str] | None = None) -> str:
    value = _raw(name, environ)
    return default if value is None else value


def env_bool(name: str, default: bool, environ: Mapping[str, str] | None = None) -> bool:
    value = _raw(name, environ)
    if value is None:
        return default
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise ConfigError(f"{name}={value!r} is not a yes/no value: use one of 1/0, true/false, yes/no, on/off")


def env_int(name: str, default: int, environ: Mapping[str, str] | None = None, *, minimum: int | None = None) -> int:
    value = _raw(name, environ)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ConfigError(f"{name}={value!r} is not a whole number") from None
    if minimum is not None and number < minimum:
        raise ConfigError(f"{name}={number} is below the minimum of {minimum}")
    return number


def env_list(name: str, default: list[str], environ: Mapping[str, str] | None = None) -> list[str]:
    value = _raw(name, environ)
    if value is None:
        return list(default)
    items = [part.strip() for part in value.split(",") if part.strip()]
    if not items:
        raise ConfigError(f"{name}={value!r} holds no items: give a comma-separated list")
    return items


def env_path(name: str, default: Path, environ: Mapping[str, str] | None = None) -> Path:
    value = _raw(name, environ)
    return (default if value is None else Path(value)).expanduser().resolve()


def env_choice(name: str, default: str, choices: tuple[str, ...], environ: Mapping[str, str] | None = None) -> str:
    value = _raw(name, environ)
    if value is None:
        return default
    if value not in choices:
        raise ConfigError(f"{name}={value!r} is not one of: {', '.join(choices)}")
    return value


def secret_key(name: str, data_dir: Path, environ: Mapping[str, str] | None = None) -> str:
    """The SECRET_KEY from the environment, else one generated once and kept in the data directory.

    A generated key kept on disk is safe by default (never a key shipped in the
    source) and survives restarts, so sessions stay valid.
    """
    value = _raw(name, environ)
    if value is not None:
        if len(value) < 32:
            raise ConfigError(f"{name} is too short ({len(value)} characters): use at least 32 random characters")
        return value
    path = data_dir / "secret_key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


def env_base_url(name: str, default: str, environ: Mapping[str, str] | None = None) -> str:
    """The site's public address, as people outside reach it, without a trailing slash.

    Every link the system sends away from a request (e-mails, calendar feeds,
    QR codes) starts with it, so it must be an absolute http(s) URL naming a host.
    """
    value = env_str(name, default, environ)
    parts = urlsplit(value)
    expected = "an absolute http:// or https:// address such as https://lieguan.example.gov.tw"
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{name}={value!r} is not {expected}")
    try:
        parts.port  # noqa: B018 - urlsplit checks the port only when asked
    except ValueError:
        raise ConfigError(f"{name}={value!r} has a malformed port: use {expected}") from None
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ConfigError(f"{name}={value!r} must hold no query, fragment or credentials: use {expected}")
    return value.rstrip("/")


@dataclass(frozen=True)
class EmailConfig:
    backend: str
    host: str = "localhost"
    port: int = 25
    user: str = ""
    password: str = ""
    use_tls: bool = False
    use_ssl: bool = False
    file_path: str = ""
    default_from: str = ""


_EMAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "memory": "django.core.mail.backends.locmem.EmailBackend",
}


def email_url(name: str, default: str, environ: Mapping[str, str] | None = None) -> EmailConfig:
    """Read EMAIL_URL: smtp://user:pass@host:587?tls=1, smtps://host:465, console:, file:///path, memory:.

    ``?from=`` sets the sender address of the city's mail.
    """
    value = env_str(name, default, environ)
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if scheme not in _EMAIL_BACKENDS:
        raise ConfigError(f"{name}={value!r} has an unknown scheme: use one of {', '.join(sorted(_EMAIL_BACKENDS))}")
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    default_from = query.get("from", "")
    if scheme == "file":
        if not parts.path:
            raise ConfigError(f"{name}={value!r}: a file URL needs a directory, e.g. file:///var/lib/lieguan/mail")
        return EmailConfig(backend=_EMAIL_BACKENDS[scheme], file_path=unquote(parts.path), default_from=default_from)
    if scheme in ("console", "memory"):
        return EmailConfig(backend=_EMAIL_BACKENDS[scheme], default_from=default_from)
    try:
        port = parts.port
    except ValueError:
        raise ConfigError(f"{name}={value!r} has a malformed port") from None
    if not parts.hostname:
        raise ConfigError(f"{name}={value!r} names no mail server host")
    tls = query.get("tls", "0").lower() in _TRUE
    ssl = scheme == "smtps" or query.get("ssl", "0").lower() in _TRUE
    return EmailConfig(
        backend=_EMAIL_BACKENDS[scheme],
        host=parts.hostname,
        port=port or (465 if ssl else 25),
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        use_tls=tls,
        use_ssl=ssl,
        default_from=default_from,
    )
