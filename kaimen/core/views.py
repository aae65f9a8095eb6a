from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kaimen.campaigns.selectors import campaign_list_for, project_list_for
from kaimen.core.decorators import staff_required
from kaimen.orgs.selectors import membership_list_for


@staff_required
def staff_home(request: HttpRequest) -> HttpResponse:
    """The staff member's start page: their roles, their campaigns and projects."""
    memberships = membership_list_for(user=request.user)
    campaigns = campaign_list_for(user=request.user).order_by("-year")[:10]
    projects = project_list_for(user=request.user).order_by("-campaign__year", "position")[:50]
    context = {"memberships": memberships, "campaigns": campaigns, "projects": projects}
    return render(request, "core/staff_home.html", context)
