"""The public portal (开门治理): campaigns by year, a campaign's projects, a project's results.

Everyone may read what is published; staff in scope read the same pages for their unpublished
projects too (the selectors decide both).
"""

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from kaimen.campaigns import selectors


class YearFilterForm(forms.Form):
    year = forms.IntegerField(required=False, min_value=1949, max_value=2999)


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    form = YearFilterForm(request.GET)
    year = form.cleaned_data["year"] if form.is_valid() else None
    campaigns = selectors.campaign_list_with_totals_for(user=request.user, year=year)
    years = selectors.campaign_years_for(user=request.user)
    return render(
        request,
        "campaigns/portal/home.html",
        {"campaigns": campaigns, "years": years, "selected_year": year},
    )


@login_not_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_get_with_totals_for(user=request.user, pk=pk)
    projects = list(selectors.campaign_projects_for(user=request.user, campaign=campaign))
    # Results and running work apart: what was achieved, and what is being governed now.
    return render(
        request,
        "campaigns/portal/campaign_detail.html",
        {
            "campaign": campaign,
            "published_projects": [p for p in projects if p.is_public],
            "running_projects": [p for p in projects if not p.is_public],
        },
    )


@login_not_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for(user=request.user, pk=pk)
    is_internal_reader = request.user.has_perm("campaigns.view_internal_project", project)
    context = {
        "project": project,
        "campaign": project.campaign,
        "timeline": selectors.project_timeline_for(project=project),
        "reports": selectors.progress_report_list_for(user=request.user, project=project),
        "open_to_public": selectors.project_is_open_to_public(project=project),
        "staff_url": _staff_url(project.pk) if is_internal_reader else None,
    }
    return render(request, "campaigns/portal/project_detail.html", context)


def _staff_url(pk: int) -> str | None:
    """The back-office page of the project, once that page exists."""
    try:
        return reverse("campaigns_staff:project_detail", args=[pk])
    except NoReverseMatch:
        return None
