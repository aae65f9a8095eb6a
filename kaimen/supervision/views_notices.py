"""One 整改通知书 for several problems of one unit: drafted from an inspection or the ledger's
selection, previewed and edited, then issued under one number (notice_issue in services.problems)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kaimen.core.errors import ApplicationError, ConflictError
from kaimen.core.forms import StyledForm, TextField
from kaimen.orgs.decorators import staff_required
from kaimen.supervision.documents import notice_draft
from kaimen.supervision.models import Problem
from kaimen.supervision.presentation import problem_rows
from kaimen.supervision.selectors import Colouring, notice_problems_for
from kaimen.supervision.services.problems import notice_issue, notice_problems_check

MAX_PROBLEMS = 50  # a notice lists the problems of one unit, not a ledger


class NoticeForm(StyledForm):
    body = TextField(
        label=gettext_lazy("正文"),
        rows=14,
        help_text=gettext_lazy("每段一行。文号、标题、主送单位、落款和日期在下发时自动生成。"),
    )


def _ids(values: list[str]) -> list[int]:
    return [int(v) for v in values[:MAX_PROBLEMS] if v.isdigit()]


def _compose_url(problems: list[Problem]) -> str:
    return (
        reverse("supervision:notice_compose") + "?" + "&".join(f"problem={p.pk}" for p in problems)
    )


def _back_url(problems: list[Problem]) -> str:
    inspection = problems[0].inspection_id
    if inspection and all(p.inspection_id == inspection for p in problems):
        return reverse("supervision:inspection_detail", args=[inspection])
    return reverse("supervision:problem_list")


@staff_required
def notice_compose(request: HttpRequest) -> HttpResponse:
    """GET: the draft for the chosen problems; POST: issue it (the versions read with the
    draft travel with it, so a change by someone else in between is refused, not overwritten)."""
    source = request.POST if request.method == "POST" else request.GET
    problems = notice_problems_for(user=request.user, pks=_ids(source.getlist("problem")))
    if not all(request.user.has_perm("supervision.manage_problem", p) for p in problems):
        raise PermissionDenied("supervision.manage_problem")
    today = timezone.localdate()
    deadline = min(p.deadline for p in problems)
    problem_error = ""
    try:
        notice_problems_check(problems)
    except ApplicationError as error:
        problem_error = error.message
    form = NoticeForm(
        request.POST if request.method == "POST" else None,
        initial={"body": notice_draft(problems, deadline)},
    )
    if request.method == "POST" and not problem_error and form.is_valid():
        versions = {p.pk: _version(request, p) for p in problems}
        try:
            notice = notice_issue(
                actor=request.user,
                problems=problems,
                versions=versions,
                body=form.cleaned_data["body"],
            )
        except ConflictError as error:
            # someone moved a problem on since the draft was read: show the fresh draft
            messages.error(request, error.message)
            return redirect(_compose_url(problems))
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _("已下发整改通知书 %(number)s（%(n)d 个问题）。")
                % {"number": notice.number, "n": len(problems)},
            )
            return redirect(_back_url(problems))
    context: dict[str, Any] = {
        "form": form,
        "problems": problems,
        "rows": problem_rows(problems, Colouring(today), today),
        "unit": problems[0].responsible_unit,
        "commission": problems[0].commission,
        "inspection": problems[0].inspection,
        "deadline": deadline,
        "problem_error": problem_error,
        "back_url": _back_url(problems),
    }
    return render(request, "supervision/notice_compose.html", context)


def _version(request: HttpRequest, problem: Problem) -> int:
    value = request.POST.get(f"version_{problem.pk}", "")
    return int(value) if value.isdigit() else -1
