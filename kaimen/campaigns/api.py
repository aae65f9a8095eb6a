"""Campaigns and projects in the JSON API (mounted at /api/v1/ by `kaimen.api.api`).

Every read goes through the scoped selectors, so anonymous callers see published records only
and staff see their scope; every write goes through `services.project_update`.
No `from __future__ import annotations`: Ninja reads the annotations at runtime.
"""

from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from kaimen.accounts.api import bearer
from kaimen.campaigns.models import Campaign, Project
from kaimen.campaigns.schemas import (
    CampaignDetailOut,
    CampaignOut,
    ProjectOut,
    ProjectPatchIn,
)
from kaimen.campaigns.selectors import (
    campaign_get_for,
    campaign_list_for,
    project_get_for,
    project_list_for,
)
from kaimen.campaigns.services import TargetData, project_update
from kaimen.core.api import READ_ERRORS, WRITE_ERRORS, ValidationErrorOut
from kaimen.core.errors import ApplicationError
from kaimen.core.permissions import require
from kaimen.orgs.models import Organization
from kaimen.orgs.selectors import unit_choices_for

router = Router(tags=["campaigns"])
MAX_LIMIT = 500


@router.get(
    "/campaigns",
    response={200: list[CampaignOut], **READ_ERRORS, 422: ValidationErrorOut},
    url_name="campaign_list",
)
def campaign_list(
    request: HttpRequest,
    year: int | None = None,
    limit: Annotated[int | None, Query(ge=1, le=MAX_LIMIT)] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[Campaign]:
    """The campaigns the caller may see, newest year first. Optional `limit` (at most 500)
    and `offset` take a page of that order; the answer stays a plain list."""
    campaigns = campaign_list_for(user=request.user, year=year).order_by(
        "-year", "issuer__path", "pk"
    )
    if limit is None:
        return list(campaigns[offset:])
    return list(campaigns[offset : offset + limit])


@router.get(
    "/campaigns/{int:id}",
    response={200: CampaignDetailOut, **READ_ERRORS},
    url_name="campaign_detail",
)
def campaign_detail(request: HttpRequest, id: int) -> dict[str, Any]:
    """One campaign with the projects of it the caller may see."""
    campaign = campaign_get_for(user=request.user, pk=id)
    projects = list(project_list_for(user=request.user, campaign=campaign))
    return {
        "id": campaign.pk,
        "year": campaign.year,
        "issuer": campaign.issuer,
        "title": campaign.title,
        "intro": campaign.intro,
        "state": campaign.state,
        "project_count": campaign.project_count,  # type: ignore[attr-defined]
        "projects": projects,
    }


@router.get(
    "/projects/{int:id}", response={200: ProjectOut, **READ_ERRORS}, url_name="project_detail"
)
def project_detail(request: HttpRequest, id: int) -> Project:
    """One project: the commission's setting, the lead unit's answer, outcomes and figures."""
    return project_get_for(user=request.user, pk=id)


@router.patch(
    "/projects/{int:id}",
    auth=bearer,
    response={200: ProjectOut, **WRITE_ERRORS},
    url_name="project_detail",
)
def project_patch(request: HttpRequest, id: int, payload: ProjectPatchIn) -> Project:
    """Change a project (bearer token required). Send the `version` you read: if someone saved
    since, nothing is changed and the answer is 409 with `code` "stale"."""
    project = project_get_for(user=request.user, pk=id)
    project_update(
        actor=request.user,
        project=project,
        version=payload.version,
        title=payload.title,
        theme=payload.theme,
        goal=payload.goal,
        plan=payload.plan,
        lead_units=_lead_units(request.user, project, payload.lead_units),
        targets=None
        if payload.targets is None
        else [TargetData(**target.model_dump()) for target in payload.targets],
    )
    return project_get_for(user=request.user, pk=id)


def _lead_units(user: Any, project: Project, ids: list[int] | None) -> list[Organization] | None:
    """The organizations named by id, in the order given; only units the caller may assign."""
    if ids is None:
        return None
    require(user, "campaigns.manage_project", project)  # 403 before saying which ids are wrong
    found = {unit.pk: unit for unit in unit_choices_for(user=user).filter(pk__in=ids)}
    unknown = [pk for pk in ids if pk not in found]
    if unknown:
        raise ApplicationError(
            _("牵头单位无效：%s") % ", ".join(map(str, unknown)), code="invalid", field="lead_units"
        )
    return [found[pk] for pk in ids]
