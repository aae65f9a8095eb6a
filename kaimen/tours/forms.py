"""Forms of the tour pages: they parse input; services decide."""

from datetime import date
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kaimen.core.forms import BaseRowFormSet, StyledForm, TextField
from kaimen.orgs.models import Organization, OrganizationKind
from kaimen.orgs.selectors import path_q, scope_for
from kaimen.supervision.warnings import ALL_COLOURS, COLOUR_LABELS
from kaimen.tours.models import MeasureState, Tour, TourState
from kaimen.tours.services import ItemData, MeasureData

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def office_choices_for(user: Any) -> QuerySet[Organization]:
    scope = scope_for(user)
    qs = Organization.objects.exclude(kind=OrganizationKind.REGION)
    if not scope.is_superuser:
        qs = qs.filter(path_q(scope.supervise_paths))
    return qs.order_by("path")


def unit_choices(tour: Tour) -> QuerySet[Organization]:
    return (
        Organization.objects.filter(path__startswith=tour.office.jurisdiction_path)
        .exclude(kind=OrganizationKind.REGION)
        .order_by("path")
    )


class TourCreateForm(StyledForm):
    office = forms.ModelChoiceField(
        label=_("整改牵头机关"), queryset=Organization.objects.none(), empty_label=None
    )
    name = forms.CharField(
        label=_("巡视（巡察）名称"),
        max_length=100,
        help_text=_("如：十四届省委第十四轮巡视"),
    )
    inspecting_body = forms.CharField(label=_("巡视组"), max_length=100, required=False)
    inspected_party = forms.CharField(
        label=_("被巡视党组织"), max_length=100, help_text=_("如：中共舟山市定海区委")
    )
    feedback_on = forms.DateField(label=_("反馈日期"), widget=DATE_INPUT)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = office_choices_for(user)
        self.fields["office"].queryset = choices  # type: ignore[attr-defined]
        commission = choices.filter(kind=OrganizationKind.COMMISSION).first()
        if commission is not None:
            self.fields["office"].initial = commission.pk


class TourUpdateForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    name = forms.CharField(label=_("巡视（巡察）名称"), max_length=100)
    inspecting_body = forms.CharField(label=_("巡视组"), max_length=100, required=False)
    inspected_party = forms.CharField(label=_("被巡视党组织"), max_length=100)
    feedback_on = forms.DateField(label=_("反馈日期"), widget=DATE_INPUT)
    state = forms.ChoiceField(label=_("状态"), choices=TourState.choices)
    intro = TextField(
        label=_("总体情况"),
        required=False,
        rows=6,
        help_text=_("通报开头的总体整改情况，每段一行；处理人数等数字由下方自动生成。"),
    )
    closing = TextField(label=_("下一步工作"), required=False, rows=4)
    party_discipline = forms.IntegerField(label=_("党纪处分（人）"), min_value=0)
    government_sanction = forms.IntegerField(label=_("政务处分（人）"), min_value=0)
    organizational = forms.IntegerField(label=_("组织处理（人）"), min_value=0)
    admonition = forms.IntegerField(label=_("诫勉（人）"), min_value=0)
    reminder = forms.IntegerField(label=_("教育提醒（人）"), min_value=0)
    institutions = forms.IntegerField(label=_("建立完善制度（项）"), min_value=0)
    refunded_wan = forms.DecimalField(
        label=_("清退款项（万元）"), min_value=0, max_digits=12, decimal_places=2
    )

    FIGURES = (
        "party_discipline",
        "government_sanction",
        "organizational",
        "admonition",
        "reminder",
        "institutions",
        "refunded_wan",
    )

    @classmethod
    def initial_for(cls, tour: Tour) -> dict[str, Any]:
        return {name: getattr(tour, name) for name in cls.base_fields}

    def figure_fields(self) -> list[Any]:
        return [self[name] for name in self.FIGURES]


class ItemForm(StyledForm):
    category = forms.CharField(
        label=_("问题类别"),
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"list": "tour-categories"}),
    )
    title = forms.CharField(label=_("反馈问题"), max_length=200, required=False)
    detail = TextField(label=_("具体表现"), required=False, rows=2)

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any((data.get(name) or "").strip() for name in ("category", "title", "detail"))

    def to_data(self) -> ItemData:
        data = self.cleaned_data
        return ItemData(category=data["category"], title=data["title"], detail=data["detail"])


def item_formset(data: Any = None) -> BaseRowFormSet:
    factory = forms.formset_factory(
        ItemForm, formset=BaseRowFormSet, extra=3, can_delete=False, max_num=60
    )
    return cast(BaseRowFormSet, factory(data, prefix="items"))


class MeasureFieldsMixin(StyledForm):
    text = TextField(
        label=_("整改措施"),
        required=False,
        rows=2,
        help_text=_("第一句为措施标题，如：区委全面落实巡视整改主体责任。"),
    )
    units = forms.ModelMultipleChoiceField(
        label=_("责任单位"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    leader = forms.CharField(label=_("责任领导"), max_length=100, required=False)
    deadline = forms.DateField(label=_("整改时限"), required=False, widget=DATE_INPUT)

    def __init__(self, *args: Any, tour: Tour, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = unit_choices(tour)  # type: ignore[attr-defined]

    def to_data(self) -> MeasureData:
        data = self.cleaned_data
        return MeasureData(
            text=data["text"],
            units=list(data["units"]),
            deadline=data["deadline"],
            leader=data["leader"],
            long_term=bool(data.get("long_term")),
        )


class MeasureRowForm(MeasureFieldsMixin):
    long_term = forms.BooleanField(label=_("长期坚持"), required=False)

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not (data.get("text") or "").strip() and not data.get("units")


def measure_formset(data: Any = None, *, tour: Tour) -> BaseRowFormSet:
    factory = forms.formset_factory(
        MeasureRowForm, formset=BaseRowFormSet, extra=3, can_delete=False, max_num=30
    )
    return cast(BaseRowFormSet, factory(data, prefix="measures", form_kwargs={"tour": tour}))


class MeasureEditForm(MeasureFieldsMixin):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ProgressForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    progress = TextField(label=_("整改进展"), rows=4)
    long_term = forms.BooleanField(
        label=_("列为长期坚持事项"), required=False, help_text=_("仅整改牵头机关可设置。")
    )


class CloseForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    evidence = TextField(
        label=_("销号依据"),
        rows=4,
        help_text=_(
            "整改成效和佐证材料（见人、见事、见单位、见处理结果、见责任追究、见建章立制）。"
        ),
    )
    ledger_checked = forms.BooleanField(label=_("已逐项对账，确认整改到位"), required=False)


class ReopenForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    reason = TextField(label=_("重新整改的原因"), rows=2)


class ReportForm(StyledForm):
    date = forms.DateField(label=_("报告日期"), widget=DATE_INPUT, initial=date.today)
    text = TextField(label=_("进展情况"), rows=4)


LIST_KINDS = ("problems", "tasks", "responsibility", "deadlines")


class MeasureFilterForm(StyledForm):
    state = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部状态")), *MeasureState.choices]
    )
    colour = forms.ChoiceField(
        label=_("预警颜色"),
        required=False,
        choices=[("", _("全部颜色")), *[(c, COLOUR_LABELS[c]) for c in ALL_COLOURS]],
    )
    unit = forms.ModelChoiceField(
        label=_("责任单位"),
        required=False,
        queryset=Organization.objects.none(),
        empty_label=_("全部单位"),
    )
    category = forms.ChoiceField(label=_("问题类别"), required=False)

    def __init__(self, *args: Any, tour: Tour, categories: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_choices(tour)  # type: ignore[attr-defined]
        self.fields["category"].choices = [("", _("全部类别")), *[(c, c) for c in categories]]  # type: ignore[attr-defined]
