"""Meeting series, their numbered meetings, agenda, attendance, materials and minutes.

The minutes of a meeting are its agenda tree (sections → items → remarks and
conclusions) plus the header on ``Meeting``; ``lieguan.meetings.document``
converts them to and from the ``lieguan.minutes`` document model, which renders
every download format. Published versions are frozen as ``MinutesRevision``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lieguan.core import wording
from lieguan.core.models import BuiltFile
from lieguan.minutes.model import SECTION_KINDS, SectionKind
from lieguan.organisations.models import Organisation, Person


class MeetingSeries(models.Model):
    """A recurring meeting of one body (主任秘書會報, 處務會議)."""

    class Numbering(models.TextChoices):
        SEQUENTIAL = "sequential", _("連續編號（第 N 次）")
        YEARLY = "yearly", _("每年重新編號（113 年第 N 次）")

    class Level(models.TextChoices):
        CITY = "city", _("府級")
        AGENCY = "agency", _("機關")

    owner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="series", verbose_name=_("主辦機關"))
    name = models.CharField(_("會議名稱"), max_length=100)
    code = models.SlugField(_("代碼"), max_length=40, unique=True)
    numbering = models.CharField(_("編號方式"), max_length=12, choices=Numbering.choices, default=Numbering.SEQUENTIAL)
    level = models.CharField(_("層級"), max_length=10, choices=Level.choices, default=Level.AGENCY)
    default_chair = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("預設主席")
    )
    default_recorder = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("預設紀錄")
    )
    default_location = models.CharField(_("預設地點"), max_length=100, blank=True)
    public = models.BooleanField(_("會議紀錄公開"), default=False)
    tracks_cases = models.BooleanField(_("列管會議結論"), default=True)
    case_number_pattern = models.CharField(
        _("列管編號格式"),
        max_length=40,
        default="{session}-{seq}",
        help_text=_("{session} 為會次、{seq} 為序號，例如 {session}-{seq} → 224-1；{session}{seq:02} → 10101"),
    )
    # Bureau series whose cases mirror city-level ones may not release them before the parent is released.
    release_after_parent = models.BooleanField(_("府級案件解列後始得解列"), default=False)
    # [{"kind": "previous_minutes", "heading": "宣讀上次會議紀錄"}, …] — the sections a new meeting starts with.
    agenda_template = models.JSONField(_("議程範本"), default=list, blank=True)
    # Counted on the government calendar, so that the cut-off never falls on a weekend or a holiday.
    material_cutoff_days = models.PositiveSmallIntegerField(_("資料上傳截止（會前工作日數）"), default=2)
    active = models.BooleanField(_("使用中"), default=True)

    class Meta:
        verbose_name = _("會議")
        verbose_name_plural = _("會議")
        ordering = ["owner__sort_order", "name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        """臺北市政府 + 主任秘書會報; 臺北市政府秘書處 + 處務會議."""
        return f"{self.owner.name}{self.name}"


class Meeting(models.Model):
    """One numbered sitting of a series (第 224 次; 113 年第 12 次) and its minutes."""

    class MinutesState(models.TextChoices):
        DRAFT = "draft", _("草稿")
        CIRCULATED = "circulated", _("會簽中")
        PUBLISHED = "published", _("已發布")
        CONFIRMED = "confirmed", _("已確定")

    class Source(models.TextChoices):
        SCHEDULED = "scheduled", _("系統排定")
        IMPORTED = "imported", _("匯入")

    series = models.ForeignKey(MeetingSeries, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("會議"))
    number = models.PositiveIntegerField(_("會次"))
    year = models.PositiveSmallIntegerField(_("年度（民國）"), null=True, blank=True)
    start = models.DateTimeField(_("開會時間"))
    end = models.DateTimeField(_("散會時間"), null=True, blank=True)
    location = models.CharField(_("地點"), max_length=100, blank=True)
    chair = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("主席"))
    # As printed in the minutes; filled from ``chair`` for scheduled meetings, kept verbatim for imported ones.
    chair_name = models.CharField(_("主席姓名"), max_length=50, blank=True)
    chair_title = models.CharField(_("主席職稱"), max_length=50, blank=True)
    recorder = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("紀錄"))
    recorder_name = models.CharField(_("紀錄姓名"), max_length=50, blank=True)
    present_text = models.CharField(_("出席"), max_length=500, blank=True, default="如簽到表")
    observers_text = models.CharField(_("列席"), max_length=500, blank=True, default="如簽到表")
    excused_text = models.CharField(_("請假"), max_length=500, blank=True)
    materials_cutoff = models.DateTimeField(_("資料上傳截止"), null=True, blank=True)
    notice_sent_at = models.DateTimeField(_("開會通知寄送時間"), null=True, blank=True)
    cancelled = models.BooleanField(_("已取消"), default=False)
    minutes_state = models.CharField(_("紀錄狀態"), max_length=12, choices=MinutesState.choices, default=MinutesState.DRAFT)
    previous = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("上次會議"))
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.SCHEDULED)
    # The hash of an imported file's text, so that importing it again finds this meeting.
    source_digest = models.CharField(max_length=64, blank=True, db_index=True)
    source_name = models.CharField(max_length=255, blank=True)
    parse_warnings = models.JSONField(default=list, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("會次")
        verbose_name_plural = _("會次")
        ordering = ["series", "-start"]
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], condition=Q(year__isnull=True), name="meeting_number_unique"),
            models.UniqueConstraint(
                fields=["series", "year", "number"], condition=Q(year__isnull=False), name="meeting_year_number_unique"
            ),
        ]
        indexes = [models.Index(fields=["series", "start"])]

    def __str__(self) -> str:
        return f"{self.series.full_name}{self.ordinal}"

    @property
    def ordinal(self) -> str:
        """第224次 or 113年第12次."""
        return f"{self.year}年第{self.number}次" if self.year else f"第{self.number}次"

    @property
    def title(self) -> str:
        """臺北市政府第224次主任秘書會報紀錄 — the official title of the minutes."""
        return f"{self.series.owner.name}{self.ordinal}{self.series.name}紀錄"


class Invitation(models.Model):
    """Someone invited to a meeting as member (出席) or observer (列席), with their attendance."""

    # Plain Chinese labels: the notice of a meeting (an official document) is written with them; pages translate them.
    class Capacity(models.TextChoices):
        MEMBER = "member", "出席"
        OBSERVER = "observer", "列席"

    class Attendance(models.TextChoices):
        UNKNOWN = "unknown", _("未簽到")
        PRESENT = "present", _("已簽到")
        EXCUSED = "excused", _("請假")
        SUBSTITUTED = "substituted", _("代理出席")
        ABSENT = "absent", _("缺席")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="invitations", verbose_name=_("人員"))
    capacity = models.CharField(_("身分"), max_length=10, choices=Capacity.choices, default=Capacity.MEMBER)
    attendance = models.CharField(_("出席情形"), max_length=12, choices=Attendance.choices, default=Attendance.UNKNOWN)
    substitute_name = models.CharField(_("代理人"), max_length=50, blank=True)
    substitute_title = models.CharField(_("代理人職稱"), max_length=50, blank=True)
    signed_in_at = models.DateTimeField(_("簽到時間"), null=True, blank=True)
    # True when the attendee signed in on their own device, False when the recorder marked it.
    self_signed = models.BooleanField(default=False)
    note = models.CharField(_("備註"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("與會人員")
        verbose_name_plural = _("與會人員")
        ordering = ["capacity", "person__organisation__sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="invitation_unique")]

    def __str__(self) -> str:
        return f"{self.person}（{self.get_capacity_display()}）"


def _section_kind(kind: SectionKind, label: str) -> tuple[str, str]:
    """One of the minutes library's section kinds (mypy refuses any other value), with its label on pages."""
    return kind, label


class AgendaSection(models.Model):
    """壹、報告事項 — a section of the agenda and of the minutes."""

    # Plain Chinese labels: an imported section without a heading takes its kind's label as its heading (record data).
    class Kind(models.TextChoices):
        # The kinds are lieguan.minutes' SECTION_KINDS, in its order (checked below): this names and labels them.
        PREVIOUS_MINUTES = _section_kind("previous_minutes", "宣讀上次會議紀錄")
        REPORTS = _section_kind("reports", "報告事項")
        DISCUSSIONS = _section_kind("discussions", "討論事項")
        MOTIONS = _section_kind("motions", "臨時動議")
        GENERAL_CONCLUSIONS = _section_kind("general_conclusions", "綜合會議結論")
        CHAIR_DIRECTIVES = _section_kind("chair_directives", "主席裁示事項")
        OTHER = _section_kind("other", "其他")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField()
    label = models.CharField(_("編號"), max_length=10)
    kind = models.CharField(_("類別"), max_length=20, choices=Kind.choices)
    heading = models.CharField(_("標題"), max_length=200)
    conclusion_heading = models.CharField(max_length=20, blank=True)

    class Meta:
        verbose_name = _("議程段落")
        verbose_name_plural = _("議程段落")
        ordering = ["meeting", "position"]

    def __str__(self) -> str:
        return f"{self.label}、{self.heading}"


# A kind the minutes library adds (or drops) must be named above before Lieguan starts, not met first in an import.
if tuple(AgendaSection.Kind.values) != SECTION_KINDS:
    raise ImproperlyConfigured(f"AgendaSection.Kind {AgendaSection.Kind.values} differs from lieguan.minutes SECTION_KINDS {SECTION_KINDS}")


class AgendaItem(models.Model):
    """一、… （主計處） — an item of a section: a report, a proposal or a motion."""

    section = models.ForeignKey(AgendaSection, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    label = models.CharField(_("編號"), max_length=10, blank=True)
    title = models.TextField(_("案由"))
    presenter = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("報告機關")
    )
    # As printed (主計處), also when it matched no organisation of the directory.
    presenter_text = models.CharField(_("報告機關（原文）"), max_length=100, blank=True)
    body = models.TextField(_("內容"), blank=True)
    explanation = models.TextField(_("說明"), blank=True)
    proposed_action = models.TextField(_("辦法"), blank=True)
    conclusion_heading = models.CharField(max_length=20, blank=True)
    # 機密／限閱: the item, its materials, its conclusions and the cases from them are read only by those
    # ``meetings.access.can_read_confidential`` names; everyone else sees 「機密案件」. Set by
    # ``meetings.actions.confidential.do_mark_confidential``.
    confidential = models.BooleanField(_("機密"), default=False, db_index=True)
    confidential_people = models.ManyToManyField(Person, blank=True, related_name="+", verbose_name=_("得閱覽人員"))
    confidential_organisations = models.ManyToManyField(Organisation, blank=True, related_name="+", verbose_name=_("得閱覽機關"))

    class Meta:
        verbose_name = _("議程案件")
        verbose_name_plural = _("議程案件")
        ordering = ["section", "position"]

    def __str__(self) -> str:
        return self.title[:60]


class Remark(models.Model):
    """都發局張主秘補充說明：… — what an official said on an item."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="remarks")
    position = models.PositiveIntegerField()
    speaker = models.CharField(_("發言人"), max_length=100)
    speaker_organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    kind = models.CharField(_("類別"), max_length=20, blank=True, default="補充說明")
    text = models.TextField(_("內容"))

    class Meta:
        verbose_name = _("發言")
        verbose_name_plural = _("發言")
        ordering = ["item", "position"]

    def __str__(self) -> str:
        return f"{self.speaker}{self.kind}"


class Conclusion(models.Model):
    """A conclusion on an item (會議結論/決議) or directly under a section (綜合會議結論, 主席裁示事項)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, null=True, blank=True, related_name="conclusions")
    section = models.ForeignKey(AgendaSection, on_delete=models.CASCADE, null=True, blank=True, related_name="conclusions")
    position = models.PositiveIntegerField()
    label = models.CharField(max_length=10, blank=True)
    text = models.TextField(_("內容"))
    # The conclusion itself asks for tracking (本案列管); the tracking app turns it into a case.
    tracked = models.BooleanField(_("列管"), default=False)

    class Meta:
        verbose_name = _("會議結論")
        verbose_name_plural = _("會議結論")
        ordering = ["position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(item__isnull=False, section__isnull=True) | Q(item__isnull=True, section__isnull=False),
                name="conclusion_belongs_to_item_or_section",
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def meeting_id(self) -> int:
        return self.item.section.meeting_id if self.item_id else self.section.meeting_id  # type: ignore[union-attr]


class MinutesCaseDecision(models.Model):
    """A decision on a tracked case as the minutes record it (列管編號 223-1 解除列管).

    The meetings app's record of what the minutes say, and only that: an
    import writes the rows its document holds, and recording decisions in the
    app rewrites them with the standard sentence (``meetings.actions.case_decisions``).
    Whether tracking has applied a decision is tracking's own record (its
    CaseDecision at the meeting), never a flag here.
    """

    # Plain Chinese labels: the open data files are written with them; pages translate them where they show them.
    class Decision(models.TextChoices):
        RELEASE = "release", "解除列管"
        CONTINUE = "continue", "賡續列管"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="case_decisions")
    case_number = models.CharField(_("列管編號"), max_length=30)
    decision = models.CharField(_("決定"), max_length=10, choices=Decision.choices)
    part = models.CharField(_("部分（機關）"), max_length=200, blank=True)
    conclusion = models.ForeignKey(Conclusion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("列管決定（紀錄）")
        verbose_name_plural = _("列管決定（紀錄）")
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return f"{self.case_number} {self.get_decision_display()}"


def material_path(instance: Material, filename: str) -> str:
    # The stored name is ours, never the uploader's: nothing they send can pick a path.
    return f"materials/{instance.item.section.meeting_id}/{instance.digest[:2]}/{instance.digest}"


class Material(models.Model):
    """A file for an agenda item (簡報, 書面資料), uploaded by the presenting agency."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="materials")
    file = models.FileField(upload_to=material_path, max_length=300)
    original_name = models.CharField(_("檔名"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    digest = models.CharField(max_length=64)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("提供機關"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("會議資料")
        verbose_name_plural = _("會議資料")
        ordering = ["item", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class MinutesRevision(models.Model):
    """A frozen version of a meeting's minutes, written at each publication and each confirmed amendment."""

    class Reason(models.TextChoices):
        PUBLISHED = "published", _("發布")
        AMENDED = "amended", _("修正")
        CONFIRMED = "confirmed", _("確定")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    reason = models.CharField(max_length=10, choices=Reason.choices)
    # Minutes JSON of this version, as lieguan.minutes renders it.
    document = models.JSONField()
    note = models.TextField(_("說明"), blank=True)
    # The meeting at which an amendment or confirmation was decided.
    decided_at_meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("紀錄版本")
        verbose_name_plural = _("紀錄版本")
        ordering = ["meeting", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="minutes_revision_unique")]

    def __str__(self) -> str:
        return f"{self.meeting} 第{self.number}版（{self.get_reason_display()}）"


class MinutesTransition(models.Model):
    """Who moved the minutes from one state to the next, and when (草稿 → 會簽 → 發布 → 確定)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=12, choices=Meeting.MinutesState.choices)
    to_state = models.CharField(max_length=12, choices=Meeting.MinutesState.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["meeting", "at", "id"]

    def __str__(self) -> str:
        return f"{self.meeting}：{self.get_from_state_display()} → {self.get_to_state_display()}"


class MinutesComment(models.Model):
    """A participant's remark on circulated draft minutes (會簽意見), answered by the recorder."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("意見"))
    created = models.DateTimeField(auto_now_add=True)
    resolved = models.BooleanField(_("已處理"), default=False)
    response = models.TextField(_("處理情形"), blank=True)

    class Meta:
        verbose_name = _("會簽意見")
        verbose_name_plural = _("會簽意見")
        ordering = ["meeting", "created"]

    def __str__(self) -> str:
        return self.text[:60]


class ImportBatch(models.Model):
    """One upload of one or many minutes files, imported one after another in date order."""

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_label = models.CharField(max_length=100, blank=True)  # the SystemActor of a CLI import
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("匯入批次")
        verbose_name_plural = _("匯入批次")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"匯入批次 #{self.pk}"


def import_path(instance: ImportFile, filename: str) -> str:
    return f"imports/{instance.batch_id}/{instance.digest}"


# The key of ``ImportFile.document`` that keeps the parser's warnings as sentences, beside ``warnings`` (their Chinese).
WARNING_WORDS_KEY = "warning_words"


class ImportFile(models.Model):
    """A file of an import batch: parsed, previewed, then imported into a meeting (or refused, with why)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("等待解析")
        PARSED = "parsed", _("待確認")
        IMPORTED = "imported", _("已匯入")
        DUPLICATE = "duplicate", _("已匯入過")
        FAILED = "failed", _("無法匯入")

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="files")
    position = models.PositiveIntegerField()
    original_name = models.CharField(max_length=255)
    file = models.FileField(upload_to=import_path, max_length=300)
    digest = models.CharField(max_length=64, db_index=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # Minutes JSON as parsed, with the parser's warnings: in Chinese (``warnings``) and, under ``WARNING_WORDS_KEY``,
    # as sentences worded in each reader's language when read (``worded_warnings``; a row without them is read as stored).
    document = models.JSONField(null=True, blank=True)
    # Why the file failed or was refused, worded in Chinese, the source language: the audit trail keeps it, and a
    # row written before ``error_words`` is read as it is.
    error = models.TextField(blank=True)
    # The same, as a sentence worded in each reader's language when read (``core.wording``: the msgid and
    # its parameters; ``importing.reading``, the upload check's ``UploadRefused.words``, ``importing.plan.find_duplicate``);
    # empty for a reason another part of the system worded (an access rule's refusal, tracking's).
    error_words = models.JSONField(default=dict, blank=True, editable=False)
    error_line = models.PositiveIntegerField(null=True, blank=True)
    # Names of people and organisations found in the document that the directory does not know,
    # each with what the importer proposes: [{"kind", "text", "proposal", "decision"}].
    unknown_names = models.JSONField(default=list, blank=True)
    series = models.ForeignKey(MeetingSeries, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("匯入檔案")
        verbose_name_plural = _("匯入檔案")
        ordering = ["batch", "position"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def worded_error(self) -> str:
        """Why the file failed or was refused, in the active language (the stored text for a row without words)."""
        return wording.worded(self.error_words, self.error)

    @property
    def worded_warnings(self) -> list[str]:
        """The parser's warnings, in the active language (each as stored where it has no words)."""
        document = self.document or {}
        stored = [str(w) for w in document.get("warnings") or []]
        words = document.get(WARNING_WORDS_KEY) or []
        if len(words) != len(stored):
            return stored
        return [wording.worded(w, s) for w, s in zip(words, stored, strict=True)]


class MinutesFile(BuiltFile):
    """The minutes as a file that takes a while to typeset (PDF, DOCX), built in the background (meetings.files).

    One per meeting, format and text: ``audience`` is the hash of the minutes as the reader may read them, so
    that two readers who see the same text share a file, and a reader not entitled to a confidential item is
    never handed the file of one who is. ``source`` is that text (Minutes JSON), kept from the request so that
    the build renders exactly what the reader was let see.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes_files")
    fmt = models.CharField(_("格式"), max_length=8)
    audience = models.CharField(_("對象"), max_length=64)
    source = models.TextField()

    class Meta:
        verbose_name = _("會議紀錄下載檔")
        verbose_name_plural = _("會議紀錄下載檔")
        constraints = [models.UniqueConstraint(fields=["meeting", "fmt", "audience"], name="minutes_file_once")]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.fmt} {self.state}"
