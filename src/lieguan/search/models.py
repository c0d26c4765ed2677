"""The search index: one entry per searchable record, kept current from the meetings and tracking apps.

An entry holds what is shown (``text``, ``context``), what is matched
(``tokens``: the tokenizer's output joined by spaces) and what is filtered on
(series, agencies, date, case status). Who may see an entry is never stored:
it is decided at query time from the live meeting and case (search/access.py),
so a missed update can leave an entry stale but never visible to the wrong person.

The full-text part depends on the database (migration 0002):
- SQLite: an FTS5 table ``search_fts`` over ``tokens`` (external content, kept
  in step by triggers);
- PostgreSQL: a generated ``tsv`` column, ``to_tsvector('simple', tokens)``,
  with a GIN index.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lieguan.meetings.models import Meeting, MeetingSeries
from lieguan.organisations.models import Organisation
from lieguan.tracking.models import TrackedCase


class SearchEntry(models.Model):
    # Plain Chinese labels: the API gives them as the kinds' Chinese names; the search page translates them.
    class Kind(models.TextChoices):
        CONCLUSION = "conclusion", "會議結論"
        ITEM = "item", "議程案件"
        REMARK = "remark", "發言"
        CASE = "case", "列管案件"
        REPORT = "report", "辦理情形"

    kind = models.CharField(_("類別"), max_length=12, choices=Kind.choices)
    # The id of the Conclusion, AgendaItem, Remark, TrackedCase or ProgressReport.
    object_id = models.PositiveBigIntegerField()
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    case = models.ForeignKey(TrackedCase, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    series = models.ForeignKey(MeetingSeries, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    # The meeting's date; a case's opening date; a report's submission date.
    date = models.DateField(_("日期"))
    # For cases, their reports, and conclusions under tracking: 列管中 or 已解除列管.
    case_status = models.CharField(_("案件狀態"), max_length=10, blank=True)
    # Where the record stands: 報告事項 一、本府公務車輛調派（秘書處）; 列管編號 224-1.
    context = models.CharField(_("位置"), max_length=300, blank=True)
    text = models.TextField(_("內容"))
    tokens = models.TextField()
    # The fragment of the minutes page that shows this record (section id and text directive).
    anchor = models.CharField(max_length=1000, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("檢索項目")
        verbose_name_plural = _("檢索項目")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique")]
        indexes = [
            models.Index(fields=["date", "id"], name="search_entry_date"),
            models.Index(fields=["series", "date"], name="search_entry_series_date"),
            models.Index(fields=["kind", "date"], name="search_entry_kind_date"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.object_id}"


class SearchEntryAgency(models.Model):
    """An agency an entry concerns: the presenter, the speaker's, the assigned ones, or one its text names."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="agencies")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "organisation"], name="search_entry_agency_unique")]

    def __str__(self) -> str:
        return f"{self.entry_id} {self.organisation_id}"


class SearchTerm(models.Model):
    """How many conclusions hold a token: the document frequencies behind related decisions' TF-IDF.

    The row whose term is "" counts the conclusions themselves.
    """

    term = models.CharField(max_length=100, unique=True)
    df = models.IntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.term} {self.df}"
