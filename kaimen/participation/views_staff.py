"""Back office of 群众点题 and 社会评价: open calls, screen and answer topics, select them into a
campaign, record surveys, moderate comments. Commission roles only (selectors scope; services
check the permission)."""

from datetime import datetime, time, timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kaimen.campaigns.selectors import campaign_get_for, project_get_for
from kaimen.core.errors import ApplicationError
from kaimen.orgs.decorators import staff_required
from kaimen.orgs.models import Organization
from kaimen.orgs.permissions import ADMINISTER_JURISDICTION, WATCH_JURISDICTION
from kaimen.orgs.selectors import organizations_for, unit_choices_for
from kaimen.participation import selectors, services
from kaimen.participation.forms import (
    AnswerForm,
    AssignForm,
    CallForm,
    DeclineForm,
    MergeForm,
    ModerateForm,
    SelectForm,
    SurveyForm,
    TopicForm,
)
from kaimen.participation.models import Topic, TopicState
from kaimen.timeline.selectors import event_list_for


def _answer_orgs(user: Any, topic: Topic) -> Any:
    """The commission answers in its own or a unit's name; a unit in its own name only."""
    if not user.has_perm("participation.manage_topiccall", topic.call):
        return Organization.objects.filter(pk__in=[topic.responsible_unit_id or 0])
    return Organization.objects.filter(
        Q(pk=topic.call.commission_id) | Q(pk__in=unit_choices_for(user=user).values("pk"))
    ).order_by("path")


@staff_required
@require_GET
def call_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(WATCH_JURISDICTION):
        return redirect("participation_staff:assigned")  # units: the topics they answer
    calls = selectors.topic_call_list_staff_for(user=request.user)
    can_add = organizations_for(user=request.user, perm="participation.add_topiccall").exists()
    return render(
        request, "participation/staff/call_list.html", {"calls": calls, "can_add": can_add}
    )


@staff_required
@require_GET
def assigned(request: HttpRequest) -> HttpResponse:
    """待答复: topics the commission asked the user's units to answer (部门答题)."""
    topics = selectors.topic_list_assigned_for(user=request.user)
    return render(request, "participation/staff/assigned.html", {"topics": topics})


@staff_required
@require_http_methods(["GET", "POST"])
def call_create(request: HttpRequest) -> HttpResponse:
    commissions = organizations_for(user=request.user, perm="participation.add_topiccall")
    if not commissions.exists():
        raise PermissionDenied
    today = timezone.localdate()
    form = CallForm(
        request.POST or None,
        commissions=commissions,
        initial={"opens_on": today, "title": _("%d年度群众点题征集") % (today.year + 1)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        opens_at = timezone.make_aware(datetime.combine(data["opens_on"], time.min))
        try:
            call = services.topic_call_create(
                actor=request.user,
                commission=data["commission"],
                title=data["title"],
                intro=data["intro"],
                opens_at=opens_at,
                closes_at=opens_at + timedelta(days=data["days"]),
                allow_choose=data["allow_choose"],
                allow_propose=data["allow_propose"],
            )
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("已发布点题征集。"))
            return redirect("participation_staff:call_detail", call.pk)
    return render(request, "participation/staff/call_form.html", {"form": form})


@staff_required
@require_GET
def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = selectors.topic_call_get_staff_for(user=request.user, pk=pk)
    state = request.GET.get("state") or TopicState.SUBMITTED
    topics = selectors.topic_list_for(user=request.user, call=call, states=(state,))
    context = {
        "call": call,
        "topics": topics,
        "state": state,
        "states": TopicState.choices,
        "can_manage": request.user.has_perm("participation.manage_topiccall", call),
    }
    return render(request, "participation/staff/call_detail.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def candidate_add(request: HttpRequest, pk: int) -> HttpResponse:
    call = selectors.topic_call_get_staff_for(user=request.user, pk=pk)
    if not request.user.has_perm("participation.manage_topiccall", call):
        raise PermissionDenied
    form = TopicForm(request.POST or None, call=call)
    if request.method == "POST" and form.is_valid():
        try:
            services.topic_candidate_add(actor=request.user, call=call, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("已添加候选问题。"))
            return redirect(f"{request.path}")
    context = {"call": call, "form": form}
    return render(request, "participation/staff/candidate_form.html", context)


def _topic_page(
    request: HttpRequest, topic: Topic, status: int = 200, **forms: Any
) -> HttpResponse:
    user = request.user
    can_manage = user.has_perm("participation.manage_topiccall", topic.call)
    context: dict[str, Any] = {
        "topic": topic,
        "call": topic.call,
        "can_manage": can_manage,
        "can_answer": user.has_perm("participation.answer_topic", topic),
        "assign_form": forms.get("assign_form")
        or AssignForm(
            units=unit_choices_for(user=user).order_by("path"),
            initial={"unit": topic.responsible_unit_id},
        ),
        "merge_form": forms.get("merge_form") or MergeForm(topic=topic),
        "decline_form": forms.get("decline_form") or DeclineForm(),
        "answer_form": forms.get("answer_form")
        or AnswerForm(
            organizations=_answer_orgs(user, topic),
            initial={"answer": topic.answer, "organization": topic.answered_by_id},
        ),
        "select_form": forms.get("select_form")
        or SelectForm(topic=topic, units=unit_choices_for(user=user).order_by("path")),
        "similar": selectors.topic_similar(
            call=topic.call, title=topic.title, description=topic.description, exclude=topic.pk
        ),
        "events": event_list_for(target=topic).exclude(action="topic.supported")
        if can_manage
        else [],
    }
    return render(request, "participation/staff/topic_detail.html", context, status=status)


def _staff_topic(request: HttpRequest, pk: int) -> Topic:
    return selectors.topic_get_for(user=request.user, pk=pk)


@staff_required
@require_GET
def topic_detail(request: HttpRequest, pk: int) -> HttpResponse:
    topic = _staff_topic(request, pk)
    user = request.user
    if not (
        user.has_perm("participation.view_topiccall_internal", topic.call)
        or user.has_perm("participation.answer_topic", topic)
    ):
        raise PermissionDenied
    return _topic_page(request, topic)


@staff_required
@require_POST
def topic_assign(request: HttpRequest, pk: int) -> HttpResponse:
    topic = _staff_topic(request, pk)
    form = AssignForm(request.POST, units=unit_choices_for(user=request.user))
    if form.is_valid():
        try:
            services.topic_assign(actor=request.user, topic=topic, unit=form.cleaned_data["unit"])
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return _done(request, topic, _("已交办，由该单位公开答复。"))
    if not request.user.has_perm("participation.manage_topiccall", topic.call):
        raise PermissionDenied
    return _topic_page(request, topic, 400, assign_form=form)


def _done(request: HttpRequest, topic: Topic, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("participation_staff:topic_detail", topic.pk)


@staff_required
@require_POST
def topic_publish(request: HttpRequest, pk: int) -> HttpResponse:
    topic = _staff_topic(request, pk)
    try:
        services.topic_publish(actor=request.user, topic=topic)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("participation_staff:topic_detail", topic.pk)
    return _done(request, topic, _("已公开，群众可以支持。"))


@staff_required
@require_POST
def topic_merge(request: HttpRequest, pk: int) -> HttpResponse:
    topic = _staff_topic(request, pk)
    form = MergeForm(request.POST, topic=topic)
    if form.is_valid():
        try:
            services.topic_merge(actor=request.user, topic=topic, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return _done(request, topic, _("已合并。"))
    return _topic_page(request, topic, 400, merge_form=form)


@staff_required
@require_POST
def topic_decline(request: HttpRequest, pk: int) -> HttpResponse:
    topic = _staff_topic(request, pk)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            services.topic_decline(actor=request.user, topic=topic, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return _done(request, topic, _("已作未采纳处理，理由已公开。"))
    return _topic_page(request, topic, 400, decline_form=form)


@staff_required
@require_POST
def topic_answer(request: HttpRequest, pk: int) -> HttpResponse:
    topic = _staff_topic(request, pk)
    form = AnswerForm(request.POST, organizations=_answer_orgs(request.user, topic))
    if form.is_valid():
        try:
            services.topic_answer(actor=request.user, topic=topic, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return _done(request, topic, _("答复已公开。"))
    return _topic_page(request, topic, 400, answer_form=form)


@staff_required
@require_POST
def topic_select(request: HttpRequest, pk: int) -> HttpResponse:
    topic = _staff_topic(request, pk)
    units = unit_choices_for(user=request.user).order_by("path")
    form = SelectForm(request.POST, topic=topic, units=units)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.topic_select(
                actor=request.user,
                topic=topic,
                campaign=data["campaign"],
                lead_units=list(data["lead_units"]),
                title=data["title"],
                theme=data["theme"],
            )
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return _done(request, topic, _("已采纳，治理项目已创建。"))
    return _topic_page(request, topic, 400, select_form=form)


@staff_required
@require_http_methods(["GET", "POST"])
def survey_create(
    request: HttpRequest, project_pk: int | None = None, campaign_pk: int | None = None
) -> HttpResponse:
    project = project_get_for(user=request.user, pk=project_pk) if project_pk else None
    campaign = campaign_get_for(user=request.user, pk=campaign_pk) if campaign_pk else None
    subject = project or campaign
    if subject is None or not request.user.has_perm("participation.record_survey", subject):
        raise PermissionDenied
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_record(
                actor=request.user,
                project=project,
                campaign=campaign,
                data=services.SurveyData(**form.cleaned_data),
            )
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("已记录满意度调查。"))
            return redirect(
                "portal:project_detail" if project else "portal:campaign_detail", subject.pk
            )
    context = {"form": form, "project": project, "campaign": campaign}
    return render(request, "participation/staff/survey_form.html", context)


@staff_required
@require_GET
def moderation(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(ADMINISTER_JURISDICTION):
        raise Http404  # commission admins only
    queue = selectors.evaluation_moderation_queue_for(user=request.user)
    context = {"evaluations": queue, "form": ModerateForm()}
    return render(request, "participation/staff/moderation.html", context)


@staff_required
@require_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = selectors.evaluation_get_for_moderation(user=request.user, pk=pk)
    form = ModerateForm(request.POST)
    if form.is_valid():
        try:
            services.evaluation_moderate(
                actor=request.user,
                evaluation=evaluation,
                keep=form.cleaned_data["decision"] == "keep",
                reason=form.cleaned_data["reason"],
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("已处理。"))
    return redirect("participation_staff:moderation")
