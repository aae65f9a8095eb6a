"""Pages of the insights app: the staff dashboard, the drill-down list, league tables, roll-up;
the public open-data downloads, public league tables and theme trends. Thin: parse, one
selector, render."""

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kaimen.campaigns.indicators import BY_CODE
from kaimen.campaigns.models import Theme
from kaimen.core.errors import ApplicationError
from kaimen.core.excel import XLSX_CONTENT_TYPE
from kaimen.core.word import DOCX_CONTENT_TYPE
from kaimen.insights import exports
from kaimen.insights.forms import (
    LeagueForm,
    PolicyForm,
    ProblemFilterForm,
    RollupForm,
    TotalsQuery,
    watched_commissions,
)
from kaimen.insights.links import problem_list_url
from kaimen.insights.selectors.dashboard import dashboard_chart, dashboard_for
from kaimen.insights.selectors.league import (
    LeagueTable,
    league_table_for,
    league_table_public,
)
from kaimen.insights.selectors.opendata import COLUMNS, DATASETS, header
from kaimen.insights.selectors.rollup import (
    organization_get,
    rollup_chart,
    rollup_for,
    rollup_regions_for,
    rollup_years_for,
    totals_by_year_for,
)
from kaimen.insights.selectors.trends import series_chart, theme_counts, theme_trend
from kaimen.insights.services import league_table_policy_set
from kaimen.orgs.decorators import staff_required
from kaimen.orgs.selectors import scope_for
from kaimen.supervision.models import ProblemState
from kaimen.supervision.selectors import problem_list_for
from kaimen.supervision.warnings import status_q

PAGE_SIZE = 50


# ---------------------------------------------------------------- staff


@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    board = dashboard_for(user=request.user)
    links = {
        row.unit_id: {
            "total": problem_list_url(unit=row.unit_id),
            "closed": problem_list_url(unit=row.unit_id, state="closed"),
            "overdue": problem_list_url(unit=row.unit_id, status="behind"),
            **{c: problem_list_url(unit=row.unit_id, colour=c) for c in board.colours},
        }
        for row in board.units
    }
    totals = {
        "total": problem_list_url(),
        "closed": problem_list_url(state="closed"),
        "overdue": problem_list_url(status="behind"),
        **{c: problem_list_url(colour=c) for c in board.colours},
    }
    state_rows = [
        (ProblemState(s).label, n, problem_list_url(state=s))
        for s, n in board.summary.states.items()
    ]
    context = {
        "board": board,
        "links": links,
        "totals": totals,
        "chart": dashboard_chart(board),
        "panel_charts": {p.key: p.chart for p in board.panels if p.chart},
        "state_rows": state_rows,
        "commissions": watched_commissions(request.user),
    }
    return render(request, "insights/staff/dashboard.html", context)


@staff_required
def problem_list(request: HttpRequest) -> HttpResponse:
    """The problems behind a number of the dashboard (until the supervision ledger exists)."""
    form = ProblemFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    problems = problem_list_for(
        user=request.user,
        state=filters.get("state") or None,
        colour=filters.get("colour") or None,
        unit=filters.get("unit"),
        today=today,
    )
    if filters.get("status"):
        problems = problems.filter(status_q(filters["status"], today))
    page = Paginator(problems, PAGE_SIZE).get_page(filters.get("page") or 1)
    return render(
        request, "insights/staff/problem_list.html", {"form": form, "page": page, "today": today}
    )


def _league_for_request(request: HttpRequest) -> tuple[LeagueForm, LeagueTable]:
    commissions = watched_commissions(request.user)
    if not commissions:
        raise Http404
    form = LeagueForm.with_defaults(request.GET, commissions=commissions)
    pk = (form.cleaned_data.get("commission") if form.is_valid() else None) or commissions[0].pk
    table = league_table_for(user=request.user, commission_pk=pk, month=form.month_or_current())
    return form, table


@staff_required
@require_GET
def league(request: HttpRequest) -> HttpResponse:
    form, table = _league_for_request(request)
    can_manage = request.user.has_perm("insights.manage_league_table", table.commission)
    policy_form = PolicyForm(
        initial={
            "commission": table.commission.pk,
            "visibility": "public" if table.public else "internal",
            "month": table.month.strftime("%Y-%m"),
        }
    )
    context = {
        "form": form,
        "table": table,
        "header": exports.league_screen_header(table),
        "can_manage": can_manage,
        "policy_form": policy_form,
        "query": request.GET.urlencode(),
        "note": exports.league_note(table),
    }
    return render(request, "insights/staff/league.html", context)


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


def _league_filename(table: LeagueTable, extension: str) -> str:
    from urllib.parse import quote  # noqa: PLC0415

    return quote(f"{table.commission.name}{table.month_label}晾晒通报.{extension}")


@staff_required
@require_GET
def league_xlsx(request: HttpRequest) -> HttpResponse:
    _form, table = _league_for_request(request)
    return _download(exports.league_xlsx(table), XLSX_CONTENT_TYPE, _league_filename(table, "xlsx"))


@staff_required
@require_GET
def league_docx(request: HttpRequest) -> HttpResponse:
    _form, table = _league_for_request(request)
    return _download(exports.league_docx(table), DOCX_CONTENT_TYPE, _league_filename(table, "docx"))


@staff_required
@require_POST
def league_policy(request: HttpRequest) -> HttpResponse:
    form = PolicyForm(request.POST)
    if not form.is_valid():
        raise Http404
    commission = next(
        (c for c in watched_commissions(request.user) if c.pk == form.cleaned_data["commission"]),
        None,
    )
    if commission is None:
        raise Http404
    try:
        league_table_policy_set(
            actor=request.user, commission=commission, visibility=form.cleaned_data["visibility"]
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("晾晒方式已保存。"))
    query = f"?commission={commission.pk}&month={form.cleaned_data.get('month') or ''}"
    return redirect(reverse("insights:league") + query)


@staff_required
def rollup(request: HttpRequest) -> HttpResponse:
    regions = rollup_regions_for(user=request.user)
    if not regions:
        raise Http404
    years = rollup_years_for(user=request.user, regions=regions)
    form = RollupForm(request.GET or None, regions=regions, years=years)
    data = form.cleaned_data if form.is_valid() else {}
    region = next((r for r in regions if r.pk == data.get("organization")), regions[0])
    year = data.get("year") or (years[0] if years else timezone.localdate().year)
    result = rollup_for(user=request.user, organization=region, year=year)
    by_year = totals_by_year_for(user=request.user, organization=region)
    context = {
        "form": form,
        "rollup": result,
        "year": year,
        "chart": rollup_chart(result, by_year),
        "by_year": by_year,
        "indicators": BY_CODE,
    }
    return render(request, "insights/staff/rollup.html", context)


# ---------------------------------------------------------------- public


@login_not_required
def open_data(request: HttpRequest) -> HttpResponse:
    return render(request, "insights/public/open_data.html", {"datasets": DATASETS.values()})


@login_not_required
@require_GET
def open_data_dictionary(request: HttpRequest) -> HttpResponse:
    """数据字典: each dataset's columns with their meaning, unit and code list."""
    tables = [
        (dataset, [(name, header(name), COLUMNS[name]) for name in dataset.columns])
        for dataset in DATASETS.values()
    ]
    return render(request, "insights/public/open_data_dictionary.html", {"tables": tables})


@login_not_required
@require_GET
def open_data_package(request: HttpRequest) -> JsonResponse:
    """The Frictionless Data Package (datapackage.json) describing the CSV files."""
    return JsonResponse(
        exports.datapackage(), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )


@login_not_required
@require_GET
def open_data_download(
    request: HttpRequest, name: str, fmt: str
) -> HttpResponse | StreamingHttpResponse:
    dataset = DATASETS.get(name)
    if dataset is None:
        raise Http404
    filename = f"kaimen-{name}.{fmt}"
    if fmt == "csv":
        response: HttpResponse | StreamingHttpResponse = StreamingHttpResponse(
            exports.dataset_csv(dataset), content_type="text/csv; charset=utf-8"
        )
    elif fmt == "json":
        response = StreamingHttpResponse(
            exports.dataset_json(dataset), content_type="application/json; charset=utf-8"
        )
    elif fmt == "xlsx":
        response = HttpResponse(exports.dataset_xlsx(dataset), content_type=XLSX_CONTENT_TYPE)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _month(value: str) -> date:
    from kaimen.insights.forms import parse_month  # noqa: PLC0415

    month = parse_month(value)
    if month is None:
        raise Http404
    return month


@login_not_required
@require_GET
def league_public(request: HttpRequest, commission: int, month: str) -> HttpResponse:
    table = league_table_public(commission_pk=commission, month=_month(month))
    context = {
        "table": table,
        "header": exports.league_screen_header(table),
        "note": exports.league_note(table),
        "month": month,
    }
    return render(request, "insights/public/league.html", context)


@login_not_required
@require_GET
def league_public_xlsx(request: HttpRequest, commission: int, month: str) -> HttpResponse:
    table = league_table_public(commission_pk=commission, month=_month(month))
    return _download(exports.league_xlsx(table), XLSX_CONTENT_TYPE, _league_filename(table, "xlsx"))


@login_not_required
def theme_index(request: HttpRequest) -> HttpResponse:
    counts = theme_counts()
    themes = [(t.value, t.label, counts.get(t.value, 0)) for t in Theme]
    return render(request, "insights/public/theme_index.html", {"themes": themes})


@login_not_required
def theme_detail(request: HttpRequest, theme: str) -> HttpResponse:
    if theme not in Theme.values:
        raise Http404
    query = TotalsQuery(request.GET)
    region_pk = query.cleaned_data.get("organization") if query.is_valid() else None
    region = organization_get(region_pk) if region_pk else None
    trend = theme_trend(theme=theme, region=region)
    context: dict[str, Any] = {
        "trend": trend,
        "chart": series_chart(trend),
        "is_staff_user": scope_for(request.user).is_staff,
    }
    return render(request, "insights/public/theme_detail.html", context)
