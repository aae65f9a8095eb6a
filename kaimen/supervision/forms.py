"""Back-office forms of supervision: they parse input; services decide.

Forms acting on a problem carry the `version` the page was read at, so a stale action becomes a
conflict message instead of a silent overwrite.
"""

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaimen.campaigns.models import Project
from kaimen.campaigns.selectors import project_list_staff_for
from kaimen.core.forms import BaseRowFormSet, StyledForm, TextField
from kaimen.orgs.models import Organization, OrganizationKind
from kaimen.orgs.selectors import path_q, scope_for
from kaimen.supervision.models import (
    Clock,
    ColourMode,
    EscalationStep,
    EvidenceCheck,
    InspectionKind,
    Measure,
    Problem,
    ProblemSource,
    ProblemState,
    Severity,
)
from kaimen.supervision.selectors import problem_choices_for, supervising_commissions_for
from kaimen.supervision.services.filing import ProblemData
from kaimen.supervision.services.policy import ThresholdData
from kaimen.supervision.warnings import ALL_COLOURS, COLOUR_LABELS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def unit_choices(user: Any) -> QuerySet[Organization]:
    """Bodies a commission role may name: non-region, non-commission, in its jurisdiction."""
    scope = scope_for(user)
    qs = Organization.objects.exclude(
        kind__in=(OrganizationKind.REGION, OrganizationKind.COMMISSION)
    )
    if scope.is_superuser:
        return qs.order_by("path")
    return qs.filter(path_q(scope.watch_paths) | Q(pk__in=scope.unit_ids)).order_by("path")


def project_choices(user: Any) -> QuerySet[Project]:
    return project_list_staff_for(user=user).select_related("campaign")


class ProjectChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.campaign.year}年 · {obj.title}"


class ProjectMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.campaign.year}年 · {obj.title}"


class ProblemMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.number} {obj.responsible_unit.name}：{obj.description[:30]}"


class ProblemChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.number} {obj.responsible_unit.name}：{obj.description[:30]}"


def _empty_labels(form: forms.Form, label: Any) -> None:
    """Chinese for the empty choice of optional selects (Django's default is dashes)."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField) and field.empty_label is not None:
            field.empty_label = label
            field.widget.choices = field.choices


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; their content is checked by the service."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def _files_field(help_text: Any = None) -> MultipleFileField:
    return MultipleFileField(
        label=_("附件"),
        required=False,
        help_text=help_text or _("JPEG、PNG 图片或 PDF、Word、Excel 文档，每个不超过 10 MB。"),
    )


class CommissionMixin(StyledForm):
    commission = forms.ModelChoiceField(
        label=_("纪委监委"), queryset=Organization.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        commissions = supervising_commissions_for(user=user)
        field = cast(forms.ModelChoiceField, self.fields["commission"])  # type: ignore[type-arg]
        field.queryset = Organization.objects.filter(pk__in=[c.pk for c in commissions])
        if len(commissions) == 1:
            field.initial = commissions[0].pk
            field.widget = forms.HiddenInput()


# ---------------------------------------------------------------- the ledger


class LedgerFilterForm(StyledForm):
    q = forms.CharField(
        label=_("关键词"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("问题描述、编号、单位…")}),
    )
    unit = forms.ModelChoiceField(
        label=_("责任单位"), queryset=Organization.objects.none(), required=False
    )
    project = ProjectChoiceField(
        label=_("治理项目"), queryset=Project.objects.none(), required=False
    )
    state = forms.ChoiceField(
        label=_("状态"), choices=[("", _("全部")), *ProblemState.choices], required=False
    )
    colour = forms.ChoiceField(
        label=_("预警"),
        choices=[("", _("全部"))] + [(c, COLOUR_LABELS[c]) for c in ALL_COLOURS],
        required=False,
    )
    source = forms.ChoiceField(
        label=_("来源"), choices=[("", _("全部")), *ProblemSource.choices], required=False
    )
    assigned_from = forms.DateField(label=_("交办日期自"), required=False, widget=DATE)
    assigned_to = forms.DateField(label=_("至"), required=False, widget=DATE)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_choices(user)  # type: ignore[attr-defined]
        self.fields["project"].queryset = project_choices(user)  # type: ignore[attr-defined]
        _empty_labels(self, _("全部"))

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        return {
            "unit": d["unit"].pk if d.get("unit") else None,
            "project": d["project"].pk if d.get("project") else None,
            "state": d.get("state") or None,
            "colour": d.get("colour") or None,
            "source": d.get("source") or None,
            "assigned_from": d.get("assigned_from"),
            "assigned_to": d.get("assigned_to"),
            "q": d.get("q") or None,
        }


# ---------------------------------------------------------------- inspections


class InspectionForm(CommissionMixin):
    date = forms.DateField(label=_("检查日期"), widget=DATE)
    kind = forms.ChoiceField(
        label=_("检查方式"), choices=InspectionKind.choices, initial=InspectionKind.UNANNOUNCED
    )
    members = forms.CharField(
        label=_("检查人员"),
        max_length=500,
        required=False,
        help_text=_("检查组成员，以顿号分隔。"),
    )
    inspected_units = forms.ModelMultipleChoiceField(
        label=_("被检查单位"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("问题的责任单位会自动列入。"),
    )
    projects = ProjectMultipleChoiceField(
        label=_("治理项目"),
        queryset=Project.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = TextField(label=_("检查情况"), required=False, rows=4)
    attachments = _files_field()

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["inspected_units"].queryset = unit_choices(user)  # type: ignore[attr-defined]
        self.fields["projects"].queryset = project_choices(user)  # type: ignore[attr-defined]
        self.fields["date"].initial = timezone.localdate()


class ProblemRowForm(StyledForm):
    responsible_unit = forms.ModelChoiceField(
        label=_("责任单位"), queryset=Organization.objects.none(), required=False
    )
    project = ProjectChoiceField(
        label=_("治理项目"), queryset=Project.objects.none(), required=False
    )
    description = TextField(label=_("问题描述"), required=False, rows=2)
    severity = forms.ChoiceField(
        label=_("严重程度"), choices=Severity.choices, initial=Severity.GENERAL
    )
    deadline = forms.DateField(label=_("整改时限"), required=False, widget=DATE)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible_unit"].queryset = unit_choices(user)  # type: ignore[attr-defined]
        self.fields["project"].queryset = project_choices(user)  # type: ignore[attr-defined]
        _empty_labels(self, _("（请选择）"))

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not (data.get("description") or "").strip() and not data.get("responsible_unit")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.is_blank():
            if not data.get("responsible_unit"):
                self.add_error("responsible_unit", _("请选择责任单位。"))
            if not (data.get("description") or "").strip():
                self.add_error("description", _("请填写问题描述。"))
            if not data.get("deadline") and "deadline" not in self.errors:
                self.add_error("deadline", _("请填写整改时限。"))
        return data

    def to_data(self) -> ProblemData:
        d = self.cleaned_data
        return ProblemData(
            responsible_unit=d["responsible_unit"],
            description=d["description"],
            deadline=d["deadline"],
            severity=d["severity"],
            project=d.get("project"),
            source=ProblemSource.INSPECTION,
        )


def problem_formset(data: Any = None, *, user: Any) -> BaseRowFormSet:
    factory = forms.formset_factory(
        ProblemRowForm, formset=BaseRowFormSet, extra=2, can_delete=False, max_num=50
    )
    return cast(BaseRowFormSet, factory(data, prefix="problems", form_kwargs={"user": user}))


# ---------------------------------------------------------------- acting on a problem


class ActionForm(StyledForm):
    action = forms.CharField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    reason = TextField(label=_("理由"), required=False, rows=3)
    deadline = forms.DateField(label=_("时限"), required=False, widget=DATE)


class EvidenceForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    text = TextField(
        label=_("整改情况"),
        rows=6,
        help_text=_("说明采取的措施、取得的结果；退回过的，说明补充了什么。"),
    )
    checklist = forms.MultipleChoiceField(
        label=_("“六见”佐证"),
        choices=EvidenceCheck.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("勾选材料能够证明的方面。"),
    )
    attachments = _files_field()


class ExtensionForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    deadline = forms.DateField(label=_("申请延至"), widget=DATE)
    reason = TextField(label=_("延期理由"), rows=4)


class LookbackForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    outcome = forms.ChoiceField(
        label=_("回头看结论"),
        choices=[("holds", _("整改成果巩固，维持销号")), ("relapse", _("反弹回潮，重新整改"))],
        widget=forms.RadioSelect,
    )
    date = forms.DateField(label=_("检查日期"), widget=DATE)
    members = forms.CharField(label=_("检查人员"), max_length=500, required=False)
    notes = TextField(label=_("检查情况"), required=False, rows=3)
    reason = TextField(
        label=_("说明"), required=False, rows=3, help_text=_("反弹回潮的，须说明发现的情况。")
    )
    deadline = forms.DateField(
        label=_("新的整改时限"), required=False, widget=DATE, help_text=_("重新整改时填写。")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
        self.fields["outcome"].widget.attrs["class"] = "form-check-input"


# ---------------------------------------------------------------- accountability, institutions


class AccountabilityForm(CommissionMixin):
    measure = forms.ChoiceField(label=_("处理方式"), choices=Measure.choices)
    decided_on = forms.DateField(label=_("处理日期"), widget=DATE)
    cases = forms.IntegerField(label=_("问题（件）"), min_value=0, initial=0)
    persons = forms.IntegerField(label=_("处理人数"), min_value=0, initial=1)
    problem = ProblemChoiceField(
        label=_("关联问题"), queryset=Problem.objects.none(), required=False
    )
    project = ProjectChoiceField(
        label=_("治理项目"), queryset=Project.objects.none(), required=False
    )
    amount_recovered = forms.DecimalField(
        label=_("追回金额（元）"), min_value=Decimal(0), decimal_places=2, initial=0
    )
    amount_refunded = forms.DecimalField(
        label=_("清退金额（元）"), min_value=Decimal(0), decimal_places=2, initial=0
    )
    notes = TextField(label=_("备注"), required=False, rows=3)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["problem"].queryset = problem_choices_for(user=user)  # type: ignore[attr-defined]
        self.fields["project"].queryset = project_choices(user)  # type: ignore[attr-defined]
        self.fields["decided_on"].initial = timezone.localdate()
        _empty_labels(self, _("（无）"))


class InstitutionForm(StyledForm):
    organization = forms.ModelChoiceField(
        label=_("制定单位"), queryset=Organization.objects.none(), empty_label=None
    )
    title = forms.CharField(label=_("制度名称"), max_length=300)
    issued_on = forms.DateField(label=_("印发日期"), required=False, widget=DATE)
    description = TextField(label=_("主要内容"), required=False, rows=3)
    project = ProjectChoiceField(
        label=_("治理项目"), queryset=Project.objects.none(), required=False
    )
    problems = ProblemMultipleChoiceField(
        label=_("针对的问题"),
        queryset=Problem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    attachments = _files_field(_("制度文件（PDF 或 Word），每个不超过 10 MB。"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope = scope_for(user)
        units = unit_choices(user)
        if not scope.supervise_paths and not scope.is_superuser:
            units = units.filter(pk__in=scope.unit_ids)
        self.fields["organization"].queryset = units  # type: ignore[attr-defined]
        self.fields["project"].queryset = project_choices(user)  # type: ignore[attr-defined]
        _empty_labels(self, _("（无）"))
        choices = problem_choices_for(user=user)
        self.fields["problems"].queryset = Problem.objects.filter(  # type: ignore[attr-defined]
            pk__in=[p.pk for p in choices]
        ).select_related("responsible_unit")


# ---------------------------------------------------------------- warning policy


STEP_CHOICES = [("", _("（无）")), *EscalationStep.choices]


class PolicyForm(StyledForm):
    """The policy as one form: per colour a clock, a number of days and an escalation step;
    the colours of the chosen set are used, the others ignored."""

    colours = forms.ChoiceField(label=_("预警颜色"), choices=ColourMode.choices)
    workdays = forms.BooleanField(label=_("按工作日计算（扣除法定节假日）"), required=False)
    listed_escalation = forms.BooleanField(
        label=_("挂牌督办的问题逾期后提高一级，超过督办时限即为最高级"), required=False
    )
    lookback_days = forms.IntegerField(label=_("销号后回头看（天）"), min_value=1, max_value=730)
    publish_listed = forms.BooleanField(
        label=_("公开挂牌督办事项"),
        required=False,
        help_text=_("在公开网站列出挂牌督办的问题：编号、责任单位、问题、督办时限和状态。"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for colour in ALL_COLOURS:
            label = COLOUR_LABELS[colour]
            self.fields[f"{colour}_clock"] = forms.ChoiceField(
                label=_("%s计时") % label, choices=Clock.choices, required=False
            )
            self.fields[f"{colour}_days"] = forms.IntegerField(
                label=_("%s天数") % label, required=False, min_value=0, max_value=365
            )
            self.fields[f"{colour}_step"] = forms.ChoiceField(
                label=_("%s督办措施") % label, choices=STEP_CHOICES, required=False
            )
        self.style_widgets()

    def colour_rows(self) -> list[tuple[str, Any, Any, Any, Any]]:
        return [
            (
                colour,
                COLOUR_LABELS[colour],
                self[f"{colour}_clock"],
                self[f"{colour}_days"],
                self[f"{colour}_step"],
            )
            for colour in ALL_COLOURS
        ]

    def thresholds(self) -> list[ThresholdData]:
        d = self.cleaned_data
        return [
            ThresholdData(
                colour=colour,
                clock=d.get(f"{colour}_clock") or Clock.OVERDUE,
                days=d.get(f"{colour}_days"),
                step=d.get(f"{colour}_step") or "",
            )
            for colour in ALL_COLOURS
        ]

    @staticmethod
    def initial_for(policy: Any) -> dict[str, Any]:
        from kaimen.supervision.warnings import escalation_step, policy_thresholds  # noqa: PLC0415

        initial: dict[str, Any] = {
            "colours": policy.colours,
            "workdays": policy.workdays,
            "listed_escalation": policy.listed_escalation,
            "lookback_days": policy.lookback_days,
            "publish_listed": policy.publish_listed,
        }
        for t in policy_thresholds(policy):
            initial[f"{t.colour}_clock"] = t.clock
            initial[f"{t.colour}_days"] = t.days
            initial[f"{t.colour}_step"] = escalation_step(t.colour, policy) or ""
        return initial
