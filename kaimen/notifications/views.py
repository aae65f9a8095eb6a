"""The 通知 page: a signed-in user's notifications, newest first; mark read."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kaimen.notifications import selectors, services


def notification_list(request: HttpRequest) -> HttpResponse:
    notifications = selectors.notification_list_for(user=request.user)
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    unread = selectors.unread_count_for(user=request.user)
    return render(request, "notifications/list.html", {"page": page, "unread": unread})


@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    services.notification_mark_read(user=request.user, notification_id=pk)
    return redirect("notifications:list")


@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    services.notification_mark_all_read(user=request.user)
    return redirect("notifications:list")
