"""Who hears about a problem's transitions, sent once the transaction has committed.

The responsible unit's people hear when a notice is issued, evidence is returned, the problem is
closed, listed, reopened, or an extension is decided, and when a warning letter is sent; the
commission side (whoever filed the problem, else the commission's supervisors) hears when
evidence is submitted or an extension requested. Each message has a key, so a retried call
sends nothing twice.
"""

from functools import partial
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_  # noqa: N812  (the gettext convention)

from kaimen.notifications.services import notify_user
from kaimen.orgs.models import Membership, Role
from kaimen.supervision.models import Letter, Problem

UNIT_MESSAGES: dict[str, str] = {
    "notify": N_("纪委监委已向你单位下发整改通知书（问题 %(number)s），请按时限完成整改。"),
    "return": N_("问题 %(number)s 的整改材料被退回，请补充后重新提交。"),
    "close": N_("问题 %(number)s 已验收销号。"),
    "list": N_("问题 %(number)s 已被挂牌督办，请主要负责同志亲自督办。"),
    "reopen": N_("回头看发现问题 %(number)s 反弹回潮，已重新交办整改。"),
    "approve_extension": N_("问题 %(number)s 的延期申请已同意。"),
    "refuse_extension": N_("问题 %(number)s 的延期申请未获同意。"),
    "mark_basically_done": N_("问题 %(number)s 审核意见：阶段性成果，持续整改。"),
}
COMMISSION_MESSAGES: dict[str, str] = {
    "submit_evidence": N_("%(unit)s 已提交问题 %(number)s 的整改材料，请审核。"),
    "request_extension": N_("%(unit)s 申请延长问题 %(number)s 的整改时限，请审批。"),
}
VERBS: dict[str, str] = {
    "notify": N_("整改通知"),
    "return": N_("整改材料退回"),
    "close": N_("问题销号"),
    "list": N_("挂牌督办"),
    "reopen": N_("重新整改"),
    "approve_extension": N_("延期审批"),
    "refuse_extension": N_("延期审批"),
    "mark_basically_done": N_("整改审核"),
    "submit_evidence": N_("整改材料待审核"),
    "request_extension": N_("延期申请待审批"),
}


def unit_users(problem: Problem) -> list[Any]:
    return [
        m.user
        for m in Membership.objects.filter(
            organization_id=problem.responsible_unit_id,
            role__in=(Role.UNIT_ADMIN, Role.UNIT_STAFF),
            user__is_active=True,
        ).select_related("user")
    ]


def commission_users(problem: Problem) -> list[Any]:
    if problem.created_by is not None and problem.created_by.is_active:
        return [problem.created_by]
    return [
        m.user
        for m in Membership.objects.filter(
            organization_id=problem.commission_id,
            role__in=(Role.SUPERVISOR, Role.COMMISSION_ADMIN),
            user__is_active=True,
        ).select_related("user")
    ]


def _problem_url(problem: Problem) -> str:
    return reverse("supervision:problem_detail", args=[problem.pk])


def problem_transition_notify(*, problem_id: int, action: str, version: int, actor_id: Any) -> int:
    """Send the messages of one transition; returns how many users were told."""
    problem = (
        Problem.objects.select_related("responsible_unit", "created_by")
        .filter(pk=problem_id)
        .first()
    )
    if problem is None:
        return 0
    if action in UNIT_MESSAGES:
        template, users = UNIT_MESSAGES[action], unit_users(problem)
    elif action in COMMISSION_MESSAGES:
        template, users = COMMISSION_MESSAGES[action], commission_users(problem)
    else:
        return 0
    message = _(template) % {"number": problem.number, "unit": problem.responsible_unit.name}
    told = 0
    for user in users:
        if user.pk == actor_id:
            continue
        notify_user(
            user=user,
            verb=_(VERBS[action]),
            message=message,
            target=problem,
            url=_problem_url(problem),
            key=f"problem:{problem.pk}:{action}:{version}",
        )
        told += 1
    return told


def after_transition(problem: Problem, action: str, actor: Any) -> None:
    """Schedule the messages of a transition for when the transaction commits."""
    transaction.on_commit(
        partial(
            problem_transition_notify,
            problem_id=problem.pk,
            action=action,
            version=problem.version,
            actor_id=getattr(actor, "pk", None),
        )
    )


def letter_notify(*, letter_id: int) -> int:
    letter = Letter.objects.select_related("problem__responsible_unit").filter(pk=letter_id).first()
    if letter is None:
        return 0
    problem = letter.problem
    label = letter.get_kind_display()
    message = _("纪委监委就问题 %(number)s 向你单位发出%(label)s%(numbered)s，请抓紧整改。") % {
        "number": problem.number,
        "label": label,
        "numbered": f"（{letter.number}）" if letter.number else "",
    }
    users = unit_users(problem)
    for user in users:
        notify_user(
            user=user,
            verb=str(label),
            message=message,
            target=problem,
            url=_problem_url(problem),
            key=f"letter:{letter.pk}",
        )
    return len(users)


def after_letter(letter: Letter) -> None:
    transaction.on_commit(partial(letter_notify, letter_id=letter.pk))
