"""Back-office forms for campaigns and projects: they parse input; services decide.

Every edit form carries the `version` it was read at, so a stale save becomes a conflict
message instead of a silent overwrite.
"""

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaimen.campaigns.models import Campaign, Comparator, Project, Target, Theme
from kaimen.campaigns.services import OutcomeData, TargetData
from kaimen.core.forms import BaseRowFormSet, StyledForm, TextField, VersionMixin
from kaimen.orgs.models import Organization
from kaimen.orgs.selectors import organizations_for, unit_choices_for

# ---------------------------------------------------------------- campaigns


class CampaignCreateForm(StyledForm):
    issuer = forms.ModelChoiceField(
        label=_("发布机关"), queryset=Organization.objects.none(), empty_label=None
    )
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    title = forms.CharField(
        label=_("标题"), max_length=200, initial=_("漠视侵害群众利益问题专项治理")
    )
    intro = TextField(
        label=_("导语"),
        required=False,
        rows=5,
        help_text=_("公布时置于项目清单之前的说明文字，可稍后填写。"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = organizations_for(user=user, perm="campaigns.add_campaign")  # type: ignore[attr-defined]
        self.fields["year"].initial = timezone.localdate().year + 1


class CampaignUpdateForm(VersionMixin, StyledForm):
    title = forms.CharField(label=_("标题"), max_length=200)
    intro = TextField(label=_("导语"), required=False, rows=8)

    @classmethod
    def initial_for(cls, campaign: Campaign) -> dict[str, Any]:
        return {"version": campaign.version, "title": campaign.title, "intro": campaign.intro}


class CampaignTransitionForm(StyledForm):
    action = forms.ChoiceField(choices=[("start", _("启动")), ("publish", _("公布"))])


# ---------------------------------------------------------------- projects


class LeadUnitsMixin(StyledForm):
    lead_units = forms.ModelMultipleChoiceField(
        label=_("牵头单位"),
        queryset=Organization.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("可选多个；可稍后指定。"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_units"].queryset = unit_choices_for(user=user)  # type: ignore[attr-defined]

    def clean_title(self) -> str:
        title: str = self.cleaned_data["title"].strip()
        if not title:
            raise ValidationError(_("请填写治理项目名称。"))
        return title


class ProjectCreateForm(LeadUnitsMixin):
    title = forms.CharField(label=_("治理项目"), max_length=200)
    theme = forms.ChoiceField(label=_("主题"), choices=Theme.choices, initial=Theme.OTHER)
    field_order = ["title", "theme", "lead_units"]


class ProjectManageForm(VersionMixin, LeadUnitsMixin):
    title = forms.CharField(label=_("治理项目"), max_length=200)
    theme = forms.ChoiceField(label=_("主题"), choices=Theme.choices)
    field_order = ["title", "theme", "lead_units"]

    @classmethod
    def initial_for(cls, project: Project) -> dict[str, Any]:
        return {
            "version": project.version,
            "title": project.title,
            "theme": project.theme,
            "lead_units": list(project.lead_units.all()),
        }


class ProjectAnswerForm(VersionMixin, StyledForm):
    goal = TextField(
        label=_("治理目标"),
        required=False,
        rows=5,
        help_text=_("本项目要解决什么问题、达到什么效果。"),
    )
    plan = TextField(
        label=_("工作方案"),
        required=False,
        rows=6,
        help_text=_("主要措施、时间安排与责任分工。"),
    )

    @classmethod
    def initial_for(cls, project: Project) -> dict[str, Any]:
        return {"version": project.version, "goal": project.goal, "plan": project.plan}


def _plain(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


class TargetForm(StyledForm):
    label = forms.CharField(label=_("指标"), max_length=200, required=False)
    comparator = forms.ChoiceField(label=_("比较"), choices=Comparator.choices, initial="ge")
    target_value = forms.DecimalField(
        label=_("目标值"), max_digits=20, decimal_places=4, required=False
    )
    unit = forms.CharField(label=_("单位"), max_length=20, required=False)
    actual_value = forms.DecimalField(
        label=_("完成值"), max_digits=20, decimal_places=4, required=False
    )

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(
            data.get(name) not in (None, "")
            for name in ("label", "target_value", "unit", "actual_value")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.is_blank() and not data.get("DELETE"):
            if not (data.get("label") or "").strip():
                self.add_error("label", _("请填写指标名称。"))
            if data.get("target_value") is None and "target_value" not in self.errors:
                self.add_error("target_value", _("请填写目标值。"))
        return data

    def to_data(self) -> TargetData:
        d = self.cleaned_data
        return TargetData(
            label=d["label"],
            comparator=d["comparator"],
            target_value=d["target_value"],
            unit=d.get("unit") or "",
            actual_value=d.get("actual_value"),
        )

    @staticmethod
    def initial_for(project: Project) -> list[dict[str, Any]]:
        return [
            {
                "label": t.label,
                "comparator": t.comparator,
                "target_value": _plain(t.target_value),
                "unit": t.unit,
                "actual_value": _plain(t.actual_value),
            }
            for t in project.targets.all()
        ]


def target_formset(
    data: Any = None, *, initial: list[dict[str, Any]] | None = None
) -> BaseRowFormSet:
    extra = 1 if initial else 3
    factory = forms.formset_factory(
        TargetForm, formset=BaseRowFormSet, extra=extra, can_delete=True, max_num=50
    )
    return cast(BaseRowFormSet, factory(data, initial=initial, prefix="targets"))


class OutcomeForm(StyledForm):
    headline = forms.CharField(label=_("成果标题"), max_length=300, required=False)
    body = TextField(label=_("具体内容"), required=False, rows=4)

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not (data.get("headline") or "").strip() and not (data.get("body") or "").strip()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            not self.is_blank()
            and not data.get("DELETE")
            and not (data.get("headline") or "").strip()
        ):
            self.add_error("headline", _("请填写成果标题。"))
        return data

    def to_data(self) -> OutcomeData:
        return OutcomeData(headline=self.cleaned_data["headline"], body=self.cleaned_data["body"])

    @staticmethod
    def initial_for(project: Project) -> list[dict[str, Any]]:
        return [{"headline": o.headline, "body": o.body} for o in project.outcomes.all()]


def outcome_formset(
    data: Any = None, *, initial: list[dict[str, Any]] | None = None
) -> BaseRowFormSet:
    extra = 1 if initial else 3
    factory = forms.formset_factory(
        OutcomeForm, formset=BaseRowFormSet, extra=extra, can_delete=True, max_num=100
    )
    return cast(BaseRowFormSet, factory(data, initial=initial, prefix="outcomes"))


class VersionForm(VersionMixin, StyledForm):
    pass


MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")


class MonthField(forms.CharField):
    """A month as `<input type="month">` sends it ("2024-05") → the first day of that month."""

    widget = forms.TextInput(attrs={"type": "month"})

    def to_python(self, value: Any) -> date | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        match = MONTH_RE.match(text.strip())
        if not match or not 1 <= int(match.group(2)) <= 12:  # noqa: PLR2004
            raise ValidationError(_("请按“年-月”填写月份，例如 2024-05。"), code="invalid")
        return date(int(match.group(1)), int(match.group(2)), 1)

    def prepare_value(self, value: Any) -> Any:
        return f"{value:%Y-%m}" if isinstance(value, date) else value


class ProgressReportForm(StyledForm):
    month = MonthField(label=_("月份"))
    body = TextField(
        label=_("本月进展"),
        rows=6,
        help_text=_("本月开展的工作、发现和解决的问题、取得的数据。"),
    )
    next_steps = TextField(label=_("下步计划"), required=False, rows=3)

    def __init__(self, *args: Any, targets: Iterable[Target] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["month"].initial = timezone.localdate().replace(day=1)
        # One field per target: its value as of this month (left empty: not updated).
        self.targets = list(targets)
        for target in self.targets:
            self.fields[f"actual_{target.pk}"] = forms.DecimalField(
                label=_("%(label)s 完成值（%(unit)s）")
                % {"label": target.label, "unit": target.unit or "—"},
                required=False,
                min_value=0,
                max_digits=20,
                decimal_places=4,
                initial=target.actual_value,
                widget=forms.NumberInput(attrs={"class": "form-control", "step": "any"}),
            )

    def report_data(self) -> dict[str, Any]:
        """What the service takes: the report, and the targets' values given this month."""
        data = self.cleaned_data
        actuals = {
            t.pk: data[f"actual_{t.pk}"]
            for t in self.targets
            if data.get(f"actual_{t.pk}") is not None
        }
        return {
            "month": data["month"],
            "body": data["body"],
            "next_steps": data["next_steps"],
            "actuals": actuals,
        }


class ProjectTransitionForm(StyledForm):
    action = forms.CharField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = TextField(label=_("理由"), required=False, rows=3)


class OpennessPolicyForm(StyledForm):
    """What of the running year the commission makes public before results are published."""

    projects_public_on_approval = forms.BooleanField(
        label=_("项目确定后即向社会公开（牵头单位、治理目标、量化指标及进度）"), required=False
    )
    progress_reports_public = forms.BooleanField(label=_("公开工作月报"), required=False)
