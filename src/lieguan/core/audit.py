"""Writing and verifying the audit trail.

``record`` must run inside the transaction of the change it describes (every
``do_*`` action calls it there), so that a change and its audit entry are
committed or rolled back together. Its ``action`` is an event declared in the
registry (``core/audit_events.py`` and the apps' ``audit_events.py``).
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import logging
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, models
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext

from lieguan.core import audit_events
from lieguan.core.actors import SystemActor
from lieguan.core.audit_events import Event
from lieguan.core.models import AuditEntry, AuditHead

GENESIS = "0" * 64

logger = logging.getLogger(__name__)


class UnknownAuditEvent(LookupError):
    """An action recorded an event the registry does not declare."""


def jsonable(value: Any) -> Any:
    """A JSON form of a field value that is stable across databases (the hash depends on it)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The concrete field values of a model instance (foreign keys as ids), for ``before``/``after``."""
    names = set(fields) if fields is not None else None
    out: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if names is not None and field.name not in names:
            continue
        if field.name in {"password"}:
            continue
        out[field.attname if field.is_relation else field.name] = jsonable(field.value_from_object(instance))
    return out


def _actor_label(actor: Any) -> str:
    if actor is None:
        return "system"
    if isinstance(actor, SystemActor | str):
        return str(actor)
    person = getattr(actor, "person", None) if hasattr(actor, "_meta") else None
    name = getattr(person, "name", "") if person is not None else ""
    return f"{actor.get_username()} {name}".strip()


def _digest(fields: dict[str, Any]) -> str:
    canonical = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _hashed_fields(entry: AuditEntry) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "at": jsonable(entry.at),
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "before": entry.before,
        "after": entry.after,
        "prev_hash": entry.prev_hash,
    }


def object_type_of(target: models.Model | type[models.Model]) -> str:
    return target._meta.label_lower


def _event_name(action: Event | str) -> str:
    """The stored name of a registered event.

    An unknown event is refused where it can be fixed (DEBUG, the tests: LIEGUAN_AUDIT_STRICT).
    In production it is logged as an error but recorded all the same: the change it describes is
    already made in this transaction, and refusing the entry would undo a person's work for a
    bookkeeping mistake, while recording it keeps the trail complete and the log says what to declare.
    """
    name = str(action)
    if audit_events.is_known(action):
        return name
    message = f"audit event {name!r} is not declared in the registry (lieguan/<app>/audit_events.py)"
    if getattr(settings, "LIEGUAN_AUDIT_STRICT", settings.DEBUG):
        raise UnknownAuditEvent(message)
    logger.error(message)
    return name


def record(
    *,
    actor: Any,
    action: Event | str,
    target: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry. ``actor`` is a user or a SystemActor such as SystemActor("cli:import").

    ``action`` is a registry constant (``CASE_DECIDE``); a plain string is accepted while it names a
    registered event, so that stored names and the registry's stay one and the same.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("audit.record must run inside the transaction of the change it records")
    name = _event_name(action)
    head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1, defaults={"hash": GENESIS})
    user = actor if hasattr(actor, "_meta") else None
    entry = AuditEntry(
        seq=head.seq + 1,
        at=timezone.now(),
        actor=user,
        actor_label=_actor_label(actor)[:200],
        action=name,
        object_type=object_type_of(target),
        object_id=str(target.pk),
        object_repr=str(target)[:300],
        before=jsonable(before),
        after=jsonable(after),
        prev_hash=head.hash or GENESIS,
    )
    entry.hash = _digest(_hashed_fields(entry))
    entry.save(force_insert=True)
    head.seq, head.hash = entry.seq, entry.hash
    head.save(update_fields=["seq", "hash"])
    return entry


@dataclass(frozen=True)
class Problem:
    seq: int | None
    message: str


def verify(batch: int = 5000) -> tuple[int, list[Problem]]:
    """Walk the whole chain; return the number of entries checked and every break found."""
    problems: list[Problem] = []
    expected_prev = GENESIS
    expected_seq = 1
    count = 0
    for entry in _iterate(batch):
        count += 1
        if entry.seq != expected_seq:
            problems.append(
                Problem(
                    entry.seq,
                    gettext("序號不連續：預期 %(expected)s，實為 %(seq)s（有紀錄被刪除或插入）")
                    % {"expected": expected_seq, "seq": entry.seq},
                )
            )
        if entry.prev_hash != expected_prev:
            problems.append(Problem(entry.seq, gettext("前一筆雜湊值不符（前一筆紀錄被修改、刪除或插入）")))
        if _digest(_hashed_fields(entry)) != entry.hash:
            problems.append(Problem(entry.seq, gettext("內容與雜湊值不符（本筆紀錄被修改）")))
        expected_prev = entry.hash
        expected_seq = entry.seq + 1
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and (head.seq != expected_seq - 1 or (count and head.hash != expected_prev)):
        problems.append(
            Problem(
                None,
                gettext("鏈尾不符：鏈首紀錄為第 %(head)s 筆，實際最後一筆為第 %(last)s 筆（尾端紀錄被刪除）")
                % {"head": head.seq, "last": expected_seq - 1},
            )
        )
    if head is None and count:
        problems.append(Problem(None, gettext("找不到鏈首紀錄")))
    return count, problems


def _iterate(batch: int) -> Iterator[AuditEntry]:
    last = 0
    while True:
        chunk = list(AuditEntry.objects.filter(seq__gt=last).order_by("seq")[:batch])
        if not chunk:
            return
        yield from chunk
        last = chunk[-1].seq


def history(target: models.Model | type[models.Model], object_id: Any | None = None) -> models.QuerySet[AuditEntry]:
    """Entries about one object, oldest first."""
    oid = target.pk if isinstance(target, models.Model) else object_id
    return AuditEntry.objects.filter(object_type=object_type_of(target), object_id=str(oid)).order_by("seq")
