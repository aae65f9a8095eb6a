from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kaimen.campaigns.presentation import project_next_steps
from kaimen.campaigns.selectors import campaign_list_staff_for, project_list_staff_for
from kaimen.orgs.decorators import staff_required
from kaimen.orgs.selectors import membership_list_for, organizations_for


@staff_required
def staff_home(request: HttpRequest) -> HttpResponse:
    """The staff member's start page: their roles, their campaigns, their projects and what is
    expected of them next (待填写治理目标, 待报送月报 …)."""
    memberships = membership_list_for(user=request.user)
    campaigns = campaign_list_staff_for(user=request.user)[:10]
    projects = project_list_staff_for(user=request.user)[:100]
    rows = [(project, project_next_steps(request.user, project)) for project in projects]
    context = {
        "memberships": memberships,
        "campaigns": campaigns,
        "projects": rows,
        "todo_count": sum(1 for _project, steps in rows if any(s.tone == "warning" for s in steps)),
        "can_create_campaign": organizations_for(
            user=request.user, perm="campaigns.add_campaign"
        ).exists(),
    }
    return render(request, "campaigns/staff/home.html", context)
