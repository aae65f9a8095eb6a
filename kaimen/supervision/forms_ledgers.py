"""Filter and upload forms of the ledgers (台账) pages."""

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from kaimen.campaigns.models import Project
from kaimen.core.forms import StyledForm
from kaimen.orgs.models import Organization, OrganizationKind
from kaimen.orgs.selectors import path_q, scope_for
from kaimen.supervision.ledgers import LedgerFilters
from kaimen.supervision.models import InspectionKind, Measure, ProblemSource, ProblemState
from kaimen.supervision.selectors import supervising_commissions_for
from kaimen.supervision.warnings import ALL_COLOURS, COLOUR_LABELS

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _units_for(user: Any) -> QuerySet[Organization]:
    scope = scope_for(user)
    qs = Organization.objects.exclude(kind__in=(OrganizationKind.REGION,))
    if scope.is_superuser:
        return qs.order_by("path")
    return qs.filter(path_q(scope.watch_paths) | Q(pk__in=scope.unit_ids)).order_by("path")


def _projects_for(user: Any) -> QuerySet[Project]:
    scope = scope_for(user)
    qs = Project.objects.select_related("campaign")
    if scope.is_superuser:
        return qs.order_by("-campaign__year", "position")
    visible = path_q(scope.watch_paths, "campaign__issuer__path") | Q(lead_units__in=scope.unit_ids)
    return qs.filter(visible).distinct().order_by("-campaign__year", "position")


class ProjectChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.campaign.year}年 {obj.title}"


class LedgerFilterForm(StyledForm):
    unit = forms.ModelChoiceField(
        label=_("责任单位"),
        required=False,
        queryset=Organization.objects.none(),
        empty_label=_("全部单位"),
    )
    project = ProjectChoiceField(
        label=_("治理项目"),
        required=False,
        queryset=Project.objects.none(),
        empty_label=_("全部项目"),
    )
    state = forms.ChoiceField(
        label=_("整改状态"), required=False, choices=[("", _("全部状态")), *ProblemState.choices]
    )
    colour = forms.ChoiceField(
        label=_("预警颜色"),
        required=False,
        choices=[("", _("全部颜色")), *[(c, COLOUR_LABELS[c]) for c in ALL_COLOURS]],
    )
    source = forms.ChoiceField(
        label=_("问题来源"), required=False, choices=[("", _("全部来源")), *ProblemSource.choices]
    )
    listed = forms.ChoiceField(
        label=_("挂牌督办"),
        required=False,
        choices=[("", _("不限")), ("yes", _("挂牌督办")), ("no", _("未挂牌"))],
    )
    kind = forms.ChoiceField(
        label=_("检查方式"), required=False, choices=[("", _("全部方式")), *InspectionKind.choices]
    )
    measure = forms.ChoiceField(
        label=_("处理方式"), required=False, choices=[("", _("全部方式")), *Measure.choices]
    )
    date_from = forms.DateField(label=_("起始日期"), required=False, widget=DATE_INPUT)
    date_to = forms.DateField(label=_("截止日期"), required=False, widget=DATE_INPUT)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units_for(user)  # type: ignore[attr-defined]
        self.fields["project"].queryset = _projects_for(user)  # type: ignore[attr-defined]

    def filters(self) -> LedgerFilters:
        if not self.is_valid():
            return LedgerFilters()
        data = self.cleaned_data
        listed = {"yes": True, "no": False}.get(data.get("listed") or "")
        return LedgerFilters(
            unit=data["unit"].pk if data.get("unit") else None,
            project=data["project"].pk if data.get("project") else None,
            state=data.get("state") or None,
            colour=data.get("colour") or None,
            source=data.get("source") or None,
            listed=listed,
            kind=data.get("kind") or None,
            measure=data.get("measure") or None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )


class ImportForm(StyledForm):
    commission = forms.ModelChoiceField(
        label=_("督办机关"), queryset=Organization.objects.none(), empty_label=None
    )
    file = forms.FileField(
        label=_("Excel 文件"),
        help_text=_("请使用下载的模板（.xlsx，不超过 2 MB）。全部行无误才会导入。"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pks = [c.pk for c in supervising_commissions_for(user=user)]
        self.fields["commission"].queryset = Organization.objects.filter(pk__in=pks)  # type: ignore[attr-defined]
