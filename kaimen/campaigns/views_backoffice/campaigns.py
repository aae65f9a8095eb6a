"""Campaign pages: list, create, detail, edit, start and publish."""

from typing import Literal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaimen.campaigns import services
from kaimen.campaigns.forms import (
    CampaignCreateForm,
    CampaignTransitionForm,
    CampaignUpdateForm,
    OpennessPolicyForm,
)
from kaimen.campaigns.models import (
    Campaign,
    CampaignState,
)
from kaimen.campaigns.presentation import project_next_steps, timeline_rows
from kaimen.campaigns.selectors import (
    campaign_get_for,
    campaign_list_staff_for,
    openness_policy_for,
    project_list_staff_for,
)
from kaimen.campaigns.views_backoffice.common import attempt, post_data, require_perm
from kaimen.core.errors import ApplicationError
from kaimen.orgs.decorators import staff_required
from kaimen.orgs.selectors import organizations_for
from kaimen.timeline.selectors import event_list_for

SaveResult = Literal["ok", "error", "conflict"]


@staff_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    campaigns = campaign_list_staff_for(user=request.user)
    can_create = organizations_for(user=request.user, perm="campaigns.add_campaign").exists()
    return render(
        request,
        "campaigns/staff/campaign_list.html",
        {"campaigns": campaigns, "can_create": can_create},
    )


@staff_required
def campaign_create(request: HttpRequest) -> HttpResponse:
    if not organizations_for(user=request.user, perm="campaigns.add_campaign").exists():
        raise PermissionDenied("campaigns.add_campaign")
    form = CampaignCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        created: list[Campaign] = []
        result = attempt(
            request,
            lambda: created.append(
                services.campaign_create(actor=request.user, **form.cleaned_data)
            ),
            form,
            success=_("已创建专项治理，请添加治理项目。"),
        )
        if result == "ok":
            return redirect("campaigns_staff:campaign_detail", pk=created[0].pk)
    return render(request, "campaigns/staff/campaign_form.html", {"form": form, "creating": True})


@staff_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get_for(user=request.user, pk=pk)
    projects = list(project_list_staff_for(user=request.user, campaign=campaign))
    can_manage = request.user.has_perm("campaigns.change_campaign", campaign)
    context = {
        "campaign": campaign,
        "projects": [(p, project_next_steps(request.user, p)) for p in projects],
        "can_manage": can_manage,
        "can_start": can_manage and campaign.state == CampaignState.DRAFT,
        "can_publish": can_manage and campaign.state == CampaignState.RUNNING,
        "timeline": timeline_rows(event_list_for(target=campaign)) if can_manage else [],
        "openness_form": OpennessPolicyForm(
            initial=model_to_dict(openness_policy_for(commission=campaign.issuer))
        )
        if request.user.has_perm("campaigns.set_openness", campaign.issuer)
        else None,
    }
    return render(request, "campaigns/staff/campaign_detail.html", context)


@staff_required
def campaign_update(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get_for(user=request.user, pk=pk)
    require_perm(request, "campaigns.change_campaign", campaign)
    form = CampaignUpdateForm(post_data(request), initial=CampaignUpdateForm.initial_for(campaign))
    result = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = attempt(
            request,
            lambda: services.campaign_update(actor=request.user, campaign=campaign, **data),
            form,
            success=_("已保存。"),
        )
        if result == "ok":
            return redirect("campaigns_staff:campaign_detail", pk=campaign.pk)
    context = {"form": form, "campaign": campaign, "conflict": result == "conflict"}
    return render(request, "campaigns/staff/campaign_form.html", context)


@require_POST
@staff_required
def campaign_transition(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get_for(user=request.user, pk=pk)
    require_perm(request, "campaigns.change_campaign", campaign)
    form = CampaignTransitionForm(request.POST)
    if form.is_valid():
        try:
            services.campaign_transition(
                actor=request.user, campaign=campaign, action=form.cleaned_data["action"]
            )
        except ApplicationError as exc:
            messages.warning(request, exc.message)
        else:
            messages.success(
                request, _("专项治理状态已更新为“%s”。") % campaign.get_state_display()
            )
    return redirect("campaigns_staff:campaign_detail", pk=campaign.pk)
