"""Back office of supervision (纪委监督): the problem ledger, inspections, the problem page and its
actions, the unit's 待整改 list, look-backs, accountability, institutions, the warning policy,
the letters sent, and the downloads of documents and files.

Views parse with a form, call one service or selector, and render; every write goes through
`kaimen.supervision.services`. Actions carry the version the page was read at: a stale one is
shown as a conflict, with what the user typed kept on the page.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaimen.campaigns.models import Project
from kaimen.campaigns.selectors import campaign_get_for
from kaimen.core.errors import ApplicationError, ConflictError
from kaimen.core.files import file_response
from kaimen.core.forms import StyledForm
from kaimen.orgs.decorators import staff_required
from kaimen.orgs.permissions import WATCH_JURISDICTION
from kaimen.orgs.selectors import organizations_for
from kaimen.supervision.figures import FIGURES
from kaimen.supervision.forms import (
    AccountabilityForm,
    ActionForm,
    EvidenceForm,
    ExtensionForm,
    InspectionForm,
    InstitutionForm,
    LedgerFilterForm,
    LookbackForm,
    PolicyForm,
    problem_formset,
)
from kaimen.supervision.models import (
    AccountabilityRecord,
    EscalationStep,
    EvidenceCheck,
    Inspection,
    LetterKind,
    Notice,
    Problem,
    ProblemState,
)
from kaimen.supervision.presentation import (
    ACTION_BUTTONS,
    REASON_ACTIONS,
    problem_rows,
    problem_timeline,
    returned_event,
)
from kaimen.supervision.selectors import (
    Colouring,
    accountability_list_for,
    attachment_get_for,
    campaign_figure_records_for,
    inspection_get_for,
    inspection_list_for,
    institution_list_for,
    letter_counts_for,
    letter_get_for,
    letter_list_for,
    lookback_due_for,
    notice_get_for,
    policy_commissions_for,
    problem_ledger_for,
    problem_page_for,
    problem_pending_extension,
    problem_status_list_for,
    problem_timeline_for,
    problem_todo_for,
    supervising_commissions_for,
    warning_policy_for,
    warning_summary_for,
)
from kaimen.supervision.services import filing, institutions
from kaimen.supervision.services.accountability import accountability_record_create
from kaimen.supervision.services.lookbacks import problem_lookback
from kaimen.supervision.services.policy import warning_policy_save
from kaimen.supervision.services.problems import (
    passes_listed_deadline,
    problem_allowed_actions,
    problem_request_extension,
    problem_submit_evidence,
    problem_transition,
)
from kaimen.supervision.warnings import (
    ALL_COLOURS,
    BEHIND,
    COLOUR_LABELS,
    STATUS_COLOURS,
    STATUS_LABELS,
    STATUSES,
    deadline_text,
    escalation_step,
)

PER_PAGE = 25


def _is_commission(request: HttpRequest) -> bool:
    return request.user.has_perm(WATCH_JURISDICTION)


def _commission_only(request: HttpRequest) -> None:
    """Pages of the commission's own records: units get the same 404 as a missing page."""
    if not _is_commission(request):
        raise Http404


def _attempt(request: HttpRequest, form: StyledForm, call: Any, success: str) -> str:
    """Call a service; a conflict or a refusal goes next to the field it names."""
    try:
        call()
    except ConflictError as exc:
        form.add_error(None, exc.message)
        return "conflict"
    except ApplicationError as exc:
        name = exc.field if exc.field in form.fields else None
        form.add_error(name, exc.message)
        return "error"
    messages.success(request, success)
    return "ok"


def _page(request: HttpRequest, qs: Any) -> Any:
    return Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))


# ---------------------------------------------------------------- home, ledger, todo


@staff_required
def home(request: HttpRequest) -> HttpResponse:
    if _is_commission(request):
        return redirect("supervision:problem_list")
    return redirect("supervision:todo")


@staff_required
def problem_list(request: HttpRequest) -> HttpResponse:
    """The ledger (台账): filters, colour badges, listed problems on their own tab."""
    form = LedgerFilterForm(request.GET or None, user=request.user)
    listed = request.GET.get("tab") == "listed"
    today = timezone.localdate()
    qs = problem_ledger_for(user=request.user, listed=listed or None, today=today, **form.filters())
    page = _page(request, qs)
    context = {
        "form": form,
        "tab": "listed" if listed else "all",
        "page": page,
        "rows": problem_rows(page.object_list, Colouring(today), today),
        "summary": warning_summary_for(user=request.user, today=today),
        "colour_labels": [(c, COLOUR_LABELS[c]) for c in ALL_COLOURS],
        "can_file": bool(supervising_commissions_for(user=request.user)),
        "export_query": _ledger_export_query(form, listed=listed),
    }
    return render(request, "supervision/problem_list.html", context)


def _ledger_export_query(form: LedgerFilterForm, *, listed: bool) -> str:
    """The ledger's current filters in the Excel export's terms: export what is on screen."""
    f = form.filters()
    params = {
        "unit": f.get("unit"),
        "project": f.get("project"),
        "state": f.get("state"),
        "colour": f.get("colour"),
        "source": f.get("source"),
        "date_from": f["assigned_from"].isoformat() if f.get("assigned_from") else None,
        "date_to": f["assigned_to"].isoformat() if f.get("assigned_to") else None,
        "q": f.get("q"),
        "listed": "yes" if listed else None,
    }
    return urlencode({k: v for k, v in params.items() if v})


@staff_required
def problem_status(request: HttpRequest) -> HttpResponse:
    """The status view (景德镇): done / on schedule / behind / long-term, for commissions that
    prefer status to colours. One status's list at a time (`?status=`), all four counted."""
    today = timezone.localdate()
    wanted = request.GET.get("status", "")
    status = wanted if wanted in STATUSES else BEHIND
    page = _page(request, problem_status_list_for(user=request.user, status=status, today=today))
    summary = warning_summary_for(user=request.user, today=today)
    context = {
        "status": status,
        "statuses": [
            (s, STATUS_LABELS[s], STATUS_COLOURS[s], summary.statuses[s]) for s in STATUSES
        ],
        "summary": summary,
        "page": page,
        "rows": problem_rows(page.object_list, Colouring(today), today),
    }
    return render(request, "supervision/problem_status.html", context)


@staff_required
def todo(request: HttpRequest) -> HttpResponse:
    """The unit's 待整改 list: its own problems, what to do on each."""
    today = timezone.localdate()
    problems = list(problem_todo_for(user=request.user))
    context = {"rows": problem_rows(problems, Colouring(today), today)}
    return render(request, "supervision/todo.html", context)


# ---------------------------------------------------------------- inspections


@staff_required
def inspection_list(request: HttpRequest) -> HttpResponse:
    _commission_only(request)
    qs = inspection_list_for(user=request.user, q=request.GET.get("q", "")[:100]).order_by(
        "-date", "-pk"
    )
    context = {
        "page": _page(request, qs),
        "can_file": bool(supervising_commissions_for(user=request.user)),
    }
    return render(request, "supervision/inspection_list.html", context)


@staff_required
def inspection_create(request: HttpRequest) -> HttpResponse:
    """Log an inspection and the problems found, in one flow."""
    if not supervising_commissions_for(user=request.user):
        raise PermissionDenied("supervision.add_inspection")
    data = request.POST if request.method == "POST" else None
    form = InspectionForm(data, request.FILES or None, user=request.user)
    formset = problem_formset(data, user=request.user)
    if data is not None and form.is_valid() and formset.is_valid():
        created: list[Any] = []
        d = form.cleaned_data
        result = _attempt_with_rows(
            request,
            form,
            formset,
            lambda: created.append(
                filing.inspection_create(
                    actor=request.user,
                    commission=d["commission"],
                    date=d["date"],
                    kind=d["kind"],
                    members=d["members"],
                    notes=d["notes"],
                    inspected_units=list(d["inspected_units"]),
                    projects=list(d["projects"]),
                    problems=[row.to_data() for row in formset.used_forms()],
                    files=d["attachments"],
                )
            ),
            _("已登记督导检查及发现的问题。"),
        )
        if result == "ok":
            return redirect("supervision:inspection_detail", pk=created[0].pk)
    context = {"form": form, "formset": formset}
    return render(request, "supervision/inspection_form.html", context)


def _attempt_with_rows(
    request: HttpRequest, form: StyledForm, formset: Any, call: Any, success: str
) -> str:
    try:
        call()
    except ApplicationError as exc:
        parts = (exc.field or "").split("-")
        rows = formset.used_forms()
        if len(parts) == 3 and parts[1].isdigit() and int(parts[1]) < len(rows):  # noqa: PLR2004
            row = rows[int(parts[1])]
            row.add_error(parts[2] if parts[2] in row.fields else None, exc.message)
        else:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return "error"
    messages.success(request, success)
    return "ok"


@staff_required
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = inspection_get_for(user=request.user, pk=pk)
    today = timezone.localdate()
    problems = list(inspection.problems.select_related("responsible_unit", "project", "commission"))
    # per unit, the problems still to be notified: one 整改通知书 each
    to_notify: dict[Any, list[Problem]] = {}
    for problem in problems:
        if problem.state == ProblemState.OPEN and request.user.has_perm(
            "supervision.manage_problem", problem
        ):
            to_notify.setdefault(problem.responsible_unit, []).append(problem)
    context = {
        "inspection": inspection,
        "rows": problem_rows(problems, Colouring(today), today),
        "files": inspection.files.all(),
        "to_notify": [
            (
                unit,
                "&".join(f"problem={p.pk}" for p in sorted(unit_problems, key=lambda p: p.number)),
                len(unit_problems),
            )
            for unit, unit_problems in to_notify.items()
        ],
        "notices": inspection.notices.select_related("problem__responsible_unit"),
    }
    return render(request, "supervision/inspection_detail.html", context)


# ---------------------------------------------------------------- one problem


def _problem_context(request: HttpRequest, problem: Problem, **extra: Any) -> dict[str, Any]:
    user = request.user
    today = timezone.localdate()
    policy = warning_policy_for(commission=problem.commission)
    colour = Colouring(today).colour(problem)
    allowed = problem_allowed_actions(user=user, problem=problem, today=today)
    events = list(problem_timeline_for(problem=problem))
    pending = problem_pending_extension(problem=problem)
    return {
        "listed_binds": bool(
            problem.listed_deadline and problem.listed_deadline <= problem.deadline
        ),
        "pending_passes_listing": bool(
            pending and passes_listed_deadline(problem, pending.requested_deadline)
        ),
        "listing_leader": (
            (problem.listed_by.display_name or problem.listed_by.username)
            if problem.listed_by
            else ""
        ),
        "problem": problem,
        "colour": colour,
        "colour_label": COLOUR_LABELS.get(colour or "", ""),
        "deadline_text": deadline_text(problem, today, policy),
        "step": escalation_step(colour, policy) if colour else None,
        "step_label": _step_label(escalation_step(colour, policy) if colour else None),
        "buttons": [(a, *ACTION_BUTTONS[a]) for a in allowed if a in ACTION_BUTTONS],
        "reason_actions": REASON_ACTIONS,
        "can_submit": "submit_evidence" in allowed,
        "can_extend": "request_extension" in allowed,
        "can_lookback": "confirm_lookback" in allowed or "reopen" in allowed,
        "can_account": user.has_perm("supervision.add_accountability", problem.commission),
        "can_institution": user.has_perm("supervision.add_institution", problem.responsible_unit),
        "is_commission": _is_commission(request),
        "pending": pending,
        "checks": EvidenceCheck.choices,
        "timeline": problem_timeline(events),
        "returned": returned_event(problem, events),
        "accountability": (
            accountability_list_for(user=user).filter(problem=problem)
            if _is_commission(request)
            else []
        ),
        "letters": [
            letter for letter in problem.letters.all() if letter.kind != LetterKind.LISTING
        ],
        "listing_letter": next(
            (letter for letter in problem.letters.all() if letter.kind == LetterKind.LISTING), None
        ),
        "action_form": extra.pop("action_form", None) or ActionForm(),
        **extra,
    }


def _step_label(step: str | None) -> str:
    return str(EscalationStep(step).label) if step in EscalationStep.values else ""


@staff_required
def problem_detail(request: HttpRequest, pk: int) -> HttpResponse:
    problem = problem_page_for(user=request.user, pk=pk)
    return render(request, "supervision/problem_detail.html", _problem_context(request, problem))


@require_POST
@staff_required
def problem_action(request: HttpRequest, pk: int) -> HttpResponse:
    """One button of the problem page: notify, start, return, close, list, decide extension …"""
    problem = problem_page_for(user=request.user, pk=pk)
    form = ActionForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        result = _attempt(
            request,
            form,
            lambda: problem_transition(
                actor=request.user,
                problem=problem,
                action=d["action"],
                version=d["version"],
                reason=d["reason"],
                deadline=d["deadline"],
            ),
            _("已办理：%s。") % ACTION_BUTTONS.get(d["action"], (d["action"],))[0],
        )
        if result == "ok":
            return redirect("supervision:problem_detail", pk=problem.pk)
        problem = problem_page_for(user=request.user, pk=pk)
    context = _problem_context(
        request, problem, action_form=form, conflict=True, open_action=request.POST.get("action")
    )
    return render(request, "supervision/problem_detail.html", context, status=409)


@staff_required
def evidence_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """The unit submits its rectification evidence (text, 六见, files)."""
    problem = problem_page_for(user=request.user, pk=pk)
    if not request.user.has_perm("supervision.rectify_problem", problem):
        raise PermissionDenied("supervision.rectify_problem")
    data = request.POST if request.method == "POST" else None
    form = EvidenceForm(data, request.FILES or None, initial={"version": problem.version})
    result = None
    if data is not None and form.is_valid():
        d = form.cleaned_data
        result = _attempt(
            request,
            form,
            lambda: problem_submit_evidence(
                actor=request.user,
                problem=problem,
                version=d["version"],
                text=d["text"],
                checklist=dict.fromkeys(d["checklist"], True),
                files=d["attachments"],
            ),
            _("整改材料已提交，等待纪委监委审核。"),
        )
        if result == "ok":
            return redirect("supervision:problem_detail", pk=problem.pk)
    context = {
        "problem": problem,
        "form": form,
        "conflict": result == "conflict",
        "returned": returned_event(problem, list(problem_timeline_for(problem=problem))),
    }
    return render(request, "supervision/evidence_form.html", context)


@staff_required
def extension_request(request: HttpRequest, pk: int) -> HttpResponse:
    problem = problem_page_for(user=request.user, pk=pk)
    if not request.user.has_perm("supervision.rectify_problem", problem):
        raise PermissionDenied("supervision.rectify_problem")
    data = request.POST if request.method == "POST" else None
    form = ExtensionForm(data, initial={"version": problem.version})
    result = None
    if data is not None and form.is_valid():
        d = form.cleaned_data
        result = _attempt(
            request,
            form,
            lambda: problem_request_extension(
                actor=request.user,
                problem=problem,
                version=d["version"],
                deadline=d["deadline"],
                reason=d["reason"],
            ),
            _("延期申请已提交，等待纪委监委审批。"),
        )
        if result == "ok":
            return redirect("supervision:problem_detail", pk=problem.pk)
    context = {"problem": problem, "form": form, "conflict": result == "conflict"}
    return render(request, "supervision/extension_form.html", context)


@staff_required
def lookback(request: HttpRequest, pk: int) -> HttpResponse:
    """The look-back (回头看) of a closed problem: confirm the closing or reopen it."""
    problem = problem_page_for(user=request.user, pk=pk)
    if not request.user.has_perm("supervision.manage_problem", problem):
        raise PermissionDenied("supervision.manage_problem")
    data = request.POST if request.method == "POST" else None
    form = LookbackForm(data, initial={"version": problem.version})
    result = None
    if data is not None and form.is_valid():
        d = form.cleaned_data
        holds = d["outcome"] == "holds"
        result = _attempt(
            request,
            form,
            lambda: problem_lookback(
                actor=request.user,
                problem=problem,
                version=d["version"],
                holds=holds,
                date=d["date"],
                reason=d["reason"],
                deadline=d["deadline"],
                members=d["members"],
                notes=d["notes"],
            ),
            _("回头看已登记：维持销号。") if holds else _("回头看已登记：问题已重新交办整改。"),
        )
        if result == "ok":
            return redirect("supervision:problem_detail", pk=problem.pk)
    context = {"problem": problem, "form": form, "conflict": result == "conflict"}
    return render(request, "supervision/lookback_form.html", context)


@staff_required
def lookback_due(request: HttpRequest) -> HttpResponse:
    _commission_only(request)
    today = timezone.localdate()
    context = {
        "page": _page(request, lookback_due_for(user=request.user, today=today)),
        "today": today,
    }
    return render(request, "supervision/lookback_due.html", context)


# ---------------------------------------------------------------- accountability


@staff_required
def accountability_list(request: HttpRequest) -> HttpResponse:
    _commission_only(request)
    qs = accountability_list_for(user=request.user).order_by("-decided_on", "-pk")
    context = {
        "page": _page(request, qs),
        "can_add": bool(supervising_commissions_for(user=request.user)),
    }
    return render(request, "supervision/accountability_list.html", context)


@staff_required
def accountability_create(request: HttpRequest) -> HttpResponse:
    _commission_only(request)
    if not supervising_commissions_for(user=request.user):
        raise PermissionDenied("supervision.add_accountability")
    initial = {"problem": request.GET.get("problem")} if request.GET.get("problem") else None
    form = AccountabilityForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        result = _attempt(
            request,
            form,
            lambda: accountability_record_create(actor=request.user, **form.cleaned_data),
            _("问责记录已登记。"),
        )
        if result == "ok":
            return redirect("supervision:accountability_list")
    return render(request, "supervision/accountability_form.html", {"form": form})


# ---------------------------------------------------------------- institutions


@staff_required
def institution_list(request: HttpRequest) -> HttpResponse:
    context = {
        "page": _page(request, institution_list_for(user=request.user)),
        "can_add": organizations_for(
            user=request.user, perm="supervision.add_institution"
        ).exists(),
    }
    return render(request, "supervision/institution_list.html", context)


@staff_required
def institution_create(request: HttpRequest) -> HttpResponse:
    problem = request.GET.get("problem")
    initial = {"problems": [problem]} if problem and problem.isdigit() else None
    data = request.POST if request.method == "POST" else None
    form = InstitutionForm(data, request.FILES or None, initial=initial, user=request.user)
    if not form.fields["organization"].queryset.exists():  # type: ignore[attr-defined]
        raise PermissionDenied("supervision.add_institution")
    if data is not None and form.is_valid():
        d = form.cleaned_data
        result = _attempt(
            request,
            form,
            lambda: institutions.institution_create(
                actor=request.user,
                organization=d["organization"],
                title=d["title"],
                issued_on=d["issued_on"],
                description=d["description"],
                project=d["project"],
                problems=list(d["problems"]),
                files=d["attachments"],
            ),
            _("制度已登记。"),
        )
        if result == "ok":
            return redirect("supervision:institution_list")
    return render(request, "supervision/institution_form.html", {"form": form})


# ---------------------------------------------------------------- warning policy, letters


def _policy_commission(request: HttpRequest) -> Any:
    commissions = policy_commissions_for(user=request.user)
    if not commissions:
        raise Http404
    wanted = request.GET.get("commission")
    return next((c for c in commissions if str(c.pk) == wanted), commissions[0])


@staff_required
def policy_detail(request: HttpRequest) -> HttpResponse:
    commission = _policy_commission(request)
    policy = warning_policy_for(commission=commission)
    context = {
        "commission": commission,
        "commissions": policy_commissions_for(user=request.user),
        "policy": policy,
        "form": PolicyForm(initial=PolicyForm.initial_for(policy)),
        "can_edit": request.user.has_perm("supervision.change_policy", commission),
        "saved": policy.pk is not None,
    }
    return render(request, "supervision/policy_detail.html", context)


@staff_required
def policy_edit(request: HttpRequest) -> HttpResponse:
    commission = _policy_commission(request)
    if not request.user.has_perm("supervision.change_policy", commission):
        raise PermissionDenied("supervision.change_policy")
    policy = warning_policy_for(commission=commission)
    form = PolicyForm(request.POST or None, initial=PolicyForm.initial_for(policy))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        result = _attempt(
            request,
            form,
            lambda: warning_policy_save(
                actor=request.user,
                commission=commission,
                colours=d["colours"],
                workdays=d["workdays"],
                thresholds=form.thresholds(),
                listed_escalation=d["listed_escalation"],
                lookback_days=d["lookback_days"],
                publish_listed=d["publish_listed"],
            ),
            _("预警规则已保存。"),
        )
        if result == "ok":
            url = reverse("supervision:policy_detail")
            return redirect(f"{url}?commission={commission.pk}")
    context = {"commission": commission, "form": form}
    return render(request, "supervision/policy_form.html", context)


@staff_required
def letter_summary(request: HttpRequest) -> HttpResponse:
    """The letters sent (提示函、督办函 …) per colour and kind in a year: what commissions report."""
    _commission_only(request)
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() else timezone.localdate().year
    counts = letter_counts_for(user=request.user, year=year)
    context = {
        "counts": counts,
        "colours": [(c, COLOUR_LABELS[c], counts.by_colour[c]) for c in ALL_COLOURS],
        "kinds": [(k, LetterKind(k).label, counts.by_kind[k]) for k in LetterKind.values],
        "page": _page(request, letter_list_for(user=request.user, year=year)),
        "years": range(timezone.localdate().year, 2019, -1),
    }
    return render(request, "supervision/letter_summary.html", context)


# ---------------------------------------------------------------- downloads


@staff_required
def notice_download(request: HttpRequest, pk: int) -> Any:
    notice = notice_get_for(user=request.user, pk=pk)
    return file_response(notice.document, filename=f"整改通知书-{notice.number}.docx")


@staff_required
def letter_download(request: HttpRequest, pk: int) -> Any:
    letter = letter_get_for(user=request.user, pk=pk)
    return file_response(
        letter.document, filename=f"{letter.get_kind_display()}-{letter.number}.docx"
    )


@staff_required
def attachment_download(request: HttpRequest, pk: int) -> Any:
    attachment = attachment_get_for(user=request.user, pk=pk)
    return file_response(attachment.file, filename=attachment.name)


# ---------------------------------------------------------------- the records behind a figure


def _record_row(record: Any) -> dict[str, Any]:
    """One counted record as a line: its date, what it is, and its page when it has one."""
    if isinstance(record, Problem):
        return {
            "when": record.assigned_on,
            "text": f"{record.number} {record.description}",
            "url": reverse("supervision:problem_detail", args=[record.pk]),
        }
    if isinstance(record, Inspection):
        return {
            "when": record.date,
            "text": f"{record.get_kind_display()} {record.notes}",
            "url": reverse("supervision:inspection_detail", args=[record.pk]),
        }
    if isinstance(record, AccountabilityRecord):
        return {
            "when": record.decided_on,
            "text": str(record),
            "url": reverse("supervision:problem_detail", args=[record.problem_id])
            if record.problem_id
            else "",
        }
    if isinstance(record, Notice):
        return {
            "when": record.issued_at.date(),
            "text": f"{record.number}",
            "url": reverse("supervision:problem_detail", args=[record.problem_id]),
        }
    if isinstance(record, Project):
        return {
            "when": None,
            "text": record.title,
            "url": reverse("campaigns_staff:project_detail", args=[record.pk]),
        }
    return {"when": getattr(record, "issued_on", None), "text": str(record), "url": ""}


@staff_required
def figure_records(request: HttpRequest, campaign_id: int, code: str) -> HttpResponse:
    """The records a campaign's figure counts: the figures page's "records behind it"."""
    campaign = campaign_get_for(user=request.user, pk=campaign_id)
    records = campaign_figure_records_for(user=request.user, campaign=campaign, code=code)
    page = _page(request, records)
    context = {
        "campaign": campaign,
        "figure": FIGURES[code],
        "page": page,
        "rows": [_record_row(record) for record in page.object_list],
    }
    return render(request, "supervision/figure_records.html", context)
