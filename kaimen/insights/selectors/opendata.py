"""The published records as flat rows for downloads (CSV, XLSX, JSON): campaigns, projects,
outcome items, figures and satisfaction. Only what the portal shows: public campaigns and their
published projects. Rows are produced lazily (`iterator()`), so a province's data streams."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db.models import Case, CharField, Count, Q, Sum, Value, When
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kaimen.campaigns.indicators import INDICATORS
from kaimen.campaigns.models import (
    PUBLIC_PROJECT_STATES,
    Campaign,
    CampaignState,
    Comparator,
    Metric,
    Outcome,
    Project,
    ProjectState,
    Target,
    Theme,
)
from kaimen.campaigns.selectors import PUBLIC_CAMPAIGN_STATES
from kaimen.publication.figures import campaigns_figures
from kaimen.supervision.models import (
    AccountabilityRecord,
    Inspection,
    InspectionKind,
    Measure,
    PolicyObject,
    Problem,
    ProblemState,
    WarningPolicy,
)
from kaimen.supervision.selectors import Colouring
from kaimen.supervision.warnings import ALL_COLOURS, COLOUR_LABELS

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
            "campaign_state": c.state,
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
            "project_state": p.state,
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


# ---------------------------------------------------------------- supervision (aggregates only)


def problem_rows(today: date | None = None) -> Iterator[Row]:
    """Problems by commission, responsible unit, state and warning colour: counts only."""
    colouring = Colouring(today or timezone.localdate())
    colour = Case(
        *(When(colouring.q(c), then=Value(c)) for c in ALL_COLOURS),
        default=Value(""),
        output_field=CharField(),
    )
    rows = (
        Problem.objects.annotate(colour=colour)
        .order_by()
        .values("commission__name", "responsible_unit__name", "state", "colour")
        .annotate(n=Count("pk"))
        .order_by("commission__name", "responsible_unit__name", "state", "colour")
    )
    for r in rows.iterator(chunk_size=2000):
        yield {
            "commission": r["commission__name"],
            "responsible_unit": r["responsible_unit__name"],
            "problem_state": r["state"],
            "colour": r["colour"],
            "problems": r["n"],
        }


def inspection_rows() -> Iterator[Row]:
    """Inspections by commission, year and kind."""
    rows = (
        Inspection.objects.order_by()
        .values("commission__name", "kind", year=ExtractYear("date"))
        .annotate(n=Count("pk"))
        .order_by("commission__name", "year", "kind")
    )
    for r in rows.iterator(chunk_size=2000):
        yield {
            "commission": r["commission__name"],
            "year": r["year"],
            "inspection_kind": r["kind"],
            "inspections": r["n"],
        }


def listed_rows() -> Iterator[Row]:
    """The listed problems (挂牌督办) of the commissions that chose to publish them."""
    publishing = WarningPolicy.objects.filter(
        object_type=PolicyObject.PROBLEM, publish_listed=True
    ).values("commission_id")
    problems = (
        Problem.objects.filter(listed=True, commission_id__in=publishing)
        .order_by("commission__name", "listed_at", "pk")
        .values(
            "commission__name", "listed_number", "responsible_unit__name", "description",
            "listed_deadline", "state",
        )
    )  # fmt: skip
    for p in problems.iterator(chunk_size=2000):
        yield {
            "commission": p["commission__name"],
            "listed_number": p["listed_number"],
            "responsible_unit": p["responsible_unit__name"],
            "description": p["description"],
            "listed_deadline": p["listed_deadline"] or "",
            "problem_state": p["state"],
        }


def accountability_rows() -> Iterator[Row]:
    """Accountability totals by commission, year and measure: no names, no single case."""
    rows = (
        AccountabilityRecord.objects.order_by()
        .values("commission__name", "measure", year=ExtractYear("decided_on"))
        .annotate(
            records=Count("pk"),
            persons=Sum("persons"),
            recovered=Sum("amount_recovered"),
            refunded=Sum("amount_refunded"),
        )
        .order_by("commission__name", "year", "measure")
    )
    for r in rows.iterator(chunk_size=2000):
        yield {
            "commission": r["commission__name"],
            "year": r["year"],
            "measure": r["measure"],
            "records": r["records"],
            "persons": r["persons"] or 0,
            "amount_recovered": _number(r["recovered"]),
            "amount_refunded": _number(r["refunded"]),
        }


def survey_rows() -> Iterator[Row]:
    """Surveys of public campaigns and projects: method, sample and rates."""
    if not apps.is_installed("kaimen.participation"):
        return
    from kaimen.participation.models import Survey  # noqa: PLC0415

    surveys = (
        Survey.objects.filter(
            Q(project__in=Project.objects.filter(_public_projects()).values("pk"))
            | Q(project__isnull=True, campaign__state__in=PUBLIC_CAMPAIGN_STATES)
        )
        .order_by("conducted_on", "pk")
        .values(
            "pk", "campaign_id", "project_id", "method", "conducted_by", "conducted_on",
            "sample_size", "awareness_rate", "satisfaction_rate", "support_rate",
        )
    )  # fmt: skip
    for v in surveys.iterator(chunk_size=2000):
        yield {
            "id": v["pk"],
            "campaign_id": v["campaign_id"] or "",
            "project_id": v["project_id"] or "",
            "survey_method": v["method"],
            "conducted_by": v["conducted_by"],
            "conducted_on": v["conducted_on"],
            "sample_size": v["sample_size"],
            "awareness_rate": _number(v["awareness_rate"]),
            "satisfaction_rate": _number(v["satisfaction_rate"]),
            "support_rate": _number(v["support_rate"]),
        }


def target_rows() -> Iterator[Row]:
    """The targets of the public projects: target, actual and achievement (71 / 60 = 118 %)."""
    targets = (
        Target.objects.filter(project__in=Project.objects.filter(_public_projects()).values("pk"))
        .select_related("project__campaign")
        .order_by("project__campaign__year", "project_id", "position", "pk")
    )
    for t in targets.iterator(chunk_size=2000):
        yield {
            "project_id": t.project_id,
            "year": t.project.campaign.year,
            "label": t.label,
            "comparator": t.comparator,
            "target_value": _number(t.target_value),
            "actual_value": _number(t.actual_value),
            "unit": t.unit,
            "achievement": t.achievement,
        }


DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (
        Dataset(
            "campaigns",
            _("专项治理"),
            _("各级纪委监委的年度专项治理"),
            ("id", "year", "issuer", "title", "campaign_state", "imported", "published_projects"),
            campaign_rows,
        ),
        Dataset(
            "projects",
            _("治理项目"),
            _("已公布成果的治理项目、主题、牵头单位和治理目标"),
            ("id", "campaign_id", "year", "issuer", "position", "title", "theme", "lead_units", "goal", "project_state"),
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
            "problems",
            _("问题整改（汇总）"),
            _("督导检查发现问题按纪委监委、责任单位、整改状态和预警颜色的件数（不含问题明细）"),
            ("commission", "responsible_unit", "problem_state", "colour", "problems"),
            problem_rows,
        ),
        Dataset(
            "inspections",
            _("督导检查（汇总）"),
            _("督导检查按纪委监委、年度和检查方式的次数"),
            ("commission", "year", "inspection_kind", "inspections"),
            inspection_rows,
        ),
        Dataset(
            "listed",
            _("挂牌督办事项"),
            _("纪委监委决定公开的挂牌督办问题"),
            ("commission", "listed_number", "responsible_unit", "description", "listed_deadline", "problem_state"),
            listed_rows,
        ),
        Dataset(
            "accountability",
            _("问责处理（汇总）"),
            _("问责处理按纪委监委、年度和处理方式的记录数、人数和追回、清退金额（不含姓名）"),
            ("commission", "year", "measure", "records", "persons", "amount_recovered", "amount_refunded"),
            accountability_rows,
        ),
        Dataset(
            "surveys",
            _("群众满意度调查"),
            _("专项治理和项目的调查：方式、样本量、知晓率、满意率、支持率"),
            (
                "id", "campaign_id", "project_id", "survey_method", "conducted_by", "conducted_on",
                "sample_size", "awareness_rate", "satisfaction_rate", "support_rate",
            ),
            survey_rows,
        ),
        Dataset(
            "targets",
            _("量化指标进度"),
            _("已公布项目的量化指标：目标值、完成值和完成率"),
            ("project_id", "year", "label", "comparator", "target_value", "actual_value", "unit", "achievement"),
            target_rows,
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


# ---------------------------------------------------------------- the data dictionary


@dataclass(frozen=True)
class Column:
    """One column of the open data: its Chinese header, meaning, unit and code list."""

    title: str | Promise
    description: str | Promise
    type: str = "string"  # a Frictionless table-schema type
    unit: str | Promise = ""
    codes: Callable[[], dict[str, str]] | None = None  # code → meaning

    def code_list(self) -> dict[str, str]:
        return self.codes() if self.codes is not None else {}


def _choices(choices: Any) -> Callable[[], dict[str, str]]:
    return lambda: {str(value): str(label) for value, label in choices.choices}


def _colours() -> dict[str, str]:
    return {"": str(_("无（已销号或未设预警）")), **{c: str(COLOUR_LABELS[c]) for c in ALL_COLOURS}}


def _survey_methods() -> dict[str, str]:
    from kaimen.participation.models import SurveyMethod  # noqa: PLC0415  (optional app)

    return _choices(SurveyMethod)()


_RATE = _("百分比，0–100")
COLUMNS: dict[str, Column] = {
    "id": Column(_("编号"), _("本数据集中记录的编号"), "integer"),
    "campaign_id": Column(_("专项治理编号"), _("对应“专项治理”数据集的编号"), "integer"),
    "project_id": Column(_("项目编号"), _("对应“治理项目”数据集的编号"), "integer"),
    "outcome_id": Column(_("成果编号"), _("对应“治理成果”数据集的编号"), "integer"),
    "year": Column(_("年度"), _("专项治理或记录所属年度"), "integer"),
    "issuer": Column(_("发布机关"), _("组织专项治理的纪委监委")),
    "commission": Column(_("纪委监委"), _("记录所属的纪委监委")),
    "title": Column(_("标题"), _("专项治理或项目的名称")),
    "campaign_state": Column(_("专项治理状态"), _("专项治理所处阶段"), codes=_choices(CampaignState)),
    "project_state": Column(_("项目状态"), _("治理项目所处阶段"), codes=_choices(ProjectState)),
    "imported": Column(_("由历史公告导入"), _("是：数据按当年公告原文照录；否：在本平台开展"), "boolean"),
    "published_projects": Column(_("已公布成果项目数"), _("成果已公布的治理项目个数"), "integer", _("个")),
    "position": Column(_("序号"), _("在专项治理或项目中的排序"), "integer"),
    "theme": Column(_("主题"), _("跨年度比较用的主题分类"), codes=_choices(Theme)),
    "lead_units": Column(_("牵头单位"), _("项目牵头单位，多个以顿号分隔")),
    "goal": Column(_("治理目标"), _("项目的治理目标")),
    "headline": Column(_("成果标题"), _("治理成果条目的标题")),
    "body": Column(_("成果内容"), _("治理成果条目的正文")),
    "code": Column(_("指标代码"), _("指标字典中的代码，跨地区、跨年度汇总用"), codes=lambda: {i.code: str(i.label) for i in INDICATORS}),
    "label": Column(_("名称"), _("数据或指标的名称，按原文")),
    "value": Column(_("数值"), _("原文中的数值"), "number"),
    "unit": Column(_("单位"), _("原文中的单位")),
    "normalized_value": Column(_("换算数值"), _("换算为基本单位后的数值（万元 → 元）"), "number"),
    "normalized_unit": Column(_("换算单位"), _("换算后的基本单位")),
    "qualifier": Column(_("修饰"), _("原文对数值的修饰，如“余”“近”“超过”")),
    "announced": Column(_("公布数"), _("成果公告公布的数字；空表示未公布"), "number"),
    "recorded": Column(_("记录数"), _("按同一口径从督导检查、问题整改、问责处理和制度记录统计的数字；空表示该指标不从记录统计"), "number"),
    "satisfied": Column(_("满意"), _("评价为满意的条数"), "integer", _("条")),
    "basically_satisfied": Column(_("基本满意"), _("评价为基本满意的条数"), "integer", _("条")),
    "dissatisfied": Column(_("不满意"), _("评价为不满意的条数"), "integer", _("条")),
    "n": Column(_("评价总数"), _("全部评价条数"), "integer", _("条")),
    "rate_percent": Column(_("满意率"), _("（满意 + 基本满意）÷ 全部评价"), "number", "%"),
    "responsible_unit": Column(_("责任单位"), _("承担整改的单位")),
    "problem_state": Column(_("整改状态"), _("问题所处的整改阶段"), codes=_choices(ProblemState)),
    "colour": Column(_("预警颜色"), _("按纪委监委的预警规则，在下载当日的颜色"), codes=_colours),
    "problems": Column(_("问题数"), _("问题件数"), "integer", _("个")),
    "inspection_kind": Column(_("检查方式"), _("督导检查的方式"), codes=_choices(InspectionKind)),
    "inspections": Column(_("检查次数"), _("督导检查次数"), "integer", _("次")),
    "listed_number": Column(_("督办单编号"), _("挂牌督办单的编号")),
    "description": Column(_("问题描述"), _("挂牌督办问题的描述")),
    "listed_deadline": Column(_("督办时限"), _("挂牌督办要求完成的日期"), "date"),
    "measure": Column(_("处理方式"), _("问责处理的方式"), codes=_choices(Measure)),
    "records": Column(_("记录数"), _("问责记录条数"), "integer", _("条")),
    "persons": Column(_("人数"), _("受到处理的人数"), "integer", _("人")),
    "amount_recovered": Column(_("追回金额"), _("追回的资金"), "number", _("元")),
    "amount_refunded": Column(_("清退金额"), _("清退给群众的资金"), "number", _("元")),
    "survey_method": Column(_("调查方式"), _("满意度调查的方式"), codes=_survey_methods),
    "conducted_by": Column(_("调查机构"), _("实施调查的机构")),
    "conducted_on": Column(_("调查日期"), _("调查完成的日期"), "date"),
    "sample_size": Column(_("样本量"), _("有效样本数"), "integer", _("个")),
    "awareness_rate": Column(_("知晓率"), _RATE, "number", "%"),
    "satisfaction_rate": Column(_("满意率"), _RATE, "number", "%"),
    "support_rate": Column(_("支持率"), _RATE, "number", "%"),
    "comparator": Column(_("比较"), _("完成值与目标值的比较方式"), codes=_choices(Comparator)),
    "target_value": Column(_("目标值"), _("量化指标的目标"), "number"),
    "actual_value": Column(_("完成值"), _("最近一次报告的完成值；空表示尚未填报"), "number"),
    "achievement": Column(_("完成情况"), _("完成值 / 目标值 = 完成率，如“71 / 60 = 118 %”")),
}  # fmt: skip


def header(name: str) -> str:
    """A column's Chinese header, with its unit: "追回金额（元）"."""
    column = COLUMNS[name]
    unit = str(column.unit)
    return f"{column.title}（{unit}）" if unit and unit not in {"%"} else str(column.title)
