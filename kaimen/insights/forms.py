"""Filters and choices of the insights pages (GET forms; the policy form POSTs)."""

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaimen.insights.models import LeagueVisibility
from kaimen.orgs.models import Organization, OrganizationKind
from kaimen.orgs.selectors import path_q, scope_for
from kaimen.supervision.models import ProblemState
from kaimen.supervision.warnings import ALL_COLOURS, COLOUR_LABELS, STATUS_LABELS


class ProblemFilterForm(forms.Form):
    unit = forms.IntegerField(required=False, min_value=1)
    colour = forms.ChoiceField(
        required=False, choices=[("", _("全部颜色")), *((c, COLOUR_LABELS[c]) for c in ALL_COLOURS)]
    )
    state = forms.ChoiceField(required=False, choices=[("", _("全部状态")), *ProblemState.choices])
    status = forms.ChoiceField(
        required=False, choices=[("", _("全部进度")), *STATUS_LABELS.items()]
    )
    page = forms.IntegerField(required=False, min_value=1)


def parse_month(value: str) -> date | None:
    try:
        year, month = (int(part) for part in value.split("-", 1))
        return date(year, month, 1)
    except (ValueError, TypeError):
        return None


class MonthField(forms.CharField):
    def to_python(self, value: Any) -> date | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        month = parse_month(text)
        if month is None or not 2000 <= month.year <= 2100:  # noqa: PLR2004
            raise forms.ValidationError(_("请按“2024-05”的格式填写月份。"), code="invalid")
        return month


def watched_commissions(user: Any) -> list[Organization]:
    """The commissions the user watches: their own first, then the higher levels before the
    lower (a city commission's staff open on the city, not on one of its districts)."""
    scope = scope_for(user)
    qs = Organization.objects.filter(kind=OrganizationKind.COMMISSION)
    if not scope.is_superuser:
        qs = qs.filter(path_q(scope.watch_paths))
    return sorted(
        qs.order_by("path"),
        key=lambda c: (c.pk not in scope.commission_ids, c.path.count("/")),
    )


class LeagueForm(forms.Form):
    commission = forms.TypedChoiceField(label=_("纪委监委"), coerce=int, required=False)
    month = MonthField(
        label=_("月份"), required=False, widget=forms.TextInput(attrs={"type": "month"})
    )

    def __init__(self, *args: Any, commissions: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commission"].choices = [(c.pk, c.name) for c in commissions]  # type: ignore[attr-defined]
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if field is self.fields["commission"] else "form-control"
            )

    @classmethod
    def with_defaults(cls, query: Any, *, commissions: list[Organization]) -> "LeagueForm":
        """The form as the page shows it: the user's own commission and the running month
        filled in when the address does not name them, so the boxes say what the table shows."""
        data = query.copy()
        if not data.get("commission"):
            data["commission"] = str(commissions[0].pk)
        if not data.get("month"):
            data["month"] = timezone.localdate().strftime("%Y-%m")
        return cls(data, commissions=commissions)

    def month_or_current(self) -> date:
        month = self.cleaned_data.get("month") if self.is_valid() else None
        return month or timezone.localdate().replace(day=1)


class PolicyForm(forms.Form):
    commission = forms.IntegerField(widget=forms.HiddenInput)
    visibility = forms.ChoiceField(
        label=_("晾晒方式"), choices=LeagueVisibility.choices, widget=forms.RadioSelect
    )
    month = forms.CharField(required=False, widget=forms.HiddenInput)


class RollupForm(forms.Form):
    organization = forms.TypedChoiceField(label=_("辖区"), coerce=int, required=False)
    year = forms.TypedChoiceField(label=_("年度"), coerce=int, required=False)

    def __init__(
        self, *args: Any, regions: list[Organization], years: list[int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [(r.pk, r.name) for r in regions]  # type: ignore[attr-defined]
        self.fields["year"].choices = [(y, f"{y}年") for y in years]  # type: ignore[attr-defined]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"


class TotalsQuery(forms.Form):
    """`GET /api/v1/insights/totals` and the theme page's region filter."""

    organization = forms.IntegerField(required=False, min_value=1)
    year = forms.IntegerField(required=False, min_value=2000, max_value=2100)
