"""Thin views of the inbox and the preferences page: read through access, write through actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lieguan.notifications import access, actions
from lieguan.notifications.kinds import all_kinds

PAGE_SIZE = 20


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    """The user's notifications, newest first, with the unread ones marked."""
    mine = access.visible_notifications(request.user)
    page = Paginator(mine, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
@require_POST
def mark_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    notification = access.access_notification(request.user, notification_id)
    actions.do_mark_read(request.user, notification)
    messages.success(request, _("已將「%(subject)s」標為已讀。") % {"subject": notification.worded_subject})
    return redirect("notifications:inbox")


@login_required
@require_POST
def open_link(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Following a notification's link reads it."""
    notification = access.access_notification(request.user, notification_id)
    actions.do_mark_read(request.user, notification)
    if notification.link and url_has_allowed_host_and_scheme(notification.link, allowed_hosts=None):
        return redirect(notification.link)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = actions.do_mark_all_read(request.user)
    if count:
        messages.success(request, _("已將 %(count)d 則通知標為已讀。") % {"count": count})
    else:
        messages.info(request, _("沒有未讀的通知。"))
    return redirect("notifications:inbox")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    """Per kind, in the app and by e-mail: two check boxes; unticking both means not being told of that kind."""
    if request.method == "POST":
        choices = {
            k.name: (f"{k.name}:in_app" in request.POST, f"{k.name}:email" in request.POST or not k.email_by_choice) for k in all_kinds()
        }
        changed = actions.do_set_preferences(request.user, choices)
        messages.success(request, _("已儲存通知方式。") if changed else _("通知方式沒有變更。"))
        return redirect("notifications:preferences")
    context = {"rows": access.preferences_of(request.user), "address": access.email_address_of(request.user)}
    return render(request, "notifications/preferences.html", context)
