"""Forms of the back-office import flow: upload or paste, corrections, confirmation."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from kaimen.campaigns.imports import MAX_SOURCE_BYTES
from kaimen.core.forms import StyledForm
from kaimen.orgs.models import Organization


class ImportUploadForm(StyledForm):
    issuer = forms.ModelChoiceField(
        label=_("发布机关"), queryset=Organization.objects.none(), empty_label=None
    )
    file = forms.FileField(
        label=_("公告文件"),
        required=False,
        help_text=_("纯文本（.txt，UTF-8 或 GBK 编码）或 Word 文档（.docx），不超过 5 MB"),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.docx,text/plain"}),
    )
    text = forms.CharField(
        label=_("或粘贴公告全文"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=MAX_SOURCE_BYTES,
    )

    def __init__(self, *args: Any, issuers: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("file") and not (data.get("text") or "").strip():
            self.add_error("text", _("请上传公告文件或粘贴公告全文。"))
        return data


class FigureForm(StyledForm):
    label = forms.CharField(label=_("名称"), max_length=200)
    value = forms.DecimalField(label=_("数值"), max_digits=24, decimal_places=6, localize=False)
    unit = forms.CharField(label=_("单位"), max_length=20, required=False)


FigureFormSet = formset_factory(FigureForm, extra=1, can_delete=True)


class CampaignCorrectionForm(StyledForm):
    year = forms.IntegerField(label=_("年度"), min_value=1990, max_value=2100)
    title = forms.CharField(label=_("公告标题"), max_length=200, required=False)


class ProjectCorrectionForm(StyledForm):
    title = forms.CharField(label=_("治理项目"), max_length=200)
    lead_units = forms.CharField(
        label=_("牵头单位"), max_length=500, help_text=_("多个单位用顿号“、”分隔")
    )
    goal = forms.CharField(
        label=_("治理目标"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_lead_units(self) -> list[str]:
        raw = self.cleaned_data["lead_units"]
        units = [u.strip() for u in raw.replace("，", "、").replace(",", "、").split("、")]
        return [u for u in units if u]


class ImportConfirmForm(StyledForm):
    create_orgs = forms.BooleanField(
        label=_("自动新建尚未登记的牵头单位"), required=False, initial=True
    )
    allow_update = forms.BooleanField(label=_("确认用本次文本更新已导入的专项治理"), required=False)


def figure_rows(formset: Any) -> list[dict[str, Any]]:
    """The formset's rows in the shape `imports.parsed_with_*` take (deleted rows flagged)."""
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data:
            continue
        rows.append(
            {
                "label": data["label"],
                "value": data["value"],
                "unit": data.get("unit") or "",
                "delete": bool(data.get("DELETE")),
            }
        )
    return rows


class StructureForm(StyledForm):
    """One structural correction of the parse (see `kaimen.campaigns.imports.structure`)."""

    OPERATIONS = (
        ("title_line", _("设为项目标题")),
        ("merge", _("与下一个项目合并")),
        ("split", _("从第几条治理成果起拆分为新项目")),
        ("move", _("把数据移到另一项目")),
    )
    operation = forms.ChoiceField(choices=OPERATIONS)
    line = forms.IntegerField(label=_("原文行"), required=False, min_value=0)
    position = forms.IntegerField(label=_("项目"), required=False, min_value=1)
    outcome = forms.IntegerField(label=_("治理成果条目"), required=False, min_value=2)
    figure = forms.RegexField(label=_("数据"), required=False, regex=r"^\d+:\d+$")
    target = forms.IntegerField(label=_("移到"), required=False, min_value=0)

    REQUIRED = {
        "title_line": ("line",),
        "merge": ("position",),
        "split": ("position", "outcome"),
        "move": ("figure", "target"),
    }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in self.REQUIRED.get(data.get("operation", ""), ()):
            if data.get(name) in (None, ""):
                self.add_error(name, _("请选择。"))
        return data
