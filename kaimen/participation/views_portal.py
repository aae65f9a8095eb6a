"""Public pages of 群众点题 and 社会评价 (mobile first). Reading is open to everyone; proposing,
supporting and rating need a citizen's account (手机号登录)."""

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kaimen.campaigns.selectors import project_get_for
from kaimen.core.errors import ApplicationError
from kaimen.participation import selectors, services
from kaimen.participation.forms import EvaluationForm, TopicForm
from kaimen.participation.models import PUBLIC_TOPIC_STATES, TopicState


def _sign_in_first(request: HttpRequest, back: str) -> HttpResponse | None:
    """Anonymous visitors sign in first and come back to `back` (a page, not the POST)."""
    if request.user.is_authenticated:
        return None
    query = urlencode({"next": back})
    return redirect(f"{reverse(settings.LOGIN_URL)}?{query}")


@login_not_required
@require_GET
def call_list(request: HttpRequest) -> HttpResponse:
    calls = selectors.topic_call_list_for(user=request.user)
    # The most supported topics, one click from the list (two from the home page).
    popular = selectors.topic_list_for(user=request.user, states=PUBLIC_TOPIC_STATES)[:5]
    return render(
        request, "participation/portal/call_list.html", {"calls": calls, "popular": popular}
    )


TABS = {
    "open": (TopicState.PUBLISHED,),
    "selected": (TopicState.SELECTED,),
    "merged": (TopicState.MERGED,),
    "declined": (TopicState.DECLINED,),
}


@login_not_required
@require_GET
def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = selectors.topic_call_get_for(user=request.user, pk=pk)
    tab = request.GET.get("tab", "open")
    tab = tab if tab in TABS else "open"
    topics = list(selectors.topic_list_for(user=request.user, call=call, states=TABS[tab]))
    context = {
        "call": call,
        "topics": topics,
        "tab": tab,
        "supported": selectors.supported_topic_ids(user=request.user, topics=topics),
        "can_propose": request.user.has_perm("participation.propose_topic", call),
    }
    return render(request, "participation/portal/call_detail.html", context)


@require_http_methods(["GET", "POST"])
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    call = selectors.topic_call_get_for(user=request.user, pk=pk)
    if not request.user.has_perm("participation.propose_topic", call):
        raise PermissionDenied
    form = TopicForm(request.POST or None, call=call)
    if request.method == "POST" and form.is_valid():
        try:
            topic = services.topic_propose(actor=request.user, call=call, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("已提交，经审核后公开征集支持。"))
            return redirect("participation:topic_detail", topic.pk)
    return render(request, "participation/portal/propose.html", {"call": call, "form": form})


@login_not_required
@require_GET
def similar(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: published topics of the call like the one being typed."""
    call = selectors.topic_call_get_for(user=request.user, pk=pk)
    topics = selectors.topic_similar(
        call=call,
        title=request.GET.get("title", "")[:200],
        description=request.GET.get("description", "")[:2000],
    )
    return render(request, "participation/portal/_similar.html", {"topics": topics})


@login_not_required
@require_GET
def topic_detail(request: HttpRequest, pk: int) -> HttpResponse:
    topic = selectors.topic_get_for(user=request.user, pk=pk)
    context = {
        "topic": topic,
        "call": topic.call,
        "supported": bool(selectors.supported_topic_ids(user=request.user, topics=[topic])),
        "is_public": topic.state in PUBLIC_TOPIC_STATES,
        "merged_topics": selectors.topic_list_for(user=request.user).filter(merged_into=topic),
    }
    return render(request, "participation/portal/topic_detail.html", context)


@login_not_required
@require_POST
def support(request: HttpRequest, pk: int) -> HttpResponse:
    topic = selectors.topic_get_to_support(user=request.user, pk=pk)
    back = reverse("participation:topic_detail", args=[pk])
    if (sign_in := _sign_in_first(request, back)) is not None:
        return sign_in
    try:
        services.support_add(actor=request.user, topic=topic)
    except ApplicationError as error:
        messages.error(request, error.message)
    if request.headers.get("HX-Request"):
        context = {"topic": selectors.topic_get_for(user=request.user, pk=pk), "supported": True}
        return render(request, "participation/portal/_support.html", context)
    return redirect("participation:topic_detail", topic.pk)


@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    topic = selectors.topic_get_for(user=request.user, pk=pk)
    services.topic_withdraw(actor=request.user, topic=topic)
    messages.success(request, _("已撤回。"))
    return redirect("participation:mine")


@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """我的: the citizen's proposals, supports and ratings."""
    context: dict[str, Any] = {
        "topics": selectors.topic_list_mine(user=request.user),
        "supported": selectors.topic_list_supported_by(user=request.user),
        "evaluations": selectors.evaluation_list_mine(user=request.user),
    }
    return render(request, "participation/portal/mine.html", context)


@require_http_methods(["GET", "POST"])
def evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_get_for(user=request.user, pk=pk)
    if not request.user.has_perm("participation.evaluate_project", project):
        raise PermissionDenied
    current = selectors.evaluation_for(user=request.user, project=project)
    initial = {"rating": current.rating, "comment": current.comment} if current else None
    form = EvaluationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_submit(actor=request.user, project=project, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("感谢您的评价。"))
            return redirect("portal:project_detail", project.pk)
    context = {"project": project, "form": form, "current": current}
    return render(request, "participation/portal/evaluate.html", context)


@require_POST
def flag(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = selectors.evaluation_get_public(pk=pk)
    services.evaluation_flag(actor=request.user, evaluation=evaluation)
    messages.success(request, _("已收到您的举报，我们会尽快核实。"))
    return redirect("portal:project_detail", evaluation.project_id)
