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
    projects = selectors.project_list_for(user=request.user, campaign=campaign)
    return render(
        request,
        "campaigns/portal/campaign_detail.html",
        {"campaign": campaign, "projects": projects},
    )


@login_not_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.project_get_for(user=request.user, pk=pk, readings=True)
    is_internal_reader = request.user.has_perm("campaigns.view_internal_project", project)
    context = {
        "project": project,
        "campaign": project.campaign,
        "timeline": selectors.project_timeline_for(project=project),
        "staff_url": _staff_url(project.pk) if is_internal_reader else None,
    }
    return render(request, "campaigns/portal/project_detail.html", context)


def _staff_url(pk: int) -> str | None:
    """The back-office page of the project, once that page exists."""
    try:
        return reverse("campaigns_staff:project_detail", args=[pk])
    except NoReverseMatch:
        return None
