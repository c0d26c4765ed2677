"""The working-day calendar: the administrator loads the official yearly calendar and sees a year's overrides."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lieguan.core.models import CalendarDay
from lieguan.core.wording import word_error
from lieguan.minutes.errors import MinutesError
from lieguan.minutes.rocdate import to_roc_year
from lieguan.minutes.workdays import read_calendar_csv
from lieguan.organisations.access import require_admin
from lieguan.tracking import actions
from lieguan.tracking.forms import CalendarUploadForm

MAX_BYTES = 2 * 1024 * 1024


def _decode(data: bytes) -> str | None:
    """UTF-8 (with or without BOM), or Big5 as older government PCs save CSV."""
    for encoding in ("utf-8-sig", "cp950"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 1912 <= year <= 2200 else timezone.localdate().year


@login_required
@require_http_methods(["GET", "POST"])
def calendar(request: HttpRequest) -> HttpResponse:
    require_admin(request.user)
    year = _year(request)
    form = CalendarUploadForm(request.POST or None, request.FILES or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        text = _decode(upload.read(MAX_BYTES + 1)) if upload.size <= MAX_BYTES else None
        if upload.size > MAX_BYTES:
            error = _("檔案過大：行事曆檔案應小於 2 MB。")
        elif text is None:
            error = _("無法讀取檔案文字：請以 UTF-8 或 Big5 編碼的 CSV 上傳。")
        else:
            try:
                loaded = read_calendar_csv(text)
                count = actions.do_load_calendar(request.user, text)
            except MinutesError as problem:
                error = _("行事曆未載入，%(problem)s。檔案中的其他日期也都未變更，請修正後重新上傳。") % {"problem": word_error(problem)}
            else:
                messages.success(request, _("已載入 %(count)s 個日期的上班／放假設定。") % {"count": count})
                shown = Counter(d.date.year for d in loaded).most_common(1)[0][0] if loaded else year
                return redirect(reverse("tracking:calendar") + f"?year={shown}")
    days = list(CalendarDay.objects.filter(date__year=year).order_by("date"))
    years = sorted({d.year for d in CalendarDay.objects.dates("date", "year")} | {year})
    context = {
        "form": form,
        "error": error,
        "year": year,
        "roc_year": to_roc_year(year),
        "days": days,
        "years": [(y, to_roc_year(y)) for y in years],
        "working": sum(1 for d in days if d.working),
        "off": sum(1 for d in days if not d.working),
    }
    return render(request, "tracking/calendar.html", context)
