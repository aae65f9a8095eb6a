from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kaimen.campaigns.models import Theme
from kaimen.core.forms import StyledForm
from kaimen.orgs.models import Organization
from kaimen.participation.models import Rating, SurveyMethod, SurveyScale, Topic, TopicCall
from kaimen.participation.selectors import campaign_choices_for_call, region_choices_for_call
from kaimen.participation.services import COMMENT_MAX, DESCRIPTION_MAX, TITLE_MAX


class OrganizationChoiceField(forms.ModelChoiceField[Organization]):
    def label_from_instance(self, obj: Organization) -> str:
        return obj.name


class OrganizationMultipleChoiceField(forms.ModelMultipleChoiceField[Organization]):
    def label_from_instance(self, obj: Organization) -> str:
        return obj.name


class TopicForm(StyledForm):
    title = forms.CharField(
        label=_("问题标题"),
        max_length=TITLE_MAX,
        help_text=_("一句话说清是什么问题，如“老旧小区电梯频繁故障维修难”"),
    )
    description = forms.CharField(
        label=_("问题描述"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("发生在哪里、持续多久、影响了哪些人；请勿填写他人隐私信息"),
    )
    region = OrganizationChoiceField(
        label=_("所在地区"), queryset=Organization.objects.none(), empty_label=_("请选择")
    )
    category = forms.ChoiceField(label=_("问题类别"), choices=Theme.choices, initial=Theme.OTHER)

    def __init__(self, *args: Any, call: TopicCall, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region = cast(Any, self.fields["region"])
        region.queryset = region_choices_for_call(call)


class CallForm(StyledForm):
    commission = OrganizationChoiceField(label=_("征集机关"), queryset=Organization.objects.none())
    title = forms.CharField(label=_("征集标题"), max_length=200)
    intro = forms.CharField(
        label=_("征集说明"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    opens_on = forms.DateField(label=_("开始日期"), widget=forms.DateInput(attrs={"type": "date"}))
    days = forms.IntegerField(label=_("征集天数"), min_value=1, max_value=90, initial=10)
    allow_choose = forms.BooleanField(
        label=_("选题：群众从候选问题中选择"), required=False, initial=True
    )
    allow_propose = forms.BooleanField(
        label=_("点题：群众自由提出问题"), required=False, initial=True
    )

    def __init__(self, *args: Any, commissions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        commission = cast(Any, self.fields["commission"])
        commission.queryset = commissions
        if commissions.count() == 1:
            commission.initial = commissions.first()


class MergeForm(StyledForm):
    into = forms.ModelChoiceField(
        label=_("合并至"), queryset=Topic.objects.none(), empty_label=_("请选择要合并到的问题")
    )
    answer = forms.CharField(
        label=_("答复（可选）"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, topic: Topic, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        into = cast(Any, self.fields["into"])
        into.queryset = Topic.objects.filter(
            call=topic.call, state__in=("published", "selected")
        ).exclude(pk=topic.pk)


class DeclineForm(StyledForm):
    reason = forms.CharField(
        label=_("未采纳理由（公开）"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(StyledForm):
    organization = OrganizationChoiceField(
        label=_("答复单位"), queryset=Organization.objects.none(), empty_label=None
    )
    answer = forms.CharField(label=_("答复内容（公开）"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organization = cast(Any, self.fields["organization"])
        organization.queryset = organizations


class AssignForm(StyledForm):
    unit = OrganizationChoiceField(
        label=_("交办单位"), queryset=Organization.objects.none(), empty_label=_("请选择")
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(Any, self.fields["unit"]).queryset = units


class SelectForm(StyledForm):
    campaign = forms.ModelChoiceField(
        label=_("纳入专项治理"), queryset=Topic.objects.none(), empty_label=_("请选择")
    )
    title = forms.CharField(label=_("治理项目名称"), max_length=200)
    theme = forms.ChoiceField(label=_("主题"), choices=Theme.choices)
    lead_units = OrganizationMultipleChoiceField(
        label=_("牵头单位"),
        queryset=Organization.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, topic: Topic, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        campaign = cast(Any, self.fields["campaign"])
        campaign.queryset = campaign_choices_for_call(topic.call)
        campaign.initial = topic.call.campaign_id
        lead_units = cast(Any, self.fields["lead_units"])
        lead_units.queryset = units
        self.fields["title"].initial = f"{topic.title}专项治理"
        self.fields["theme"].initial = topic.category


class EvaluationForm(StyledForm):
    rating = forms.ChoiceField(
        label=_("您的评价"), choices=Rating.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("意见建议（可选，公开显示）"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def style_widgets(self) -> None:
        super().style_widgets()
        self.fields["rating"].widget.attrs["class"] = "btn-check"  # buttons, not boxes


class SurveyForm(StyledForm):
    method = forms.ChoiceField(
        label=_("调查方式"), choices=SurveyMethod.choices, initial=SurveyMethod.PHONE
    )
    conducted_by = forms.CharField(label=_("调查机构"), max_length=100, required=False)
    conducted_on = forms.DateField(
        label=_("调查日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    sample_size = forms.IntegerField(label=_("样本量"), min_value=1)
    scale = forms.TypedChoiceField(
        label=_("量表"), choices=SurveyScale.choices, coerce=int, initial=SurveyScale.THREE
    )
    awareness_rate = forms.DecimalField(
        label=_("知晓率（%）"), required=False, min_value=0, max_value=100, decimal_places=2
    )
    satisfaction_rate = forms.DecimalField(
        label=_("满意率（%）"), required=False, min_value=0, max_value=100, decimal_places=2
    )
    support_rate = forms.DecimalField(
        label=_("支持率（%）"), required=False, min_value=0, max_value=100, decimal_places=2
    )
    note = forms.CharField(
        label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ModerateForm(StyledForm):
    decision = forms.ChoiceField(
        label=_("处理"), choices=[("keep", _("保留公开")), ("remove", _("隐藏"))]
    )
    reason = forms.CharField(label=_("理由"), required=False, max_length=500)
