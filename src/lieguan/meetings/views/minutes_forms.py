"""Typed input of the minutes pages: state changes, review comments, confirming the previous minutes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from lieguan.meetings.models import Meeting


class TransitionForm(forms.Form):
    to_state = forms.ChoiceField(choices=Meeting.MinutesState.choices)
    note = forms.CharField(label=_("說明（選填）"), required=False, max_length=500)
    # Where to come back to: the editor or the minutes page.
    back = forms.ChoiceField(choices=[("minutes", "minutes"), ("editor", "editor")], required=False)


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("會簽意見"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("請填寫會簽意見。")},
        help_text=format_lazy("{}{}", _("請寫明意見所指的段落，"), _("例如「報告事項二會議結論（一）」。")),
    )


class ResolveCommentForm(forms.Form):
    response = forms.CharField(
        label=_("處理情形"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("請填寫處理情形。")},
    )


class AmendmentForm(forms.Form):
    """One amendment: a conclusion of the previous minutes and its new text."""

    conclusion = forms.TypedChoiceField(label=_("修正的會議結論"), coerce=int, required=False, empty_value=None)
    new_text = forms.CharField(label=_("修正後的文字"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, choices: list[tuple[Any, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["conclusion"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("（請選擇）")), *(choices or [])]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("conclusion") and not (data.get("new_text") or "").strip():
            self.add_error("new_text", _("請填寫修正後的文字。"))
        if (data.get("new_text") or "").strip() and not data.get("conclusion"):
            self.add_error("conclusion", _("請選擇要修正的會議結論。"))
        return data


AmendmentFormSet = forms.formset_factory(AmendmentForm, extra=0, max_num=20, absolute_max=20)
