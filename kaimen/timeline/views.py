"""The public page of the day seals (审计日志封印公示)."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kaimen.timeline.selectors import daily_seal_list

SEALS_PER_PAGE = 60


@login_not_required
def seals(request: HttpRequest) -> HttpResponse:
    page = Paginator(daily_seal_list(), SEALS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "timeline/seals.html", {"page": page})
