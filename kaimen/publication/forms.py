"""Forms of the announcement pages: they parse input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kaimen.core.forms import StyledForm
from kaimen.publication.services import MAX_COMMENT, MAX_TEXT


class GenerateForm(StyledForm):
    replace_draft = forms.BooleanField(label=_("覆盖现有草稿"), required=False)


class EditForm(StyledForm):
    text = forms.CharField(
        label=_("公告正文"),
        max_length=MAX_TEXT,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 28, "class": "announcement-editor"}),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class PreviewForm(forms.Form):
    text = forms.CharField(max_length=MAX_TEXT, strip=False, required=False)


class PublishForm(StyledForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    change_note = forms.CharField(
        label=_("更正说明"),
        max_length=300,
        required=False,
        help_text=_("更正已公布的公告时必填，将向公众展示。"),
    )
    confirm = forms.BooleanField(
        label=_("我已核对公告全文，确认公布（公布后不能修改）"),
        error_messages={"required": _("请先核对并勾选确认。")},
    )


class CommentForm(StyledForm):
    body = forms.CharField(
        label=_("评议意见"),
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("请文明评议，最多1000字。评议经多人举报后将暂时隐藏，待纪委监委审核。"),
    )


class ModerateForm(StyledForm):
    decision = forms.ChoiceField(
        label=_("处理"), choices=[("show", _("保留公开")), ("hide", _("屏蔽"))]
    )
    reason = forms.CharField(label=_("理由"), max_length=200, required=False)
