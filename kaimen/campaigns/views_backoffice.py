from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kaimen.core.decorators import staff_required


@staff_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    return render(request, "campaigns/staff/campaign_list.html", {})
