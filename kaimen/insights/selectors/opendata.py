"""The published records as flat rows for downloads (CSV, XLSX, JSON): campaigns, projects,
outcome items, figures and satisfaction. Only what the portal shows: public campaigns and their
published projects. Rows are produced lazily (`iterator()`), so a province's data streams."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db.models import Count, Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kaimen.campaigns.models import PUBLIC_PROJECT_STATES, Campaign, Metric, Outcome, Project
from kaimen.campaigns.selectors import PUBLIC_CAMPAIGN_STATES
from kaimen.publication.figures import campaigns_figures

Row = dict[str, Any]


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str | Promise
    description: str | Promise
    columns: tuple[str, ...]
    rows: Callable[[], Iterator[Row]]


def _public_projects() -> Q:
    return Q(state__in=PUBLIC_PROJECT_STATES, campaign__state__in=PUBLIC_CAMPAIGN_STATES)


def _number(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def campaign_rows() -> Iterator[Row]:
    campaigns = (
        Campaign.objects.filter(state__in=PUBLIC_CAMPAIGN_STATES)
        .select_related("issuer")
        .annotate(
            published_projects=Count(
                "projects", filter=Q(projects__state__in=PUBLIC_PROJECT_STATES)
            )
        )
        .order_by("year", "issuer__path")
    )
    for c in campaigns.iterator(chunk_size=500):
        yield {
            "id": c.pk,
            "year": c.year,
            "issuer": c.issuer.name,
            "title": c.title,
            "state": c.state,
            "imported": c.imported,
            "published_projects": c.published_projects,
        }


def project_rows() -> Iterator[Row]:
    projects = (
        Project.objects.filter(_public_projects())
        .select_related("campaign__issuer")
        .prefetch_related("lead_units")
        .order_by("campaign__year", "campaign__issuer__path", "position")
    )
    for p in projects.iterator(chunk_size=500):
        yield {
            "id": p.pk,
            "campaign_id": p.campaign_id,
            "year": p.campaign.year,
            "issuer": p.campaign.issuer.name,
            "position": p.position,
            "title": p.title,
            "theme": p.theme,
            "lead_units": "、".join(u.name for u in p.lead_units.all()),
            "goal": p.goal,
            "state": p.state,
        }


def outcome_rows() -> Iterator[Row]:
    outcomes = (
        Outcome.objects.filter(project__in=Project.objects.filter(_public_projects()).values("pk"))
        .order_by("project_id", "position")
        .values("pk", "project_id", "position", "headline", "body")
    )
    for o in outcomes.iterator(chunk_size=2000):
        yield {
            "id": o["pk"],
            "project_id": o["project_id"],
            "position": o["position"],
            "headline": o["headline"],
            "body": o["body"],
        }


def figure_rows() -> Iterator[Row]:
    public = Project.objects.filter(_public_projects()).values("pk")
    metrics = (
        Metric.objects.filter(
            Q(project__in=public) | Q(campaign__state__in=PUBLIC_CAMPAIGN_STATES)
        )
        .order_by("campaign_id", "project_id", "outcome_id", "position", "pk")
        .values(
            "pk", "campaign_id", "project_id", "outcome_id", "code", "label", "value", "unit",
            "normalized_value", "normalized_unit", "qualifier",
        )
    )  # fmt: skip
    for m in metrics.iterator(chunk_size=2000):
        yield {
            "id": m["pk"],
            "campaign_id": m["campaign_id"] or "",
            "project_id": m["project_id"] or "",
            "outcome_id": m["outcome_id"] or "",
            "code": m["code"],
            "label": m["label"],
            "value": _number(m["value"]),
            "unit": m["unit"],
            "normalized_value": _number(m["normalized_value"]),
            "normalized_unit": m["normalized_unit"],
            "qualifier": m["qualifier"],
        }


CAMPAIGN_CHUNK = 200


def campaign_figure_rows() -> Iterator[Row]:
    """Each public campaign's figures, announced beside recorded (`publication.figures`, the
    same the figures page and the API give), a chunk of campaigns at a time."""
    campaigns = list(
        Campaign.objects.filter(state__in=PUBLIC_CAMPAIGN_STATES)
        .select_related("issuer")
        .order_by("year", "issuer__path")
    )
    for start in range(0, len(campaigns), CAMPAIGN_CHUNK):
        chunk = campaigns[start : start + CAMPAIGN_CHUNK]
        table = campaigns_figures(chunk)
        for campaign in chunk:
            for row in table[campaign.pk].rows:
                yield {
                    "campaign_id": campaign.pk,
                    "year": campaign.year,
                    "issuer": campaign.issuer.name,
                    "code": row.code,
                    "label": row.label,
                    "unit": row.unit,
                    "announced": _number(row.announced),
                    "recorded": _number(row.recorded),
                }


def satisfaction_rows() -> Iterator[Row]:
    if not apps.is_installed("kaimen.participation"):
        return
    from kaimen.participation.models import Rating  # noqa: PLC0415
    from kaimen.participation.selectors import satisfaction_rate  # noqa: PLC0415

    counts = {r.value: Count("evaluations", filter=Q(evaluations__rating=r.value)) for r in Rating}
    projects = (
        Project.objects.filter(_public_projects())
        .order_by("campaign__year", "campaign__issuer__path", "position")
        .values("pk", "title", "campaign__year")
        .annotate(**counts)
    )
    rows: Iterator[Any] = projects.iterator(chunk_size=1000)
    for p in rows:
        by_rating = {r.value: p[r.value] for r in Rating}
        rate = satisfaction_rate(by_rating)
        yield {
            "project_id": p["pk"],
            "year": p["campaign__year"],
            "title": p["title"],
            **by_rating,
            "n": sum(by_rating.values()),
            "rate_percent": "" if rate is None else _number(rate),
        }


DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (
        Dataset(
            "campaigns",
            _("专项治理"),
            _("各级纪委监委的年度专项治理"),
            ("id", "year", "issuer", "title", "state", "imported", "published_projects"),
            campaign_rows,
        ),
        Dataset(
            "projects",
            _("治理项目"),
            _("已公布成果的治理项目、主题、牵头单位和治理目标"),
            ("id", "campaign_id", "year", "issuer", "position", "title", "theme", "lead_units", "goal", "state"),
            project_rows,
        ),
        Dataset(
            "outcomes",
            _("治理成果"),
            _("各项目的治理成果条目"),
            ("id", "project_id", "position", "headline", "body"),
            outcome_rows,
        ),
        Dataset(
            "figures",
            _("数据"),
            _("公告和成果中的数据，含指标代码和换算后的数值（如 974.6万元 → 9746000元）"),
            (
                "id", "campaign_id", "project_id", "outcome_id", "code", "label", "value", "unit",
                "normalized_value", "normalized_unit", "qualifier",
            ),
            figure_rows,
        ),
        Dataset(
            "campaign_figures",
            _("公布数与记录数"),
            _("各年度专项治理的数据：成果公告公布的数字与按同一口径从记录统计的数字"),
            ("campaign_id", "year", "issuer", "code", "label", "unit", "announced", "recorded"),
            campaign_figure_rows,
        ),
        Dataset(
            "satisfaction",
            _("社会评价"),
            _("群众对已公布项目的评价：满意、基本满意、不满意的条数和满意率"),
            ("project_id", "year", "title", "satisfied", "basically_satisfied", "dissatisfied", "n", "rate_percent"),
            satisfaction_rows,
        ),
    )
}  # fmt: skip
