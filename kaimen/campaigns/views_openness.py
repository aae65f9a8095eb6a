"""The commission's openness setting: its running year public from the day projects are approved."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaimen.campaigns import services
from kaimen.campaigns.forms import OpennessPolicyForm
from kaimen.campaigns.selectors import campaign_get_for
from kaimen.core.errors import ApplicationError
from kaimen.orgs.decorators import staff_required


@staff_required
@require_POST
def openness_policy(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get_for(user=request.user, pk=pk)
    form = OpennessPolicyForm(request.POST)
    form.is_valid()  # two check boxes: every input is valid
    try:
        services.openness_policy_set(
            actor=request.user, commission=campaign.issuer, **form.cleaned_data
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("公开设置已保存。"))
    return redirect("campaigns_staff:campaign_detail", pk=campaign.pk)
