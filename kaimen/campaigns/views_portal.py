"""The public portal (开门治理): campaigns by year, a campaign's projects, a project's results.

Everyone may read what is published; staff in scope read the same pages for their unpublished
projects too (the selectors decide both).
"""

import re

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from kaimen.campaigns import selectors
from kaimen.campaigns.models import CampaignState
from kaimen.orgs.selectors import region_choices

REGION_COOKIE = "kaimen_region"
PER_PAGE = 20


class HomeFilterForm(forms.Form):
    """`year`: a year or "all" (default: the latest); `region`: a region's id or "all"
    (default: the one the visitor chose before, kept in a cookie)."""

    year = forms.CharField(required=False, max_length=4)
    region = forms.CharField(required=False, max_length=12)
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000)


def _choice(value: str, pattern: str) -> str | None:
    """ "all", a number, or None for anything else (malformed input is ignored, not an error)."""
    if value == "all" or re.fullmatch(pattern, value):
        return value
    return None


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    form = HomeFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    years = selectors.campaign_years_for(user=request.user)
    year_choice = _choice(data.get("year") or "", r"(19|2\d)\d\d")
    if year_choice is None:
        year_choice = str(years[0]) if years and not data.get("year") else "all"
    year = None if year_choice == "all" else int(year_choice)
    given_region = _choice(data.get("region") or "", r"\d{1,12}")
    remembered = _choice(request.COOKIES.get(REGION_COOKIE, ""), r"\d{1,12}")
    regions = list(region_choices())
    region = next((r for r in regions if str(r.pk) == (given_region or remembered)), None)
    campaigns = selectors.campaign_list_with_totals_for(user=request.user, year=year, region=region)
    page = Paginator(campaigns, PER_PAGE).get_page(data.get("page"))
    shown = list(page.object_list)
    # The loop's steps lead somewhere: the answers of the newest running campaign, the results
    # of the newest published one.
    context = {
        "campaigns": shown,
        "page": page,
        "years": years,
        "selected_year": year,
        "regions": regions,
        "region": region,
        "running_campaign": next((c for c in shown if c.state == CampaignState.RUNNING), None),
        "results_campaign": next((c for c in shown if getattr(c, "published_count", 0)), None),
    }
    response = render(request, "campaigns/portal/home.html", context)
    if given_region is not None:
        # The visitor's choice of region stays the default on their next visit.
        if region is None:
            response.delete_cookie(REGION_COOKIE)
        else:
            response.set_cookie(
                REGION_COOKIE, str(region.pk), max_age=365 * 24 * 3600, samesite="Lax"
            )
    return response


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
    project = selectors.project_get_for(user=request.user, pk=pk, readings=True)
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
