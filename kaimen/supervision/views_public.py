"""Public pages of supervision: a commission's listed problems (挂牌督办), when it publishes them.

Only what the public may read: numbers, the responsible unit, the problem, the deadline and the
state; never reasons, notes, evidence or accountability.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kaimen.supervision.selectors import listed_published_for


@login_not_required
def listed(request: HttpRequest, commission_id: int) -> HttpResponse:
    commission, problems = listed_published_for(commission_id=commission_id)
    context = {"commission": commission, "problems": problems}
    return render(request, "supervision/portal/listed.html", context)
