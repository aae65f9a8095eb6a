import uuid
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from kaimen.reports import selectors
from kaimen.reports.models import Rating, ReportChannel, ReportKind


def bootstrap(form: forms.Form) -> None:
    """Give every widget its Bootstrap class (the templates render fields as they are)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.RadioSelect | forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile[Any]]:
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class ReportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("反映类别"), choices=ReportKind.choices, widget=forms.RadioSelect
    )
    category = forms.ModelChoiceField(
        label=_("事项分类"), queryset=selectors.category_list(), empty_label=_("请选择")
    )
    organization = forms.ModelChoiceField(
        label=_("涉及地区或单位"),
        queryset=selectors.place_choices(),
        required=False,
        empty_label=_("不确定 / 不选择"),
    )
    address = forms.CharField(label=_("具体地点"), max_length=200, required=False)
    project = forms.ModelChoiceField(
        label=_("相关治理项目"),
        queryset=selectors.project_choices_for(user=None),
        required=False,
        empty_label=_("不涉及 / 不清楚"),
    )
    content = forms.CharField(
        label=_("反映内容"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    attachments = MultipleFileField(
        label=_("照片或文件"),
        required=False,
        help_text=_("JPEG、PNG 照片或 PDF、Word（docx）文件，每个不超过 10 MB，最多 5 个。"),
    )
    name = forms.CharField(label=_("姓名（可不填）"), max_length=50, required=False)
    phone = forms.CharField(label=_("联系电话（可不填）"), max_length=20, required=False)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("idempotency_key", uuid.uuid4().hex)
        kwargs["initial"].setdefault("kind", ReportKind.SERVICE_REQUEST)
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = selectors.project_choices_for(user=user)  # type: ignore[attr-defined]
        self.fields["attachments"].widget.attrs["accept"] = ".jpg,.jpeg,.png,.pdf,.docx"
        self.fields["content"].widget.attrs["placeholder"] = _(
            "请写明什么时间、什么地点、什么人、发生了什么事，越具体越便于核查。"
        )
        bootstrap(self)


class StaffReportForm(ReportForm):
    """A hotline call, letter, visit or 12345 work order entered by commission staff."""

    channel = forms.ChoiceField(
        label=_("受理渠道"),
        choices=[c for c in ReportChannel.choices if c[0] != ReportChannel.WEB],
    )
    external_number = forms.CharField(label=_("工单编号"), max_length=40, required=False)
    commission = forms.ModelChoiceField(label=_("受理机关"), queryset=selectors.place_choices())

    def __init__(self, *args: Any, commissions: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commission"].queryset = commissions  # type: ignore[attr-defined]


class TrackForm(forms.Form):
    receipt = forms.CharField(
        label=_("查询码"),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "off",
                "placeholder": "1234 5678 9012 3456",
            }
        ),
    )


class RateForm(forms.Form):
    rating = forms.ChoiceField(
        label=_("您对答复的评价"), choices=Rating.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("意见（可不填）"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class DeclineForm(VersionForm):
    reason = forms.CharField(
        label=_("不予受理理由"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CloseForm(VersionForm):
    reason = forms.CharField(label=_("办结说明"), max_length=1000, required=False)


class AssignForm(VersionForm):
    unit = forms.ModelChoiceField(label=_("承办单位"), queryset=selectors.place_choices())

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class ReplyForm(VersionForm):
    body = forms.CharField(
        label=_("答复内容"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    public = forms.BooleanField(label=_("向反映人公开"), required=False, initial=True)


class ProblemForm(forms.Form):
    responsible_unit = forms.ModelChoiceField(
        label=_("责任单位"), queryset=selectors.place_choices()
    )
    deadline = forms.DateField(label=_("整改时限"), widget=forms.DateInput(attrs={"type": "date"}))
    description = forms.CharField(
        label=_("问题描述（默认为反映内容）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["responsible_unit"].queryset = units  # type: ignore[attr-defined]


class InboxFilterForm(forms.Form):
    tab = forms.CharField(required=False)
    kind = forms.ChoiceField(choices=[("", _("全部")), *ReportKind.choices], required=False)


class RoutingRuleForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("事项分类"), queryset=selectors.category_list(), empty_label=_("请选择")
    )
    place = forms.ModelChoiceField(
        label=_("地区或单位"),
        queryset=selectors.place_choices(),
        empty_label=_("请选择"),
        help_text=_("反映涉及该地区（含下级）时适用；范围越小越优先。"),
    )
    unit = forms.ModelChoiceField(
        label=_("建议承办单位"), queryset=selectors.place_choices(), empty_label=_("请选择")
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = selectors.routing_place_choices_for(user=user)  # type: ignore[attr-defined]
        self.fields["unit"].queryset = selectors.routing_unit_choices_for(user=user)  # type: ignore[attr-defined]
        bootstrap(self)


class WorkOrderImportForm(forms.Form):
    commission = forms.ModelChoiceField(label=_("受理机关"), queryset=selectors.place_choices())
    file = forms.FileField(
        label=_("Excel 文件（.xlsx）"), help_text=_("使用下载的模板，不超过 2 MB。")
    )

    def __init__(self, *args: Any, commissions: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commission"].queryset = commissions  # type: ignore[attr-defined]
        self.fields["file"].widget.attrs["accept"] = ".xlsx"
        if commissions is not None and commissions.count() == 1:
            self.fields["commission"].initial = commissions.first()
        bootstrap(self)
