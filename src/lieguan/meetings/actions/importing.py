"""Importing minutes files: a batch of uploads, parsed in the background one file at a time, previewed, imported one file per transaction.

The web page and ``lieguan import`` share these actions. A file that fails
changes nothing but its own row in the batch, which says why (and on which
line); the next file goes on. Whatever the directory does not know is only
added when the person importing decided so (``NameProposal.decision``).

Why a file failed is kept as a sentence with its parameters (``ImportFile.error_words``), worded in each
reader's language when read, and worded in Chinese (``ImportFile.error``), as the audit trail keeps it: the
file may be read by someone other than whoever uploaded it, in another language.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lieguan.core import audit, uploads
from lieguan.core.actors import Actor, passes, user_of
from lieguan.core.wording import in_source_language, said
from lieguan.meetings.audit_events import IMPORT_FILE, IMPORT_PARSE, IMPORT_START
from lieguan.meetings.importing import access as import_access
from lieguan.meetings.importing.apply import AlreadyImported, Resolver, apply_names, apply_series, create_meeting
from lieguan.meetings.importing.names import MATCH, TEXT, Book, NameProposal
from lieguan.meetings.importing.plan import Plan, plan_import
from lieguan.meetings.importing.reading import ReadResult, Sentence, read_document, said_by
from lieguan.meetings.models import WARNING_WORDS_KEY, ImportBatch, ImportFile, MeetingSeries
from lieguan.meetings.signals import meeting_changed, minutes_imported, minutes_published, send_after_commit, send_within
from lieguan.minutes import Minutes, MinutesError

logger = logging.getLogger(__name__)

F = ImportFile.Status
READABLE_KINDS = (uploads.PDF, uploads.DOCX, uploads.ODT, uploads.TEXT)
# Minutes JSON keeps the digest of the text it was parsed from under this added key.
DIGEST_KEY = "source_digest"
# Why a file failed: a sentence (kept as words, worded when read), or text another part of the system worded.
Why = Sentence | str


def may_import(actor: Actor) -> bool:
    return passes(import_access.require_import_minutes, actor)


def may_add_to_directory(actor: Actor) -> bool:
    return passes(import_access.require_add_to_directory, actor)


def check_import_upload(name: str, data: bytes) -> tuple[str, Why]:
    """The display name and the reason an upload is refused ("" when accepted).

    The reason is a sentence, worded when read: the upload check's refusal (``core.uploads.UploadRefused``) as its
    words, not as it was worded for whoever uploaded the file.
    """
    clean = uploads.display_name(name)
    if clean.lower().endswith(".json"):
        if not data.strip():
            return clean, said(gettext_noop("檔案是空的。"))
        if len(data) > settings.UPLOAD_MAX_BYTES:
            return clean, said(gettext_noop("檔案超過 %(mb)s MB 的上限。"), mb=settings.UPLOAD_MAX_BYTES // (1024 * 1024))
        return clean, ""
    try:
        checked = uploads.check_upload(io.BytesIO(data), name)
    except uploads.UploadRefused as refused:
        return clean, refused.words
    if checked.kind not in READABLE_KINDS:
        return clean, said(
            gettext_noop("無法匯入%(kind)s檔案；請上傳 TXT、MD、DOCX、ODT、PDF 或 Minutes JSON。"), kind=said(checked.kind.label)
        )
    return checked.name, ""


def _say_why(import_file: ImportFile, why: Why) -> None:
    """Set the row's reason: a sentence as its words and in Chinese; text as it is, without words."""
    if isinstance(why, str):
        import_file.error, import_file.error_words = why, {}
    else:
        import_file.error, import_file.error_words = in_source_language(why), why


def do_start_import(actor: Actor, uploads: list[tuple[str, bytes]]) -> ImportBatch:
    """A new batch holding ``uploads`` (name, bytes), each waiting to be parsed — or refused at once, with why."""
    import_access.require_import_minutes(actor)
    if not uploads:
        raise ValidationError(_("請選擇至少一個檔案。"))
    with transaction.atomic():
        user = user_of(actor)
        # A job has no user: the batch keeps its name instead.
        batch = ImportBatch.objects.create(created_by=user, created_label="" if user is not None else str(actor)[:100])
        for position, (name, data) in enumerate(uploads, start=1):
            clean, refused = check_import_upload(name, data)
            row = ImportFile(batch=batch, position=position, original_name=clean, digest=_sha256(data))
            if refused:
                row.status = F.FAILED
                _say_why(row, refused)
            else:
                row.file.save(row.digest, ContentFile(data), save=False)
            row.save()
        audit.record(actor=actor, action=IMPORT_START, target=batch, after={"files": len(uploads)})
    return batch


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def next_pending(batch: ImportBatch) -> ImportFile | None:
    return batch.files.filter(status=F.PENDING).order_by("position").first()


def parsing_stalled(batch: ImportBatch, *, after: dt.timedelta) -> bool:
    """Files still wait, and none of the batch has changed for ``after``: its background parsing stopped or never began."""
    files = batch.files.all()
    if not files.filter(status=F.PENDING).exists():
        return False
    latest = files.aggregate(latest=Max("updated"))["latest"]
    return latest is None or timezone.now() - latest > after


def batches_waiting() -> list[ImportBatch]:
    """The batches with files still waiting to be parsed, oldest first (to queue again when a worker starts)."""
    return list(ImportBatch.objects.filter(files__status=F.PENDING).distinct().order_by("created"))


def _finish_if_done(batch: ImportBatch) -> None:
    if batch.finished is None and not batch.files.filter(status__in=(F.PENDING, F.PARSED)).exists():
        batch.finished = timezone.now()
        batch.save(update_fields=["finished"])


def do_parse_import_file(actor: Actor, import_file: ImportFile, *, result: ReadResult | None = None) -> ImportFile:
    """Parse one waiting file: it becomes ready for preview, already imported, or failed with why."""
    import_access.require_batch(actor, import_file.batch)
    if import_file.status != F.PENDING:
        return import_file
    if result is None:
        with import_file.file.open("rb") as handle:
            result = read_document(handle.read(), import_file.original_name)
    with transaction.atomic():
        # Two workers may parse the same waiting file (a batch queued again after a stall): the first
        # to write wins. The UPDATE takes the row (PostgreSQL) or the database (SQLite) until commit.
        if not ImportFile.objects.filter(pk=import_file.pk, status=F.PENDING).update(updated=timezone.now()):
            import_file.refresh_from_db()
            return import_file
        if result.minutes is None:
            import_file.status, import_file.error_line = F.FAILED, result.line
            _say_why(import_file, result.words or "")
        else:
            plan = plan_import(result.minutes, result.digest, may_create=may_add_to_directory(actor))
            import_file.document = {**result.minutes.to_dict(), DIGEST_KEY: result.digest, WARNING_WORDS_KEY: result.warning_words}
            import_file.unknown_names = [p.to_dict() for p in plan.names.unknown]
            import_file.series = plan.series.series
            if plan.duplicate is not None:
                import_file.status, import_file.meeting = F.DUPLICATE, plan.duplicate
                _say_why(import_file, plan.duplicate_reason)
            else:
                import_file.status = F.PARSED
        import_file.save()
        audit.record(
            actor=actor,
            action=IMPORT_PARSE,
            target=import_file,
            after={"status": import_file.status, "error": import_file.error, "line": import_file.error_line},
        )
        _finish_if_done(import_file.batch)
    return import_file


# Previews and decisions ----------------------------------------------------------------------------------


def document_of(import_file: ImportFile) -> tuple[Minutes, str]:
    data = dict(import_file.document or {})
    digest = str(data.pop(DIGEST_KEY, ""))
    data.pop(WARNING_WORDS_KEY, None)
    return Minutes.from_dict(data), digest


@dataclass(frozen=True)
class NameDecision:
    action: str
    match_id: int | None = None


@dataclass(frozen=True)
class ImportChoices:
    """What the person importing one file chose, as one value (the page's form and ``lieguan import`` both make one).

    ``series`` imports into that series instead of the one the minutes name; ``create_series``
    allows creating the series the minutes name when it does not exist. Each unknown name is
    decided by ``names`` (by its key); ``accept_proposals`` decides the names ``names`` leaves
    open: each as proposed (True) or kept as text (False), or left undecided (None), which
    stops the import until they are decided.
    """

    series: MeetingSeries | None = None
    create_series: bool = False
    names: Mapping[str, NameDecision] = field(default_factory=dict)
    accept_proposals: bool | None = None

    def apply_to(self, plan: Plan) -> None:
        """Write these decisions into the plan's unknown names."""
        for proposal in plan.names.unknown:
            chosen = self.names.get(proposal.key)
            if chosen is not None:
                proposal.decision, proposal.decision_match_id = chosen.action, chosen.match_id
            elif self.accept_proposals is not None and not proposal.decision:
                _decide_by_default(proposal, accept=self.accept_proposals)


def preview(actor: Actor, import_file: ImportFile, *, series: MeetingSeries | None = None, book: Book | None = None) -> Plan:
    """The plan for a parsed file, computed afresh, with the decisions already taken for its names."""
    minutes, digest = document_of(import_file)
    plan = plan_import(minutes, digest, may_create=may_add_to_directory(actor), series=series, book=book)
    stored = {d["key"]: NameProposal.from_dict(d) for d in import_file.unknown_names or []}
    for proposal in plan.names.unknown:
        earlier = stored.get(proposal.key)
        if earlier is not None and earlier.decision:
            proposal.decision, proposal.decision_match_id = earlier.decision, earlier.decision_match_id
    return plan


def decided_names(import_file: ImportFile) -> list[NameProposal]:
    """The unknown names of an imported file, as they were decided."""
    return [NameProposal.from_dict(d) for d in import_file.unknown_names or []]


def _decide_by_default(proposal: NameProposal, *, accept: bool) -> None:
    if accept:
        proposal.decision = proposal.proposal
        proposal.decision_match_id = proposal.match_ids[0] if proposal.proposal == MATCH else None
    else:
        proposal.decision, proposal.decision_match_id = TEXT, None


def _propagate(import_file: ImportFile, plan: Plan) -> None:
    """A name decided in one file of a batch is decided for the same name in the files still waiting."""
    decided = {p.key: p for p in plan.names.unknown if p.decision}
    for sibling in import_file.batch.files.filter(status=F.PARSED).exclude(pk=import_file.pk):
        names = [dict(d) for d in sibling.unknown_names or []]
        changed = False
        for entry in names:
            source = decided.get(entry.get("key", ""))
            if source is not None and not entry.get("decision"):
                entry["decision"], entry["decision_match_id"] = source.decision, source.decision_match_id
                changed = True
        if changed:
            sibling.unknown_names = names
            sibling.save(update_fields=["unknown_names", "updated"])


# Importing -----------------------------------------------------------------------------------------------


def do_import_file(actor: Actor, import_file: ImportFile, choices: ImportChoices = ImportChoices()) -> ImportFile:
    """Import one parsed file as ``choices`` say, in its own transaction, its cases with it; the file's row says how it went."""
    import_access.require_batch(actor, import_file.batch)
    if import_file.status != F.PARSED:
        raise ValidationError(_("此檔案目前為「%(status)s」，無法匯入。") % {"status": F(import_file.status).label})
    plan = preview(actor, import_file, series=choices.series)
    choices.apply_to(plan)
    return _import_planned(actor, import_file, plan, create_series=choices.create_series)


def _import_planned(actor: Actor, import_file: ImportFile, plan: Plan, *, create_series: bool) -> ImportFile:
    if plan.series.series is None and not create_series:
        # The file stays ready to import, so that the series can be confirmed or another chosen.
        name = plan.series.label or said(gettext_noop("（紀錄未載明）"))
        _note(import_file, F.PARSED, said(gettext_noop("會議「%(name)s」尚未建立；請確認建立此會議，或指定要匯入的既有會議。"), name=name))
        return import_file
    try:
        with transaction.atomic():
            decided = apply_names(actor, plan)
            resolver = Resolver(plan, decided)
            target = apply_series(actor, plan, resolver)
            import_access.require_import_into(actor, target)
            meeting = create_meeting(actor, plan, target, resolver, source_name=import_file.original_name)
            import_file.status, import_file.meeting, import_file.series = F.IMPORTED, meeting, target
            import_file.error, import_file.error_words, import_file.error_line = "", {}, None
            import_file.unknown_names = [p.to_dict() for p in plan.names.unknown]
            import_file.save()
            _propagate(import_file, plan)
            audit.record(actor=actor, action=IMPORT_FILE, target=import_file, after={"meeting": meeting.pk})
            _finish_if_done(import_file.batch)
            _apply_cases(actor, meeting)
            send_after_commit(minutes_published, meeting.pk)
            send_after_commit(meeting_changed, meeting.pk)
    except AlreadyImported as done:
        _note(import_file, F.DUPLICATE, done.reason, meeting=done.meeting)
    except CasesNotApplied as failed:
        cause = failed.__cause__
        if isinstance(cause, ValidationError | PermissionDenied):
            _note(import_file, F.PARSED, said(gettext_noop("列管案件無法套用，此檔案未匯入：%(reason)s"), reason=_why(cause)))
        else:
            logger.exception("applying the cases of %s failed", import_file.original_name)
            _note(
                import_file,
                F.FAILED,
                said(
                    gettext_noop("套用列管案件時發生內部錯誤（%(error)s），此檔案未匯入，系統資料沒有任何變動；請將此檔案回報系統管理者。"),
                    error=type(cause).__name__,
                ),
            )
    except (ValidationError, PermissionDenied, MinutesError) as refused:
        # The file stays ready to import, so that other decisions can be tried; the reason is shown with it.
        _note(import_file, F.PARSED, _why(refused))
    except Exception as error:  # one broken file must not stop a batch of many
        logger.exception("importing %s failed", import_file.original_name)
        _note(
            import_file,
            F.FAILED,
            said(gettext_noop("匯入時發生內部錯誤（%(error)s），請將此檔案回報系統管理者。"), error=type(error).__name__),
        )
    return import_file


class CasesNotApplied(Exception):
    """Tracking could not apply the cases of an imported meeting; the cause is chained."""


def _apply_cases(actor: Actor, meeting: Any) -> None:
    # Tracking applies the cases these minutes open and decide, now and as the person importing:
    # if it cannot, nothing of this file is kept (the meeting, the names it added, the cases).
    try:
        send_within(minutes_imported, actor=actor, meeting=meeting)
    except Exception as error:
        raise CasesNotApplied() from error


def _why(error: Exception) -> Why:
    """Why ``error`` refused the import: the minutes library's sentence, or the refusal as it was worded."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    if isinstance(error, MinutesError):
        return said_by(error)
    return str(error) or said(gettext_noop("您無權執行此操作。"))


def _note(import_file: ImportFile, status: str, why: Why, *, meeting: Any = None) -> None:
    with transaction.atomic():
        # Whatever the rolled-back transaction set on the row in memory is dropped with it.
        import_file.refresh_from_db(fields=["series", "unknown_names", "error_line"])
        import_file.status, import_file.meeting = status, meeting
        _say_why(import_file, why)
        import_file.save(update_fields=["status", "error", "error_words", "meeting", "updated"])
        _finish_if_done(import_file.batch)


def files_in_date_order(batch: ImportBatch) -> list[ImportFile]:
    """The batch's files, parsed ones by the date of their meeting, then those not (yet) parsed."""

    def key(f: ImportFile) -> tuple[int, str, str, int]:
        doc = f.document or {}
        if not doc.get("date"):
            return (1, "", "", f.position)
        return (0, str(doc.get("date")), str(doc.get("start_time") or ""), f.position)

    return sorted(batch.files.select_related("meeting__series__owner", "series"), key=key)


def ready_to_import(plan: Plan) -> bool:
    """Nothing left to confirm: the series exists and every unknown name was decided."""
    return plan.series.series is not None and not plan.undecided and plan.duplicate is None


def do_import_ready_files(actor: Actor, batch: ImportBatch) -> list[ImportFile]:
    """Import, in date order, every parsed file of the batch that needs no further confirmation."""
    import_access.require_batch(actor, batch)
    done = []
    for import_file in files_in_date_order(batch):
        if import_file.status != F.PARSED:
            continue
        # Loaded per file: a body created by the file before is known to the next.
        plan = preview(actor, import_file, book=Book.load())
        if plan.duplicate is not None:
            _note(import_file, F.DUPLICATE, plan.duplicate_reason, meeting=plan.duplicate)
            done.append(import_file)
        elif ready_to_import(plan):
            done.append(_import_planned(actor, import_file, plan, create_series=False))
    return done
